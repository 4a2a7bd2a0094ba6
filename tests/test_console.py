"""The console query on the real warehouse, against values computed by hand from data/raw.

The expected numbers were summed with Python's csv module straight from the raw files:
attractivite_capacite_2022.csv (duplicate UAI × MEF rows summed, capacities outside 5..500
left out of both sums), ij_region_data.csv (rows whose counts are blank left out), and
departements_academies_regions.csv for the région of each UAI prefix.
"""

from __future__ import annotations

import pytest

from orion_data import console
from orion_data.console import ConsoleFilters

CAP_CUISINE = "50022139"


@pytest.fixture(scope="module")
def cuisine(warehouse):
    filters = ConsoleFilters(rentree=2022, recherche=CAP_CUISINE)
    national = console.console(filters).set_index("dispositif").loc["241"]
    regional = console.console(filters.replace(code_region="84")).set_index("dispositif").loc["241"]
    return national, regional


def test_pression_national(cuisine):
    national, _ = cuisine
    assert national["taux_pression"] == pytest.approx(4417 / 2734)


def test_pression_region(cuisine):
    _, regional = cuisine
    assert regional["taux_pression"] == pytest.approx(399 / 336)


def test_capacite_region(cuisine):
    _, regional = cuisine
    assert regional["capacite"] == 336


def test_emploi_national(cuisine):
    national, _ = cuisine
    assert national["taux_emploi_6_mois"] == pytest.approx(573 / 2157)


def test_emploi_denominator_national(cuisine):
    national, _ = cuisine
    assert national["nb_sortants"] == 2157


def test_poursuite_region(cuisine):
    _, regional = cuisine
    assert regional["taux_poursuite"] == pytest.approx(314 / 549)


def test_quadrant_needs_a_region(cuisine):
    national, _ = cuisine
    assert national["quadrant"] == "hors quadrant"


def test_quadrant_in_region(cuisine):
    _, regional = cuisine
    assert regional["quadrant"] in ("Q1", "Q2", "Q3", "Q4")


def test_bts_has_no_pression(warehouse):
    rows = console.console(ConsoleFilters(rentree=2022, niveaux=("320",)))
    assert rows["taux_pression"].isna().all()


def test_bts_has_demande(warehouse):
    rows = console.console(ConsoleFilters(rentree=2022, niveaux=("320",)))
    assert rows["taux_demande"].notna().any()


def test_region_filter_narrows(warehouse):
    national = console.console(ConsoleFilters(rentree=2022))
    regional = console.console(ConsoleFilters(rentree=2022, code_region="84"))
    assert 0 < len(regional) < len(national)


def test_search_ignores_accents_and_case(warehouse):
    plain = console.console(ConsoleFilters(rentree=2022, recherche="electricite"))
    accented = console.console(ConsoleFilters(rentree=2022, recherche="ÉLECTRICITÉ"))
    assert len(plain) > 0
    assert len(plain) == len(accented)


def test_search_with_sql_wildcards_is_literal(warehouse):
    rows = console.console(ConsoleFilters(rentree=2022, recherche="%' OR 1=1 --"))
    assert rows.empty


def test_effectifs_rentree_2020(warehouse):
    rows = console.console(ConsoleFilters(rentree=2020, dispositifs=("247",)))
    assert rows["effectif_1"].sum() > 0


def test_no_infinite_rates(warehouse):
    rows = console.console(ConsoleFilters(rentree=2022))
    rates = rows[["taux_pression", "taux_demande", "taux_emploi_6_mois", "taux_poursuite"]]
    assert not (rates == float("inf")).any().any()


def test_offre_grain_has_identity(warehouse):
    rows = console.console(ConsoleFilters(rentree=2022, code_departement="001"), "offre")
    assert rows["uai"].str.fullmatch(r"[0-9]{7}[A-Z]").all()


def test_offre_grain_uses_school_region(warehouse):
    rows = console.console(ConsoleFilters(rentree=2022, recherche=CAP_CUISINE), "offre")
    in_84 = rows[rows["uai"].str[:3].isin(["001", "003", "007", "015", "026", "038", "042",
                                             "043", "063", "069", "073", "074"])]
    assert in_84["taux_poursuite"].dropna().round(6).unique().tolist() == [round(314 / 549, 6)]


def test_offre_result_is_a_copy(warehouse):
    filters = ConsoleFilters(rentree=2022, code_departement="001")
    first = console.console(filters, "offre")
    first["uai"] = "changed"
    second = console.console(filters, "offre")
    assert (second["uai"] != "changed").all()


def test_offre_cache_keeps_row_budget(warehouse, monkeypatch):
    monkeypatch.setattr(console, "OFFRES_EN_CACHE", 1_000)
    console.clear()
    for code in ("001", "069", "038", "074"):
        console.console(ConsoleFilters(rentree=2022, code_departement=code), "offre")
    cached_rows = sum(len(frame) for frame in console._offres.values())
    assert len(console._offres) >= 1
    assert cached_rows <= 1_000 or len(console._offres) == 1
    console.clear()


@pytest.mark.parametrize("text", ["œuvre", "Œuvre", "oeuvre"])
def test_search_reads_ligatures(warehouse, text):
    rows = console.query_console(ConsoleFilters(rentree=2022, code_region="84", recherche=text),
                                 "offre")
    assert len(rows) == 12
