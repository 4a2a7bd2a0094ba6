"""Territoires and BCN nomenclatures, checked against rows read by hand in data/raw."""

from __future__ import annotations

import pytest


def test_territoires_101_departements(query):
    assert query("SELECT count(*) FROM territoires") == [(101,)]


@pytest.mark.parametrize("code", ["985", "130", "975", "977", "978", "986", "987", "988", "990"])
def test_territoires_drop_non_departement(query, code):
    assert query("SELECT count(*) FROM territoires WHERE code_departement = ?", code) == [(0,)]


def test_departement_keeps_zeros(query):
    rows = query(
        "SELECT code_region, code_academie, libelle_departement FROM territoires "
        "WHERE code_departement = '001'"
    )

    assert rows == [("84", "10", "Ain")]


def test_corse_code_02a(query):
    rows = query("SELECT code_region FROM territoires WHERE code_departement = '02A'")

    assert rows == [("94",)]


def test_mayotte_new_code_kept(query):
    rows = query("SELECT code_region FROM territoires WHERE code_departement = '976'")

    assert rows == [("06",)]


def test_formation_enriched(query):
    # vFormationDiplome: 40025214, niveau 400, groupe 252 (domaine 25), famille de métiers
    # "Métiers de la maintenance des matériels et des véhicules" in familleMetiers.csv.
    rows = query(
        "SELECT niveau_diplome, libelle_niveau, groupe_specialite, code_domaine, "
        "libelle_domaine, famille_metiers, date_ouverture, date_fermeture "
        "FROM formations WHERE cfd = '40025214'"
    )

    assert rows[0][:6] == (
        "400",
        "BAC PRO",
        "252",
        "25",
        "MECANIQUE ELECTRICITE ELECTRONIQUE",
        "Métiers de la maintenance des matériels et des véhicules",
    )
    assert str(rows[0][6]) == "2014-09-01"
    assert str(rows[0][7]) == "2028-08-31"


def test_current_table_wins(query):
    # vFormationDiplome has no closing date for 32022106; nFormationDiplome closes it in 2026.
    rows = query("SELECT CAST(date_fermeture AS VARCHAR) FROM formations WHERE cfd = '32022106'")

    assert rows == [("2026-08-31",)]


def test_current_only_cfd_added(query):
    # 45321206 is in nFormationDiplome_.csv only.
    rows = query("SELECT libelle FROM formations WHERE cfd = '45321206'")

    assert rows == [("RESPONSABLE D'ENTREPRISE HIPPIQUE (BP)",)]


def test_formations_full_history(query):
    # 11,261 CFDs of vFormationDiplome plus 9 found only in nFormationDiplome.
    assert query("SELECT count(*) FROM formations") == [(11_270,)]


def test_dispositif_label(query):
    rows = query(
        "SELECT libelle_dispositif, niveau_diplome FROM dispositifs WHERE dispositif = '247'"
    )

    assert rows == [("BAC PROFESSIONNEL EN 3 ANS", "400")]


@pytest.mark.parametrize(
    ("mefstat11", "annee_entree"),
    [
        ("23820025214", 2),  # 1re pro of a spécialité of a famille de métiers
        ("23810020006", 1),  # the 2nde commune of that famille
        ("32221022311", 2),  # 2nd year of a BTS option after a common year
        ("32111022311", 1),  # the same option as a 1-year BTS: no common year
        ("32211022207", 1),  # a BTS without options
    ],
)
def test_mef_annee_entree(query, mefstat11, annee_entree):
    rows = query("SELECT annee_entree FROM mef WHERE mefstat11 = ?", mefstat11)

    assert rows == [(annee_entree,)]


def test_duplicated_mef_keeps_latest(query):
    # nMef lists 32710013401 as a DMA closed in 2019 and as a DN MADE opened in 2019.
    rows = query("SELECT cfd, dispositif FROM mef WHERE mefstat11 = '32710013401'")

    assert rows == [("24113401", "418")]


def test_mef_with_letters_kept(query):
    rows = query("SELECT count(*) FROM mef WHERE mefstat11 = '23C10022317'")

    assert rows == [(1,)]


def test_familles_metiers_rows(query):
    assert query("SELECT count(*) FROM familles_metiers") == [(90,)]
