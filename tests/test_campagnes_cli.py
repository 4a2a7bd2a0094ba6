"""The campaign command, run as a subprocess on a real SQLite store."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from orion_data.auth import accounts
from orion_data.store import open_store


def _run(db, *args, **kwargs):
    env = dict(os.environ, ORION_DB=str(db))
    return subprocess.run(
        [sys.executable, "-m", "orion_data.campagnes", *args],
        capture_output=True, text=True, env=env, timeout=60, **kwargs,
    )


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "orion.sqlite"
    store = open_store(path)
    accounts.create_user(store, "chef", "admin", password="Motdepasse-2026")
    accounts.create_user(store, "lyon", "admin_region", code_region="84", password="Motdepasse-2026")
    accounts.create_user(store, "lecteur", "pilote", password="Motdepasse-2026")
    return path


def _national(db, par="chef", debut="2026-09-01", fin="2027-06-30"):
    return _run(db, "national", "2026", "--debut", debut, "--fin", fin,
                "--statut", "en_cours", "--par", par)


def test_admin_creates_campaign(db):
    assert _national(db).returncode == 0
    assert open_store(db).get_campagne(2026).statut.value == "en_cours"


def test_reader_cannot_create_campaign(db):
    result = _national(db, par="lecteur")
    assert result.returncode == 1
    assert open_store(db).get_campagne(2026) is None


def test_inverted_dates_rejected(db):
    result = _national(db, debut="2027-09-01", fin="2026-06-30")
    assert result.returncode == 1
    assert "précède" in result.stderr


def test_bad_date_rejected(db):
    result = _national(db, debut="01/09/2026")
    assert result.returncode == 2
    assert "AAAA-MM-JJ" in result.stderr


def test_region_admin_sets_own_calendar(db):
    _national(db)
    result = _run(db, "region", "2026", "84", "--debut", "2026-09-01", "--fin", "2027-03-31",
                  "--par", "lyon")
    assert result.returncode == 0
    assert open_store(db).get_campagne_region(2026, "84") is not None


def test_region_admin_other_region_rejected(db):
    _national(db)
    result = _run(db, "region", "2026", "11", "--debut", "2026-09-01", "--fin", "2027-03-31",
                  "--par", "lyon")
    assert result.returncode == 1
    assert open_store(db).get_campagne_region(2026, "11") is None


def test_unknown_account_rejected(db):
    result = _national(db, par="personne")
    assert result.returncode == 1
    assert "introuvable" in result.stderr
