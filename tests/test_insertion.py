"""InserJeunes rates per formation and territory, on a tiny warehouse and on the real one.

The real expected numbers were summed straight from
data/raw/tjp-pilotage-history/ij_region_data.csv with awk and Python's csv module: per
millésime × voie, the rows of the formation over every région, leaving out the rows whose
counts are blank. Scolaire rows carry a MEFSTAT11, mapped to its CFD with
data/raw/tjp-pilotage/nMef.csv (MEF_STAT_11 → FORMATION_DIPLOME).
"""

from __future__ import annotations

import pandas as pd
import pytest

from orion_data import db
from orion_data import insertion as ins
from orion_data.insertion import FormationFilters
from tests.insertion_synthetic import write_warehouse

CAP = "50000001"
BAC = "40000002"
INDEX = ["millesime", "libelle_formation", "cfd", "niveau_diplome", "libelle_niveau"]


@pytest.fixture
def synthetic(tmp_path, monkeypatch):
    folder = write_warehouse(tmp_path / "warehouse")
    monkeypatch.setenv("ORION_WAREHOUSE", str(folder))
    ins.clear()
    yield folder
    ins.clear()
    db.reset()


def _row(frame, cfd, voie):
    rows = frame[(frame["cfd"] == cfd) & (frame["voie"] == voie)]
    assert len(rows) == 1, f"expected one row for {cfd} {voie}, got {len(rows)}"
    return rows.iloc[0]


def _france(**changes):
    return ins.par_formation(FormationFilters("2021_2022", **changes))


# --- Synthetic warehouse ---------------------------------------------------------------------


def test_national_is_ratio_of_sums(synthetic):
    row = _row(_france(), CAP, "scolaire")
    assert row["taux_emploi_6_mois"] == pytest.approx((12 + 8) / (30 + 10))


def test_national_denominator(synthetic):
    row = _row(_france(), CAP, "scolaire")
    assert row["nb_sortants_6_mois"] == 40


def test_blank_counts_left_out(synthetic):
    row = _row(_france(), CAP, "scolaire")
    assert row["nb_annee_term"] == 50 + 14
    assert row["nb_lignes"] == 3


def test_poursuite_national(synthetic):
    row = _row(_france(), CAP, "scolaire")
    assert row["taux_poursuite"] == pytest.approx(24 / 64)


def test_devenir_favorable_national(synthetic):
    row = _row(_france(), CAP, "scolaire")
    assert row["taux_devenir_favorable"] == pytest.approx((24 + 20) / 64)


def test_region_below_threshold(synthetic):
    row = _row(_france(code_region="11"), CAP, "scolaire")
    assert pd.isna(row["taux_emploi_6_mois"])
    assert row["nb_sortants_6_mois"] == 10
    assert row["statut_taux_emploi_6_mois"] == "< 20 sortants"


def test_poursuite_below_threshold_counts_eleves(synthetic):
    row = _row(_france(code_region="11"), CAP, "scolaire")
    assert row["statut_taux_poursuite"] == "< 20 élèves"


def test_blank_region_reads_suppressed(synthetic):
    row = _row(_france(code_region="93"), CAP, "scolaire")
    assert row["statut_taux_emploi_6_mois"] == "< 20 sortants"


def test_known_rate_has_no_status(synthetic):
    row = _row(_france(), CAP, "scolaire")
    assert row["statut_taux_emploi_6_mois"] is None


def test_unpublished_horizon_not_available(synthetic):
    row = _row(_france(code_region="84"), CAP, "scolaire")
    assert row["statut_taux_emploi_18_mois"] == "non disponible"


def test_published_horizon(synthetic):
    rows = ins.par_formation(FormationFilters("2020_2021"))
    assert _row(rows, CAP, "scolaire")["taux_emploi_24_mois"] == pytest.approx(15 / 25)


def test_horizons_from_counts(synthetic):
    assert ins.horizons("2021_2022") == (6, 12)
    assert ins.horizons("2020_2021") == (6, 12, 18, 24)


def test_voies_kept_apart(synthetic):
    rows = _france()
    assert set(rows[rows["cfd"] == CAP]["voie"]) == {"scolaire", "apprentissage"}
    assert _row(rows, CAP, "apprentissage")["taux_emploi_6_mois"] == pytest.approx(20 / 25)


def test_ensemble_only_on_request(synthetic):
    assert "ensemble" not in set(_france()["voie"])


def test_ensemble_sums_both_voies(synthetic):
    row = _row(_france(ensemble=True), CAP, "ensemble")
    assert row["taux_emploi_6_mois"] == pytest.approx((12 + 8 + 20) / (30 + 10 + 25))
    assert row["nb_sortants_6_mois"] == 65


def test_ensemble_leaves_voies_unchanged(synthetic):
    row = _row(_france(ensemble=True), CAP, "scolaire")
    assert row["nb_sortants_6_mois"] == 40


def test_search_ignores_accents(synthetic):
    assert set(_france(recherche="patisserie")["cfd"]) == {CAP}
    assert set(_france(recherche="Pâtiss")["cfd"]) == {CAP}


def test_search_by_cfd_prefix(synthetic):
    assert set(_france(recherche="4000")["cfd"]) == {BAC}


def test_niveau_filter(synthetic):
    assert set(_france(niveaux=("400",))["cfd"]) == {BAC}


def test_niveaux_with_data(synthetic):
    assert ins.niveaux()["niveau_diplome"].tolist() == ["400", "500"]


def test_pivot_puts_voies_side_by_side(synthetic):
    wide = ins.cote_a_cote(_france(), INDEX, ins.VOIES)
    row = wide.set_index("cfd").loc[CAP]
    assert row["scolaire__nb_sortants_6_mois"] == 40
    assert row["apprentissage__nb_sortants_6_mois"] == 25


def test_pivot_missing_voie_not_available(synthetic):
    wide = ins.cote_a_cote(_france(), INDEX, ins.VOIES)
    row = wide.set_index("cfd").loc[BAC]
    assert row["apprentissage__statut_taux_emploi_6_mois"] == "non disponible"
    assert row["scolaire__statut_taux_emploi_6_mois"] == "< 20 sortants"


def test_pivot_keeps_query_order(synthetic):
    wide = ins.cote_a_cote(_france(), INDEX, ins.VOIES)
    assert wide["libelle_formation"].tolist() == ["CUISINE (BAC PRO)", "PÂTISSERIE (CAP)"]


def test_history_france_then_region(synthetic):
    history = ins.historique(CAP, "11")
    rows = history[(history["millesime"] == "2021_2022") & (history["voie"] == "scolaire")]
    assert rows["territoire"].tolist() == ["France", "Île-de-France"]


def test_history_france_sums_regions(synthetic):
    history = ins.historique(CAP)
    france = history[
        (history["millesime"] == "2021_2022")
        & (history["voie"] == "scolaire")
        & history["code_region"].isna()
    ].iloc[0]
    assert france["nb_sortants_6_mois"] == 40


def test_history_every_region_without_filter(synthetic):
    history = ins.historique(CAP)
    rows = history[(history["millesime"] == "2021_2022") & (history["voie"] == "scolaire")]
    assert sorted(rows["code_region"].dropna()) == ["11", "84", "93"]


def test_history_covers_millesimes(synthetic):
    assert sorted(set(ins.historique(CAP)["millesime"])) == ["2020_2021", "2021_2022"]


# --- Real warehouse: CAP cuisine and BTS podo-orthésiste, millésime 2022_2023 ----------------

CUISINE = "50022139"
PODO = "32033105"


@pytest.fixture(scope="module")
def cuisine(warehouse):
    filters = FormationFilters("2022_2023", recherche=CUISINE, ensemble=True)
    rows = ins.par_formation(filters)
    regional_filters = FormationFilters("2022_2023", code_region="84", recherche=CUISINE)
    regional = ins.par_formation(regional_filters)
    return rows, regional


def test_real_emploi_scolaire_france(cuisine):
    row = _row(cuisine[0], CUISINE, "scolaire")
    assert row["taux_emploi_6_mois"] == pytest.approx(703 / 2099)
    assert row["nb_sortants_6_mois"] == 2099


def test_real_emploi_apprentissage_france(cuisine):
    row = _row(cuisine[0], CUISINE, "apprentissage")
    assert row["taux_emploi_6_mois"] == pytest.approx(4295 / 7270)
    assert row["nb_sortants_6_mois"] == 7270


def test_real_emploi_12_mois_france(cuisine):
    row = _row(cuisine[0], CUISINE, "scolaire")
    assert row["taux_emploi_12_mois"] == pytest.approx(863 / 2099)


def test_real_poursuite_scolaire_france(cuisine):
    row = _row(cuisine[0], CUISINE, "scolaire")
    assert row["taux_poursuite"] == pytest.approx(2335 / 4434)
    assert row["nb_annee_term"] == 4434


def test_real_devenir_favorable_france(cuisine):
    row = _row(cuisine[0], CUISINE, "scolaire")
    assert row["taux_devenir_favorable"] == pytest.approx(3038 / 4434)


def test_real_emploi_scolaire_region(cuisine):
    row = _row(cuisine[1], CUISINE, "scolaire")
    assert row["taux_emploi_6_mois"] == pytest.approx(91 / 227)
    assert row["nb_sortants_6_mois"] == 227


def test_real_voies_not_summed(cuisine):
    rows = cuisine[0]
    assert _row(rows, CUISINE, "scolaire")["nb_sortants_6_mois"] == 2099
    assert _row(rows, CUISINE, "ensemble")["taux_emploi_6_mois"] == pytest.approx(4998 / 9369)


def test_real_18_mois_not_published(cuisine):
    row = _row(cuisine[0], CUISINE, "scolaire")
    assert row["statut_taux_emploi_18_mois"] == "non disponible"


def test_real_suppressed_emploi(warehouse):
    rows = ins.par_formation(FormationFilters("2022_2023", recherche=PODO))
    row = _row(rows, PODO, "apprentissage")
    assert row["nb_sortants_6_mois"] == 18
    assert row["statut_taux_emploi_6_mois"] == "< 20 sortants"


def test_real_poursuite_published_beside_suppressed(warehouse):
    rows = ins.par_formation(FormationFilters("2022_2023", recherche=PODO))
    row = _row(rows, PODO, "apprentissage")
    assert row["taux_poursuite"] == pytest.approx(22 / 40)


def test_real_horizons(warehouse):
    assert ins.horizons("2019_2020") == (6, 12, 18, 24)
    assert ins.horizons("2022_2023") == (6, 12)


def test_real_search_reads_ligatures(warehouse):
    millesime = "2022_2023"
    with_ligature = ins.par_formation(ins.FormationFilters(millesime, recherche="œuvre"))
    without = ins.par_formation(ins.FormationFilters(millesime, recherche="oeuvre"))
    assert not with_ligature.empty
    assert with_ligature["cfd"].tolist() == without["cfd"].tolist()
