"""The etablissements table, checked against records read by hand in data/raw."""

from __future__ import annotations

import pytest

ROW = (
    "SELECT libelle, commune, code_departement, code_academie, code_region, secteur, "
    "latitude, longitude, source_coordonnees FROM etablissements WHERE uai = ?"
)


def test_comparateur_first(query):
    # comparateur-lycees/lycees.json, record of 0010001W (type Pro).
    rows = query(ROW, "0010001W")

    assert rows == [
        (
            "Lycee Professionnel Alexandre Berard",
            "Amberieu En Bugey",
            "001",
            "10",
            "84",
            "public",
            45.97496540033305,
            5.350240210822939,
            "comparateur-lycees/lycees.json",
        )
    ]


def test_corse_prefix_620(query):
    rows = query(
        "SELECT code_departement, code_region FROM etablissements WHERE uai = ?", "6200001G"
    )

    assert rows == [("02A", "94")]


def test_lycees_2_coordinates(query):
    # Parcoursup_ISD/lycees_2.csv: 0030073N, PRIVE, 46.10001415611906, 3.194069518816237;
    # the UAI is not in comparateur-lycees.
    rows = query(ROW, "0030073N")

    assert rows[0][5:] == (
        "privé",
        46.10001415611906,
        3.194069518816237,
        "Parcoursup_ISD/lycees_2.csv",
    )


def test_onisep_coordinates(query):
    # onisep_lycee/lycees-donnees-generales.csv: 0750612H, GEO "48.83369773610102,
    # 2.295025036343998"; the UAI is in no other list of lycées.
    rows = query(ROW, "0750612H")

    assert rows == [
        (
            "Lycée technologique Ecole Nationale Supérieure des Arts Appliqués",
            "Paris 15e Arrondissement",
            "075",
            "01",
            "11",
            "public",
            48.83369773610102,
            2.295025036343998,
            "onisep_lycee/lycees-donnees-generales.csv",
        )
    ]


@pytest.mark.parametrize(
    ("uai", "code_departement"),
    [("9830003L", "988"), ("9840001D", "987"), ("9870001M", "986"), ("9750001C", "975")],
)
def test_com_prefix_mapped(query, uai, code_departement):
    rows = query("SELECT code_departement, code_region FROM etablissements WHERE uai = ?", uai)

    assert rows == [(code_departement, None)]


def test_odd_uai_without_departement(query):
    # BTS files list C752887F, a code that is not a UAI of any département.
    rows = query("SELECT code_departement FROM etablissements WHERE uai = ?", "C752887F")

    assert rows == [(None,)]


def test_cfa_named_from_inserjeunes(query):
    rows = query("SELECT libelle FROM etablissements WHERE uai = ?", "0630003L")

    assert rows == [("Cours Supérieurs de Coiffure, Clermont-Ferrand",)]


def test_every_fact_uai_listed(query):
    rows = query(
        "SELECT count(*) FROM (SELECT uai FROM effectifs UNION SELECT uai FROM attractivite "
        "UNION SELECT uai FROM insertion_etablissement UNION SELECT uai FROM effectifs_niveau) "
        "WHERE uai NOT IN (SELECT uai FROM etablissements)"
    )

    assert rows == [(0,)]


def test_uai_upper_case(query):
    rows = query("SELECT count(*) FROM etablissements WHERE uai <> upper(uai)")

    assert rows == [(0,)]
