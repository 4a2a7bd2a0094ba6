"""The whole build on real files: failures leave the previous warehouse, builds repeat exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from orion_data.build import build_warehouse
from orion_data.build.schema import TABLE_NAMES
from orion_data.errors import BuildError
from orion_data.paths import PROJECT_DIR, RAW_DIR

from .edits import replace_in_line, snapshot

pytestmark = pytest.mark.slow

CONSTAT = "tjp-pilotage/2020/constat_2020.csv"
IJ_REGION = "tjp-pilotage-history/ij_region_data.csv"
CHOMAGE_REGIONAL = "tjp-pilotage/chomage_regional_INSEE.csv"


def test_missing_column_names_file(raw_copy, previous_warehouse):
    raw = raw_copy({CONSTAT: replace_in_line(1, b";UAI;", b";Code UAI;")})

    with pytest.raises(BuildError) as caught:
        build_warehouse(raw, previous_warehouse)

    assert CONSTAT in str(caught.value)
    assert "« UAI »" in str(caught.value)


def test_failed_build_keeps_warehouse(raw_copy, previous_warehouse):
    before = snapshot(previous_warehouse)
    raw = raw_copy({CONSTAT: replace_in_line(1, b";UAI;", b";Code UAI;")})

    with pytest.raises(BuildError):
        build_warehouse(raw, previous_warehouse)

    assert snapshot(previous_warehouse) == before
    assert [path.name for path in previous_warehouse.parent.iterdir()] == ["warehouse"]


def test_bad_encoding_names_line(raw_copy, previous_warehouse):
    raw = raw_copy({CHOMAGE_REGIONAL: replace_in_line(5, b";2023;", b";20\xff23;")})

    with pytest.raises(BuildError) as caught:
        build_warehouse(raw, previous_warehouse)

    assert CHOMAGE_REGIONAL in str(caught.value)
    assert "ligne 5 " in str(caught.value)
    assert "UTF-8" in str(caught.value)


def test_bad_number_names_cell(raw_copy, previous_warehouse):
    # Line 2 is "2019_2020_10_scolaire_32221022002;…;31;21;57;…": nb_sortant is 21.
    raw = raw_copy({IJ_REGION: replace_in_line(2, b";31;21;57;", b";31;vingt;57;")})

    with pytest.raises(BuildError) as caught:
        build_warehouse(raw, previous_warehouse)

    message = str(caught.value)
    assert IJ_REGION in message
    assert "ligne 2," in message
    assert "« nb_sortant »" in message
    assert "« vingt »" in message


def test_cli_failure_exits_1(raw_copy, tmp_path):
    raw = raw_copy({CONSTAT: replace_in_line(1, b";UAI;", b";Code UAI;")})
    command = [sys.executable, "-m", "orion_data.build", "--raw-dir", str(raw)]
    command += ["--warehouse", str(tmp_path / "warehouse")]

    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)

    assert result.returncode == 1
    assert "« UAI »" in result.stderr
    assert not (tmp_path / "warehouse").exists()


def test_two_builds_same_rows(tmp_path):
    first = tmp_path / "a" / "warehouse"
    second = tmp_path / "b" / "warehouse"
    build_warehouse(RAW_DIR, first)
    command = [sys.executable, "-m", "orion_data.build", "--warehouse", str(second)]

    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert "Entrepôt construit" in result.stderr
    for name in TABLE_NAMES:
        rows_first = pq.read_table(first / f"{name}.parquet")
        rows_second = pq.read_table(second / f"{name}.parquet")
        assert rows_first.equals(rows_second), name


def test_build_replaces_warehouse(tmp_path):
    folder = tmp_path / "warehouse"
    folder.mkdir()
    (folder / "obsolete.parquet").write_bytes(b"old")

    counts = build_warehouse(RAW_DIR, folder)

    assert sorted(path.stem for path in folder.iterdir()) == sorted(TABLE_NAMES)
    assert set(counts) == set(TABLE_NAMES)
    assert [path.name for path in tmp_path.iterdir()] == ["warehouse"]


def test_warehouse_env_honoured(tmp_path, monkeypatch):
    folder: Path = tmp_path / "ailleurs"
    monkeypatch.setenv("ORION_WAREHOUSE", str(folder))

    build_warehouse(RAW_DIR)

    assert (folder / "effectifs.parquet").is_file()
