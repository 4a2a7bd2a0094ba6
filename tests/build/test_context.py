"""The sources table that the builders record through the build context."""

from __future__ import annotations

from orion_data.paths import RAW_DIR


def test_periods_from_data(query):
    rows = query(
        "SELECT periode FROM sources WHERE table_name = 'insertion_regionale' AND fichier = ?",
        "tjp-pilotage-history/ij_region_data.csv",
    )

    assert rows == [("2019_2020, 2020_2021, 2021_2022, 2022_2023",)]


def test_rentree_of_affelnet_file(query):
    rows = query(
        "SELECT periode FROM sources WHERE table_name = 'attractivite' AND fichier = ?",
        "tjp-pilotage/2021/attractivite_capacite_2021.csv",
    )

    assert rows == [("2021",)]


def test_cfa_cumuls_listed(query):
    rows = query(
        "SELECT periode FROM sources WHERE table_name = 'insertion_etablissement' AND fichier = ?",
        "AnalyseCFA-DonneesInserJeunes/fr-en-inserjeunes-cfa.csv",
    )

    assert rows == [("2018_2019, 2019_2020, 2020_2021, 2021_2022, 2022_2023, 2023_2024",)]


def test_every_table_has_source(query):
    rows = query("SELECT count(DISTINCT table_name) FROM sources WHERE table_name <> 'sources'")

    assert rows == [(17,)]


def test_sources_are_raw_files(query):
    fichiers = [row[0] for row in query("SELECT DISTINCT fichier FROM sources")]

    assert all((RAW_DIR / fichier).is_file() for fichier in fichiers)
