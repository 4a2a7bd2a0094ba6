"""WarehouseReferentiel on a tiny Parquet warehouse, and on the real one when built."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from orion_data import db
from orion_data.auth.model import Role, User
from orion_data.demandes import queries
from orion_data.demandes.model import Voie
from orion_data.demandes.referentiel import WarehouseReferentiel

TABLES = {
    "etablissements": """
        SELECT * FROM (VALUES
            ('0750001A', 'Lycée Alpha', '075', '01', '11'),
            ('0690001C', 'Lycée Gamma', '069', '10', '84'))
        AS t(uai, libelle, code_departement, code_academie, code_region)""",
    "formations": """
        SELECT * FROM (VALUES
            ('40025214', 'Bac pro commerce', '400', NULL::DATE),
            ('50099999', 'CAP fermé', '500', DATE '2020-08-31'),
            ('25012345', 'Licence', '250', NULL::DATE))
        AS t(cfd, libelle, niveau_diplome, date_fermeture)""",
    "mef": """
        SELECT * FROM (VALUES
            ('24725214310', '40025214', '247'),
            ('24725214320', '40025214', '247'))
        AS t(mefstat11, cfd, dispositif)""",
    "attractivite": """
        SELECT * FROM (VALUES
            (2023, '0750001A', '24725214310', '40025214', '247', 'scolaire', 20),
            (2024, '0750001A', '24725214310', '40025214', '247', 'scolaire', 24),
            (2025, '0750001A', '24725214310', '40025214', '247', 'scolaire', NULL))
        AS t(rentree, uai, mefstat11, cfd, dispositif, voie, capacite)""",
}


@pytest.fixture
def tiny(tmp_path) -> WarehouseReferentiel:
    with duckdb.connect() as connection:
        for name, select in TABLES.items():
            path = str(tmp_path / f"{name}.parquet")
            connection.execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")
    yield WarehouseReferentiel(tmp_path)
    db.reset()


def test_etablissement_territoire(tiny):
    assert tiny.etablissement("0750001A").territoire.code_region == "11"


def test_unknown_etablissement(tiny):
    assert tiny.etablissement("0000000X") is None


def test_formation_open(tiny):
    formation = tiny.formation("40025214")
    assert formation.is_vocational
    assert formation.date_fermeture is None


def test_formation_closing_date(tiny):
    assert tiny.formation("50099999").date_fermeture == date(2020, 8, 31)


def test_dispositifs(tiny):
    assert tiny.dispositifs("40025214") == frozenset({"247"})


def test_latest_known_capacity(tiny):
    assert tiny.capacite("0750001A", "40025214", "247", Voie.SCOLAIRE) == 24


def test_unknown_capacity(tiny):
    assert tiny.capacite("0750001A", "40025214", "247", Voie.APPRENTISSAGE) is None


def test_search_in_region(tiny):
    found = tiny.search_etablissements("lycée", "11", None, 10)
    assert [e.uai for e in found] == ["0750001A"]


def test_search_in_uais(tiny):
    found = tiny.search_etablissements("", None, ["0690001C"], 10)
    assert [e.uai for e in found] == ["0690001C"]


def test_search_formations(tiny):
    assert [f.cfd for f in tiny.search_formations("", 10)] == ["40025214"]


def test_real_warehouse(request):
    """Look up one real établissement and one real formation, if the warehouse is built."""
    try:
        warehouse = request.getfixturevalue("warehouse")
    except pytest.FixtureLookupError:
        pytest.skip("no `warehouse` fixture in tests/conftest.py")
    folder = warehouse if isinstance(warehouse, str | Path) else None
    referentiel = WarehouseReferentiel(folder)
    admin = User("admin", Role.ADMIN)
    uai = db.scalar("SELECT uai FROM etablissements LIMIT 1", folder=folder)
    cfd = db.scalar("SELECT cfd FROM formations LIMIT 1", folder=folder)
    assert referentiel.etablissement(uai).uai == uai
    assert referentiel.formation(cfd).cfd == cfd
    assert queries.search_etablissements(referentiel, admin, uai)[0].uai == uai


def test_libelles_of_known_codes(tiny):
    libelles = tiny.libelles(["0750001A", "0690001C", "0000000X"], ["40025214", "99999999"])
    assert libelles.etablissements == {"0750001A": "Lycée Alpha", "0690001C": "Lycée Gamma"}
    assert libelles.formations == {"40025214": "Bac pro commerce"}


def test_libelles_of_nothing(tiny):
    libelles = tiny.libelles([], [])
    assert libelles.etablissements == {}
    assert libelles.formations == {}
