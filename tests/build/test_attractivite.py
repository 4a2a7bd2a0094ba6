"""Capacities and wishes, checked against rows read by hand in the raw offer files."""

from __future__ import annotations

OFFER = (
    "SELECT source, capacite, voeux, capacite_brute, cfd FROM attractivite "
    "WHERE rentree = ? AND uai = ? AND mefstat11 = ? AND voie = ?"
)


def test_duplicate_offer_summed(query):
    # attractivite_capacite_2022.csv lines 221 and 222: capacities 10 and 25, wishes 5 and 34.
    rows = query(OFFER, 2022, "0020060E", "23811021112", "scolaire")

    assert rows == [("affelnet", 35, 39, 35, "40321112")]


def test_placeholder_999_is_null(query):
    # attractivite_capacite_2022.csv line 284: "0020492Z;23210022142;N;ST;999;5;;1;".
    rows = query(OFFER, 2022, "0020492Z", "23210022142", "scolaire")

    assert rows == [("affelnet", None, 5, 999, "50022142")]


def test_affelnet_capacity_in_range(query):
    rows = query(
        "SELECT count(*) FROM attractivite "
        "WHERE source = 'affelnet' AND NOT capacite BETWEEN 5 AND 500"
    )

    assert rows == [(0,)]


def test_parcoursup_unknowns_are_null(query):
    rows = query(
        "SELECT count(*) FROM attractivite WHERE source = 'parcoursup' AND capacite IN (0, 999)"
    )

    assert rows == [(0,)]


def test_parcoursup_blank_stays_null(query):
    # BTS 2022 lines 1230 and 1231: 0141274J × 32211025001 in apprentissage, capacities
    # 10 and blank, wishes 35 and 24.
    rows = query(OFFER, 2022, "0141274J", "32211025001", "apprentissage")

    assert rows == [("parcoursup", None, 59, None, "32025001")]


def test_bts_2024_certificate_dropped(query):
    # BTS_attractivite_capacite_2024.csv line 34 is a Certificat de spécialisation.
    rows = query(OFFER, 2024, "0590093F", "23K00033501", "apprentissage")

    assert rows == []


def test_bts_2024_keeps_only_bts(query):
    rows = query(
        "SELECT count(*) FROM attractivite WHERE rentree = 2024 AND dispositif NOT IN "
        "(SELECT dispositif FROM dispositifs WHERE niveau_diplome LIKE '32%')"
    )

    assert rows == [(0,)]


def test_agricultural_bts_cfd_from_mef(query):
    # BTS 2022 line 77 writes CFD 32021014; its MEF 32212021014 is CFD 32321014 in nMef.
    rows = query(OFFER, 2022, "0011444P", "32212021014", "apprentissage")

    assert rows == [("parcoursup", 20, 113, 20, "32321014")]


def test_parcoursup_wishes_total_2022(query):
    # Sum of NB_VOEUX_CONFIRMES over the 11,511 rows of BTS_attractivite_capacite_2022.csv.
    rows = query(
        "SELECT sum(voeux) FROM attractivite WHERE rentree = 2022 AND source = 'parcoursup'"
    )

    assert rows == [(3_202_476,)]
