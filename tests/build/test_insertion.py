"""InserJeunes tables, checked against rows read by hand in the raw files."""

from __future__ import annotations

REGIONAL = (
    "SELECT cfd, dispositif, nb_annee_term, nb_sortant, nb_poursuite_etudes, "
    "nb_en_emploi_6_mois, nb_en_emploi_12_mois, nb_en_emploi_18_mois, nb_en_emploi_24_mois "
    "FROM insertion_regionale WHERE millesime = ? AND code_region = ? AND voie = ? "
    "AND coalesce(mefstat11, cfd) = ?"
)
ETABLISSEMENT = (
    "SELECT type_etablissement, taux_poursuite_etudes, taux_emploi_6_mois, "
    "taux_emploi_6_mois_attendu, valeur_ajoutee, taux_emploi_12_mois, taux_emploi_18_mois, "
    "taux_emploi_24_mois, part_poursuite_etudes, part_emploi_6_mois, part_autre_situation "
    "FROM insertion_etablissement WHERE millesime = ? AND uai = ? AND champ = ?"
)


def test_regional_counts_by_hand(query):
    # ij_region_data.csv line 1762: 2021_2022, région 11, scolaire, MEF 32221022002:
    # 55 final-year students, 20 leavers, 35 in studies, 10 and 13 employed at 6 and 12
    # months, blank at 18 and 24. nMef gives CFD 32022002, dispositif 311.
    rows = query(REGIONAL, "2021_2022", "11", "scolaire", "32221022002")

    assert rows == [("32022002", "311", 55, 20, 35, 10, 13, None, None)]


def test_apprentissage_keeps_raw_cfd(query):
    # Line 406: 2019_2020, région 11, apprentissage, CFD 32032328, only nb_annee_term = 4.
    rows = query(REGIONAL, "2019_2020", "11", "apprentissage", "32032328")

    assert rows == [("32032328", None, 4, None, None, None, None, None, None)]


def test_scolaire_always_has_cfd(query):
    rows = query("SELECT count(*) FROM insertion_regionale WHERE cfd IS NULL")

    assert rows == [(0,)]


def test_regional_rows_kept(query):
    assert query("SELECT count(*) FROM insertion_regionale") == [(40_322,)]


def test_lycee_2018_by_position(query):
    # depp-…-2018_2019-pro.csv line 2: "0010001W", ensemble, 49;47;41;6;51;55;56.
    rows = query(ETABLISSEMENT, "2018_2019", "0010001W", "ensemble")

    assert rows == [("lycee", 49, 47, 41, 6, 51, 55, 56, None, None, None)]


def test_lycee_champ_from_row_type(query):
    # depp-…-2021_2022-pro.csv line 17: 0010034G, "dont élèves en voie pro sco",
    # 58;50;38;12;58;21;21.
    rows = query(ETABLISSEMENT, "2021_2022", "0010034G", "scolaire")

    assert rows == [("lycee", 58, 50, 38, 12, None, None, None, 58, 21, 21)]


def test_nd_is_null(query):
    # Line 15 of the same file: the "dont apprentis" row is nd everywhere.
    rows = query(ETABLISSEMENT, "2021_2022", "0010034G", "apprentissage")

    assert rows == [("lycee", None, None, None, None, None, None, None, None, None, None)]


def test_cfa_cumul_renamed(query):
    # fr-en-inserjeunes-cfa.csv line 2: cumul 2023-2024, 0630003L,
    # 30.0;57.0;13.0;;30.0;81.0;73.0;8.0;73.0;;.
    rows = query(ETABLISSEMENT, "2023_2024", "0630003L", "apprentissage")

    assert rows == [("cfa", 30, 81, 73, 8, 73, None, None, 30, 57, 13)]


def test_millesimes_one_spelling(query):
    rows = query(
        "SELECT DISTINCT millesime FROM insertion_etablissement "
        "WHERE NOT regexp_full_match(millesime, '\\d{4}_\\d{4}')"
    )

    assert rows == []


def test_champs_and_types(query):
    rows = query(
        "SELECT DISTINCT type_etablissement, champ FROM insertion_etablissement ORDER BY ALL"
    )

    assert rows == [
        ("cfa", "apprentissage"),
        ("lycee", "apprentissage"),
        ("lycee", "ensemble"),
        ("lycee", "scolaire"),
    ]
