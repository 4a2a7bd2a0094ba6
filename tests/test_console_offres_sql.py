"""The établissement console against the formation console and the raw files.

Each offer shows the exit rates of its formation in its région, so they must equal, with
their denominators, the formation console's row for that région. Summing the offers' entry
counts per formation must give the formation console's counts.
"""

from __future__ import annotations

import pandas as pd
import pytest

from orion_data import console
from orion_data.console import ConsoleFilters

EXIT_COLUMNS = [
    "taux_emploi_6_mois", "nb_sortants", "taux_emploi_12_mois", "taux_emploi_18_mois",
    "taux_emploi_24_mois", "taux_poursuite", "nb_annee_term", "taux_devenir_favorable",
    "moyenne_emploi", "moyenne_poursuite", "quadrant",
]
ENTRY_COLUMNS = ["effectif_entree", "nombre_eleves", "capacite", "voeux", "capacite_scolaire"]
CASES = [
    ConsoleFilters(rentree=2022, code_region="84"),
    ConsoleFilters(rentree=2022, code_region="11", voie="ensemble"),
    ConsoleFilters(rentree=2021, code_region="53", voie="apprentissage"),
    ConsoleFilters(rentree=2020, code_region="76"),
]
# BTS Europlastiques et composites (CFD 32022505, dispositif 311), offered by four lycées of
# région 84 at rentrée 2022. Its exit rates are those of millésime 2020_2021. The raw
# ij_region_data.csv row 2020_2021_01_scolaire_32221022505 gives nb_annee_term 12,
# nb_sortant 9, nb_poursuite_etudes 3 and nb_en_emploi_6_mois 5.
EUROPLASTICS = "32022505"


def _formation_rows(filters: ConsoleFilters) -> pd.DataFrame:
    rows = console.query_console(filters, "formation")
    return rows.set_index(["cfd", "dispositif"])


@pytest.mark.parametrize("filters", CASES, ids=range(len(CASES)))
def test_offer_exit_rates_are_regional(warehouse, filters):
    offers = console.query_console(filters, "offre")
    expected = _formation_rows(filters).loc[
        list(zip(offers["cfd"], offers["dispositif"], strict=True)), EXIT_COLUMNS
    ]
    assert not offers.empty
    pd.testing.assert_frame_equal(
        offers[EXIT_COLUMNS].reset_index(drop=True),
        expected.reset_index(drop=True),
        check_dtype=False,
    )


@pytest.mark.parametrize("filters", CASES, ids=range(len(CASES)))
def test_offer_entry_counts_sum_to_formation(warehouse, filters):
    offers = console.query_console(filters, "offre")
    summed = offers.groupby(["cfd", "dispositif"])[ENTRY_COLUMNS].sum(min_count=1)
    expected = _formation_rows(filters).loc[summed.index, ENTRY_COLUMNS]
    pd.testing.assert_frame_equal(summed, expected, check_dtype=False)


@pytest.fixture(scope="module")
def europlastics(warehouse):
    filters = ConsoleFilters(rentree=2022, code_region="84", recherche=EUROPLASTICS)
    return console.query_console(filters, "offre")


def test_europlastics_has_four_offers(europlastics):
    assert len(europlastics) == 4


def test_offer_denominator_not_multiplied(europlastics):
    assert europlastics["nb_annee_term"].tolist() == [12] * 4
    assert europlastics["nb_sortants"].tolist() == [9] * 4


def test_offer_small_cohort_rates_suppressed(europlastics):
    assert europlastics["taux_poursuite"].isna().all()
    assert europlastics["taux_emploi_6_mois"].isna().all()


def test_offer_secteur_filter(warehouse):
    filters = ConsoleFilters(rentree=2022, code_departement="069")
    every = console.query_console(filters, "offre")
    public = console.query_console(filters.replace(secteurs=("public",)), "offre")
    assert 0 < len(public) < len(every)
    assert (public["secteur"] == "public").all()


def test_offer_uai_filter(warehouse):
    filters = ConsoleFilters(rentree=2022, uais=("0011119L",))
    rows = console.query_console(filters, "offre")
    assert not rows.empty
    assert (rows["uai"] == "0011119L").all()


def test_offer_sorted_by_school_then_formation(warehouse):
    rows = console.query_console(ConsoleFilters(rentree=2022, code_departement="001"), "offre")
    # DuckDB sorts missing names last, so a school without a name comes after the others.
    names = rows["libelle_etablissement"]
    keys = list(zip(names.isna(), names.fillna(""), rows["uai"], rows["libelle_formation"],
                    strict=True))
    assert keys == sorted(keys)
