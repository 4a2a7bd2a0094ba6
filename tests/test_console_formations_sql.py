"""The pre-aggregated formation console gives the same rows as the general query."""

from __future__ import annotations

import pandas as pd
import pytest

from orion_data import console
from orion_data.console import ConsoleFilters

CASES = [
    ConsoleFilters(rentree=2022),
    ConsoleFilters(rentree=2022, code_region="84"),
    ConsoleFilters(rentree=2022, code_region="84", code_departement="069"),
    ConsoleFilters(rentree=2022, code_academie="10"),
    ConsoleFilters(rentree=2022, code_departement="974", voie="apprentissage"),
    ConsoleFilters(rentree=2022, code_region="53", voie="ensemble", niveaux=("500",)),
    ConsoleFilters(rentree=2020, code_region="11", recherche="cuisine"),
    ConsoleFilters(rentree=2024, dispositifs=("311",)),
    ConsoleFilters(rentree=2022, code_region="84", quadrants=("Q1", "Q3")),
    ConsoleFilters(rentree=2022, bandes_pression=("≥ 1,3",), familles=()),
]


@pytest.mark.parametrize("filters", CASES, ids=range(len(CASES)))
def test_same_rows_as_general_query(warehouse, filters):
    fast = console.query_console(filters, "formation")
    general = console.query_console(filters, "formation", general=True)
    assert list(fast.columns) == list(general.columns)
    pd.testing.assert_frame_equal(fast, general, check_dtype=False)


def test_inconsistent_territory_uses_general_query(warehouse):
    rows = console.query_console(
        ConsoleFilters(rentree=2022, code_region="11", code_departement="069"), "formation"
    )
    assert rows.empty


def test_reopened_warehouse_gets_derived_tables(warehouse):
    from orion_data import db

    console.query_console(ConsoleFilters(rentree=2022))
    for _ in range(3):
        db.reset()
        rows = console.query_console(ConsoleFilters(rentree=2022, code_region="84"))
        assert not rows.empty


@pytest.mark.parametrize("filters", CASES, ids=range(len(CASES)))
def test_effectifs_equal_console_columns(warehouse, filters):
    expected = console.console(filters)[["cfd", "dispositif", "effectif_entree", "nombre_eleves"]]
    pd.testing.assert_frame_equal(console.effectifs(filters), expected, check_dtype=False)


def test_effectifs_of_2020_are_known(warehouse):
    rows = console.effectifs(ConsoleFilters(rentree=2020, code_region="53"))
    assert rows["effectif_entree"].notna().any()
    assert rows["nombre_eleves"].notna().any()
