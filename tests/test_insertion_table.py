"""Cells, headers and exports of the insertion tables, on the tiny warehouse."""

from __future__ import annotations

import pytest

from orion_data import db, exports
from orion_data import insertion as ins
from orion_data import insertion_etablissements as etab
from orion_data import insertion_table as table
from orion_data.insertion import FormationFilters
from tests.insertion_synthetic import write_warehouse

INDEX = ["millesime", "libelle_formation", "cfd", "niveau_diplome", "libelle_niveau"]
TAUX = ["taux_emploi_6_mois", "taux_emploi_18_mois", "taux_poursuite"]


@pytest.fixture
def synthetic(tmp_path, monkeypatch):
    folder = write_warehouse(tmp_path / "warehouse")
    monkeypatch.setenv("ORION_WAREHOUSE", str(folder))
    ins.clear()
    etab.clear()
    yield folder
    ins.clear()
    etab.clear()
    db.reset()


@pytest.fixture
def cells(synthetic):
    rows = ins.par_formation(FormationFilters("2021_2022", code_region="11"))
    wide = ins.cote_a_cote(rows, INDEX, ins.VOIES)
    columns = table.colonnes_formation(TAUX, ins.VOIES)
    return table.cellules_formation(wide, table.IDENTITE_FORMATION, columns).iloc[0]


def test_columns_voies_side_by_side():
    assert table.colonnes_formation(["taux_poursuite"], ins.VOIES) == [
        "scolaire__taux_poursuite",
        "apprentissage__taux_poursuite",
        "scolaire__nb_annee_term",
        "apprentissage__nb_annee_term",
    ]


def test_suppressed_rate_cell(cells):
    assert cells["scolaire__taux_emploi_6_mois"] == "< 20 sortants"


def test_suppressed_keeps_denominator(cells):
    assert cells["scolaire__nb_sortants_6_mois"] == 10


def test_suppressed_poursuite_cell(cells):
    assert cells["scolaire__taux_poursuite"] == "< 20 élèves"


def test_absent_voie_cell(cells):
    assert cells["apprentissage__taux_emploi_6_mois"] == "non disponible"
    assert cells["apprentissage__nb_sortants_6_mois"] == "non disponible"


def test_unpublished_horizon_cell(cells):
    assert cells["scolaire__taux_emploi_18_mois"] == "non disponible"


def test_text_formats_numbers_keeps_reasons(synthetic):
    rows = ins.par_formation(FormationFilters("2021_2022"))
    wide = ins.cote_a_cote(rows, INDEX, ins.VOIES)
    cells = table.cellules_formation(
        wide, table.IDENTITE_FORMATION, table.colonnes_formation(TAUX, ins.VOIES)
    )
    text = table.textes(cells, lambda v: f"{v * 100:.0f} %", lambda v: str(int(v)))
    row = text.set_index("cfd").loc["50000001"]
    assert row["scolaire__taux_emploi_6_mois"] == "50 %"
    assert row["scolaire__nb_sortants_6_mois"] == "40"
    assert row["scolaire__taux_emploi_18_mois"] == "non disponible"


def test_export_in_percent_with_reasons(cells):
    values = table.pour_export(cells.to_frame().T)
    assert values["scolaire__taux_emploi_6_mois"].iloc[0] == "< 20 sortants"


def test_export_rate_rounded_percent(synthetic):
    rows = ins.par_formation(FormationFilters("2021_2022"))
    wide = ins.cote_a_cote(rows, INDEX, ins.VOIES)
    cells = table.cellules_formation(
        wide, table.IDENTITE_FORMATION, table.colonnes_formation(["taux_poursuite"], ins.VOIES)
    )
    values = table.pour_export(cells).set_index("cfd")
    assert values.loc["50000001", "scolaire__taux_poursuite"] == 37.5


def test_csv_shows_reason(cells):
    frame = table.pour_export(cells.to_frame().T)
    headers = table.entetes_export(frame.columns)
    text = exports.to_csv_bytes(frame, headers).decode("utf-8-sig")
    assert "Taux d'emploi à 6 mois · scolaire (%)" in text
    assert ";< 20 sortants;" in text


def test_header_names_voie():
    assert table.libelle("apprentissage__taux_emploi_6_mois") == (
        "Taux d'emploi à 6 mois · apprentissage"
    )
    assert table.libelle("ensemble__nb_sortants_6_mois") == (
        "Sortants (emploi à 6 mois) · deux voies réunies"
    )


def test_header_of_pupils_names_rentrees():
    header = table.libelle("eleves_derniere_annee", (2021, 2022))
    assert "rentrées 2021 + 2022" in header
    assert "statut scolaire" in header


def test_denominator_help():
    assert table.aide("scolaire__nb_annee_term") == (
        "Dénominateur du taux de poursuite d'études."
    )


def test_etablissement_cells(synthetic):
    rows = etab.etablissements(etab.EtablissementFilters("2021_2022"))
    columns = table.colonnes_etablissement(etab.colonnes_publiees("2021_2022", "lycee"), True)
    cells = table.cellules_etablissement(rows, columns).set_index("uai")
    assert cells.loc["0000003C", "valeur_ajoutee"] == "non disponible"
    assert cells.loc["0000003C", "rang"] == "non classé"
    assert cells.loc["0000003C", "secteur"] == "non renseigné"


def test_etablissement_columns_published_only(synthetic):
    columns = table.colonnes_etablissement(etab.colonnes_publiees("2021_2022", "lycee"), False)
    assert "taux_emploi_12_mois" not in columns
    assert columns[0] == "valeur_ajoutee"


@pytest.mark.parametrize(
    ("value", "text"), [(5, "+5 pts"), (-3, "-3 pts"), (0, "0 pt"), (1, "+1 pts")]
)
def test_points(value, text):
    assert table.points(value) == text


def test_series_keeps_known_rates(synthetic):
    data = table.series(ins.historique("50000001", "84"), ["taux_emploi_6_mois"])
    assert set(data["territoire"]) == {"France", "Auvergne-Rhône-Alpes"}
    assert set(data["voie"]) == {"scolaire", "apprentissage"}


def test_series_leaves_out_suppressed(synthetic):
    data = table.series(ins.historique("50000001", "11"), ["taux_emploi_6_mois"])
    assert set(data["territoire"]) == {"France"}
