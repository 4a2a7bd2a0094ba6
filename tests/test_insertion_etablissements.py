"""InserJeunes rates per établissement, on a tiny warehouse and on the real one.

The real expected values are read from the raw files: the `ensemble` row of 0010001W in
data/raw/trajectoires-pro/depp-2022-etablissements-2022_2023-pro.csv, the `cumul 2022-2023`
row of 0010826T in data/raw/AnalyseCFA-DonneesInserJeunes/fr-en-inserjeunes-cfa.csv, and the
terminales_pro and cap_2nde_annee of 0010001W for the rentrées 2021 and 2022 in
data/raw/Parcoursup_ISD/fr-en-lycee_pro-effectifs-niveau-sexe-lv.csv.
"""

from __future__ import annotations

import pandas as pd
import pytest

from orion_data import db
from orion_data import insertion_etablissements as etab
from orion_data.insertion_etablissements import EtablissementFilters
from tests.insertion_synthetic import write_warehouse

FILTERS = EtablissementFilters("2021_2022")


@pytest.fixture
def synthetic(tmp_path, monkeypatch):
    folder = write_warehouse(tmp_path / "warehouse")
    monkeypatch.setenv("ORION_WAREHOUSE", str(folder))
    etab.clear()
    yield folder
    etab.clear()
    db.reset()


def _by_uai(frame):
    return frame.set_index("uai")


# --- Synthetic warehouse ---------------------------------------------------------------------


def test_ranked_by_valeur_ajoutee(synthetic):
    rows = etab.etablissements(FILTERS)
    assert rows["uai"].tolist() == ["0000001A", "0000002B", "0000003C"]
    assert rows["rang"].tolist()[:2] == [1, 2]


def test_missing_value_has_no_rank(synthetic):
    rows = _by_uai(etab.etablissements(FILTERS))
    assert pd.isna(rows.loc["0000003C", "rang"])


def test_ascending_keeps_missing_last(synthetic):
    rows = etab.etablissements(FILTERS.replace(decroissant=False))
    assert rows["uai"].tolist() == ["0000002B", "0000001A", "0000003C"]


def test_rank_on_another_column(synthetic):
    rows = etab.etablissements(FILTERS.replace(tri="taux_emploi_6_mois_attendu"))
    assert rows["uai"].tolist()[:2] == ["0000001A", "0000002B"]


def test_rates_become_shares(synthetic):
    row = _by_uai(etab.etablissements(FILTERS)).loc["0000001A"]
    assert row["taux_emploi_6_mois"] == pytest.approx(0.60)
    assert row["valeur_ajoutee"] == 5


def test_region_filter(synthetic):
    rows = etab.etablissements(FILTERS.replace(code_region="84"))
    assert set(rows["uai"]) == {"0000001A", "0000003C"}


def test_secteur_filter(synthetic):
    rows = etab.etablissements(FILTERS.replace(secteurs=("privé",)))
    assert rows["uai"].tolist() == ["0000002B"]


def test_unknown_secteur_is_a_choice(synthetic):
    rows = etab.etablissements(FILTERS.replace(secteurs=(etab.SECTEUR_INCONNU,)))
    assert rows["uai"].tolist() == ["0000003C"]


def test_cfa_apart_from_lycees(synthetic):
    rows = etab.etablissements(FILTERS.replace(type_etablissement="cfa", champ="apprentissage"))
    assert rows["uai"].tolist() == ["0000004D"]


def test_champ_filter(synthetic):
    rows = etab.etablissements(FILTERS.replace(champ="apprentissage"))
    assert rows["uai"].tolist() == ["0000001A"]
    assert rows["taux_emploi_6_mois"].iloc[0] == pytest.approx(0.70)


def test_pupils_of_both_rentrees(synthetic):
    rows = _by_uai(etab.etablissements(FILTERS))
    assert rows.loc["0000001A", "eleves_derniere_annee"] == 100 + 20 + 110 + 25


def test_pupils_missing_a_rentree(synthetic):
    rows = _by_uai(etab.etablissements(FILTERS))
    assert pd.isna(rows.loc["0000002B", "eleves_derniere_annee"])


def test_pupils_not_given_for_apprentis(synthetic):
    rows = etab.etablissements(FILTERS.replace(champ="apprentissage"))
    assert pd.isna(rows["eleves_derniere_annee"].iloc[0])


def test_sort_column_outside_allow_list(synthetic):
    with pytest.raises(ValueError, match="Cannot sort"):
        etab.etablissements(FILTERS.replace(tri="valeur_ajoutee; DROP TABLE etablissements"))


def test_filter_values_are_parameters(synthetic):
    rows = etab.etablissements(FILTERS.replace(code_region="84' OR '1'='1"))
    assert rows.empty


def test_rentrees_of_millesime():
    assert etab.rentrees_derniere_annee("2021_2022") == (2020, 2021)


def test_millesimes_per_type(synthetic):
    assert etab.millesimes("cfa") == ("2021_2022", "2020_2021")
    assert etab.millesimes("lycee") == ("2021_2022",)


def test_champs_ensemble_first(synthetic):
    assert etab.champs("lycee") == ("ensemble", "apprentissage")


def test_secteurs_include_unknown(synthetic):
    assert etab.secteurs("lycee") == ("non renseigné", "privé", "public")


def test_published_columns(synthetic):
    published = etab.colonnes_publiees("2021_2022", "cfa")
    assert "taux_emploi_18_mois" in published
    assert "taux_emploi_24_mois" not in published


# --- Real warehouse ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_lycee(warehouse):
    rows = etab.etablissements(EtablissementFilters("2022_2023", code_region="84"))
    return _by_uai(rows).loc["0010001W"]


@pytest.fixture(scope="module")
def real_cfa(warehouse):
    filters = EtablissementFilters("2022_2023", "cfa", "apprentissage", code_region="84")
    return _by_uai(etab.etablissements(filters)).loc["0010826T"]


def test_real_lycee_valeur_ajoutee(real_lycee):
    assert real_lycee["valeur_ajoutee"] == 10


def test_real_lycee_rates(real_lycee):
    assert real_lycee["taux_emploi_6_mois"] == pytest.approx(0.51)
    assert real_lycee["taux_emploi_6_mois_attendu"] == pytest.approx(0.41)
    assert real_lycee["taux_poursuite_etudes"] == pytest.approx(0.54)


def test_real_lycee_devenir_shares(real_lycee):
    assert real_lycee["part_poursuite_etudes"] == pytest.approx(0.54)
    assert real_lycee["part_emploi_6_mois"] == pytest.approx(0.23)
    assert real_lycee["part_autre_situation"] == pytest.approx(0.23)


def test_real_lycee_secteur(real_lycee):
    assert real_lycee["secteur"] == "public"


def test_real_lycee_pupils(real_lycee):
    assert real_lycee["eleves_derniere_annee"] == 137 + 154 + 55 + 52


def test_real_cfa_rates(real_cfa):
    assert real_cfa["valeur_ajoutee"] == 1
    assert real_cfa["taux_emploi_6_mois"] == pytest.approx(0.70)
    assert real_cfa["taux_poursuite_etudes"] == pytest.approx(0.42)
    assert real_cfa["taux_emploi_12_mois"] == pytest.approx(0.75)


def test_real_cfa_has_no_pupils(real_cfa):
    assert pd.isna(real_cfa["eleves_derniere_annee"])


def test_real_lycee_24_mois_only_2018_2019(warehouse):
    assert "taux_emploi_24_mois" in etab.colonnes_publiees("2018_2019", "lycee")
    assert "taux_emploi_24_mois" not in etab.colonnes_publiees("2019_2020", "lycee")
