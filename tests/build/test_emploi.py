"""Chômage, ROME, formation → métier links and tensions, checked by hand against data/raw."""

from __future__ import annotations

import pytest


def test_chomage_decimal_comma(query):
    # chomage_departemental_INSEE.csv: "001;AIN;2023;5,7".
    rows = query(
        "SELECT taux_chomage FROM chomage WHERE niveau = 'departement' AND code = '001' "
        "AND annee = 2023"
    )

    assert rows == [(5.7,)]


def test_chomage_region_code(query):
    # chomage_regional_INSEE.csv: "01;2023;19,3".
    rows = query(
        "SELECT taux_chomage FROM chomage WHERE niveau = 'region' AND code = '01' AND annee = 2023"
    )

    assert rows == [(19.3,)]


def test_chomage_rows(query):
    rows = query("SELECT niveau, count(*) FROM chomage GROUP BY 1 ORDER BY 1")

    assert rows == [("departement", 500), ("region", 68)]


def test_rome_domaine(query):
    rows = query(
        "SELECT code_domaine_professionnel, libelle_domaine_professionnel FROM rome "
        "WHERE code_rome = 'A1101'"
    )

    assert rows == [("A11", "Engins agricoles et forestiers")]


def test_rome_transition_flags(query):
    # rome.csv: "B1605;30084;404957;Bijoutier / Bijoutière;;N;N;O;N;B1603".
    rows = query(
        "SELECT transition_eco, transition_num, transition_demo FROM rome WHERE code_rome = 'B1605'"
    )

    assert rows == [(None, "N", "N")]


def test_formation_rome_rang(query):
    # certif_info.csv line 2228: Code_Scolarité 40025214, Code_Rome_1 = I1604.
    rows = query("SELECT code_rome, rang FROM formation_rome WHERE cfd = '40025214'")

    assert rows == [("I1604", 1)]


def test_formation_rome_best_rang(query):
    # 1703260T is in certif_info.csv lines 1086 and 1087 (M1803, M1804, M1805, M1806) and
    # line 3918 (M1801, M1805): M1805 keeps rang 2.
    rows = query("SELECT code_rome, rang FROM formation_rome WHERE cfd = '1703260T' ORDER BY 1")

    assert rows == [("M1801", 1), ("M1803", 1), ("M1804", 2), ("M1805", 2), ("M1806", 4)]


def test_fap_rome_drops_na(query):
    rows = query("SELECT count(*), count(*) FILTER (code_rome = 'NA') FROM fap_rome")

    assert rows == [(749, 0)]


def test_tensions_reg_trimmed(query):
    # 3,162 rows say "reg" and 1,309 say "reg " with a trailing space.
    rows = query("SELECT niveau_geo, count(*) FROM tensions GROUP BY 1 ORDER BY 1")

    assert rows == [("dep", 26_300), ("nat", 263), ("reg", 4_471)]


def test_tensions_region_code(query):
    # tensions.csv: "A0Z,800,0.1408426598540765,4.0,…,2019,reg ,fap 87,1.0,".
    rows = query(
        "SELECT emploi_moyen, tension, categorie_tension, annee FROM tensions "
        "WHERE fap = 'A0Z' AND niveau_geo = 'reg' AND code_region = '01'"
    )

    assert rows == [(800, 0.1408426598540765, 4, 2019)]


@pytest.mark.parametrize("code", ["02A", "001", "971"])
def test_tensions_departement_codes(query, code):
    rows = query(
        "SELECT count(*) FROM tensions WHERE niveau_geo = 'dep' AND code_departement = ?", code
    )

    assert rows[0][0] > 0


def test_tensions_no_short_codes(query):
    rows = query(
        "SELECT count(*) FROM tensions WHERE length(code_departement) <> 3 "
        "OR length(code_region) <> 2"
    )

    assert rows == [(0,)]


def test_tensions_evolution_value(query):
    # evol_tensions.csv line 2: "A0Z40,-0.4791055290320578,2011".
    rows = query("SELECT tension FROM tensions_evolution WHERE fap = 'A0Z40' AND annee = 2011")

    assert rows == [(-0.4791055290320578,)]
