"""Effectifs per formation and per niveau, checked against values read by hand in data/raw."""

from __future__ import annotations


def test_national_secondes_pro_2020(query):
    # Sum of the 2381… MEF rows of constat_2020.csv, equal to the national 2ndes_pro of the
    # lycée pro effectifs file for 2020.
    rows = query(
        "SELECT sum(effectif) FROM effectifs WHERE rentree = 2020 AND mefstat11 LIKE '2381%'"
    )

    assert rows == [(176_606,)]


def test_niveau_secondes_pro_2020(query):
    rows = query("SELECT sum(secondes_pro) FROM effectifs_niveau WHERE rentree = 2020")

    assert rows == [(176_606,)]


def test_constat_row_with_mef(query):
    # constat_2020.csv line 2: "2020;0750330B;32211022207;83"; nMef gives CFD 32022207,
    # dispositif 311 (BTS 2 ans), first year.
    rows = query(
        "SELECT cfd, dispositif, annee_dispositif, effectif FROM effectifs "
        "WHERE rentree = 2020 AND uai = ? AND mefstat11 = ?",
        "0750330B",
        "32211022207",
    )

    assert rows == [("32022207", "311", 1, 83)]


def test_every_constat_row_kept(query):
    assert query("SELECT count(*) FROM effectifs") == [(44_446,)]


def test_niveau_row_by_hand(query):
    rows = query(
        "SELECT secteur, nombre_eleves, secondes_pro, premieres_pro, terminales_pro, "
        "cap_1re_annee, cap_2e_annee FROM effectifs_niveau WHERE rentree = 2021 AND uai = ?",
        "0010001W",
    )

    assert rows == [("public", 593, 164, 167, 137, 70, 55)]


def test_blank_count_is_null(query):
    # Line 430 of the effectifs file has an empty nombre_d_eleves.
    rows = query(
        "SELECT nombre_eleves FROM effectifs_niveau WHERE rentree = 2022 AND uai = ?", "0623328F"
    )

    assert rows == [(None,)]
