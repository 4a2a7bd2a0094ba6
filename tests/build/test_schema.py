"""The written warehouse against the contract of docs/warehouse.md."""

from __future__ import annotations

import re

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from orion_data.build.schema import TABLES
from orion_data.paths import PROJECT_DIR

CONTRACT = (PROJECT_DIR / "docs" / "warehouse.md").read_text(encoding="utf-8")
CONTRACT_ROWS = re.findall(r"^\| `(\w+)` \| [^|]+ \| (`[^|]+`) \|$", CONTRACT, flags=re.MULTILINE)
CONTRACT_COLUMNS = {
    table: [column.strip(" `") for column in columns.split(",")] for table, columns in CONTRACT_ROWS
}


def test_contract_parsed():
    assert len(CONTRACT_COLUMNS) == 18


def test_every_table_written(warehouse):
    written = sorted(path.stem for path in warehouse.glob("*.parquet"))

    assert written == sorted(CONTRACT_COLUMNS)


@pytest.mark.parametrize("table", sorted(CONTRACT_COLUMNS))
def test_columns_follow_contract(warehouse, table):
    schema = pq.read_schema(warehouse / f"{table}.parquet")

    assert schema.names == CONTRACT_COLUMNS[table]


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.name)
def test_rows_sorted_and_unique(warehouse, spec):
    rows = pq.read_table(warehouse / f"{spec.name}.parquet")
    rows = rows.append_column("position", pa.array(range(1, rows.num_rows + 1)))
    con = duckdb.connect(":memory:")
    con.register("t", rows)
    order = ", ".join(f"{name} ASC NULLS LAST" for name in spec.order)
    key = ", ".join(spec.key)

    misplaced = con.execute(
        f"SELECT count(*) FROM (SELECT position, row_number() OVER (ORDER BY {order}) AS expected "
        "FROM t) WHERE position <> expected"
    ).fetchall()[0][0]
    duplicates = con.execute(
        f"SELECT count(*) FROM (SELECT {key} FROM t GROUP BY ALL HAVING count(*) > 1)"
    ).fetchall()[0][0]

    assert misplaced == 0
    assert duplicates == 0


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("effectifs", "rentree"),
        ("attractivite", "capacite"),
        ("insertion_regionale", "nb_sortant"),
        ("insertion_etablissement", "valeur_ajoutee"),
    ],
)
def test_counts_are_integers(warehouse, table, column):
    field = pq.read_schema(warehouse / f"{table}.parquet").field(column)

    assert str(field.type) == "int32"
