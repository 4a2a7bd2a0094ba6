"""The indicator formulas on small synthetic tables in a real DuckDB database."""

from __future__ import annotations

import duckdb
import pytest

from orion_data import indicators as ind


def _attractivite(rows):
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE attractivite (code_region VARCHAR, source VARCHAR, capacite INTEGER, "
        "voeux INTEGER)"
    )
    con.executemany("INSERT INTO attractivite VALUES (?, ?, ?, ?)", rows)
    return con


def _insertion(rows):
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE insertion (cfd VARCHAR, nb_sortant INTEGER, nb_en_emploi_6_mois INTEGER, "
        "nb_annee_term INTEGER, nb_poursuite_etudes INTEGER)"
    )
    con.executemany("INSERT INTO insertion VALUES (?, ?, ?, ?, ?)", rows)
    return con


def _one(con, expression, table):
    return con.execute(f"SELECT {expression} FROM {table}").fetchone()[0]


def test_pression_is_ratio_of_sums():
    con = _attractivite([("84", "affelnet", 30, 10), ("84", "affelnet", 20, 45)])
    assert _one(con, ind.taux_pression(), "attractivite") == pytest.approx(1.10)


def test_pression_skips_unknown_capacity():
    con = _attractivite([("84", "affelnet", 30, 10), ("84", "affelnet", None, 45)])
    assert _one(con, ind.taux_pression(), "attractivite") == pytest.approx(10 / 30)


def test_pression_zero_capacity_is_empty():
    con = _attractivite([("84", "affelnet", 0, 12)])
    assert _one(con, ind.taux_pression(), "attractivite") is None


def test_pression_zero_voeux_is_zero():
    con = _attractivite([("84", "affelnet", 24, 0)])
    assert _one(con, ind.taux_pression(), "attractivite") == 0.0


def test_bts_has_no_pression():
    con = _attractivite([("84", "parcoursup", 30, 300)])
    assert _one(con, ind.taux_pression(), "attractivite") is None


def test_bts_has_demande():
    con = _attractivite([("84", "parcoursup", 30, 300), ("84", "parcoursup", 10, 20)])
    assert _one(con, ind.taux_demande(), "attractivite") == pytest.approx(320 / 40)


def test_affelnet_has_no_demande():
    con = _attractivite([("84", "affelnet", 30, 10)])
    assert _one(con, ind.taux_demande(), "attractivite") is None


def test_emploi_suppressed_below_20():
    con = _insertion([("1", 19, 10, 25, 5)])
    assert _one(con, ind.taux_emploi(6), "insertion") is None


def test_emploi_summed_lines_reach_threshold():
    con = _insertion([("1", 12, 6, 12, 3), ("1", 9, 4, 9, 2)])
    assert _one(con, ind.taux_emploi(6), "insertion") == pytest.approx(10 / 21)


def test_emploi_zero_is_a_value():
    con = _insertion([("1", 25, 0, 30, 3)])
    assert _one(con, ind.taux_emploi(6), "insertion") == 0.0


def test_emploi_skips_rows_with_blank_counts():
    con = _insertion([("1", 30, 15, 30, 3), ("1", 40, None, 40, None)])
    assert _one(con, ind.taux_emploi(6), "insertion") == pytest.approx(0.5)


def test_emploi_rejects_unpublished_delay():
    with pytest.raises(ValueError):
        ind.taux_emploi(9)


def test_poursuite_uses_final_year():
    con = _insertion([("1", 10, 5, 40, 10)])
    assert _one(con, ind.taux_poursuite(), "insertion") == pytest.approx(0.25)


def test_poursuite_suppressed_below_20():
    con = _insertion([("1", 30, 5, 19, 10)])
    assert _one(con, ind.taux_poursuite(), "insertion") is None


def test_devenir_favorable():
    con = _insertion([("1", 20, 8, 40, 10)])
    assert _one(con, ind.taux_devenir_favorable(), "insertion") == pytest.approx(18 / 40)


def test_remplissage_needs_both_known():
    con = duckdb.connect()
    con.execute("CREATE TABLE o (effectif_entree INTEGER, capacite INTEGER)")
    con.executemany("INSERT INTO o VALUES (?, ?)", [(18, 24), (30, None), (None, 12)])
    assert _one(con, ind.taux_remplissage(), "o") == pytest.approx(18 / 24)


@pytest.mark.parametrize(
    ("emploi", "poursuite", "expected"),
    [
        (0.6, 0.5, "Q1"),
        (0.5, 0.3, "Q1"),
        (0.6, 0.2, "Q2"),
        (0.0, 0.5, "Q3"),
        (0.1, 0.1, "Q4"),
        (None, 0.5, None),
        (0.5, None, None),
    ],
)
def test_quadrant(emploi, poursuite, expected):
    con = duckdb.connect()
    con.execute("CREATE TABLE f (emploi DOUBLE, poursuite DOUBLE)")
    con.execute("INSERT INTO f VALUES (?, ?)", [emploi, poursuite])
    sql = ind.quadrant("emploi", "poursuite", "0.5", "0.3")
    assert _one(con, sql, "f") == expected


def test_devenir_favorable_without_sortants():
    # Every pupil went on studying: the source leaves nb_sortant and the employment count blank.
    con = _insertion([("1", None, None, 25, 25), ("1", 20, 8, 40, 10)])
    assert _one(con, ind.taux_devenir_favorable(), "insertion") == pytest.approx(43 / 65)


def test_components_give_same_ratio():
    con = _attractivite([("84", "affelnet", 30, 10), ("84", "affelnet", 20, 45),
                         ("11", "affelnet", 12, 30), ("11", "parcoursup", 40, 400)])
    pression = ind.taux_pression()
    con.execute(f"CREATE TABLE g AS SELECT code_region, {pression.components('p')} "
                "FROM attractivite GROUP BY code_region")
    assert _one(con, pression.from_components("p"), "g") == pytest.approx(85 / 62)


def test_devenir_favorable_skips_unknown_employment():
    con = _insertion([("1", None, None, 25, 20), ("1", 20, 8, 40, 10)])
    assert _one(con, ind.taux_devenir_favorable(), "insertion") == pytest.approx(18 / 40)
