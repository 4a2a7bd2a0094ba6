"""Fixtures of the demand tests: a real SQLite store in tmp_path, a fake clock, a small
in-memory referentiel, one user per role and an open 2026 campaign."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from factories import (
    BAC_PRO,
    CAP,
    CLOSED_CAP,
    FCIL,
    LICENCE,
    OTHER_REGION,
    REGION,
    UAI,
    UAI_2,
    UAI_OTHER,
    Clock,
)

from orion_data.auth.model import Role, User
from orion_data.demandes.model import Campagne, CampagneRegion, StatutCampagne, Territoire, Voie
from orion_data.demandes.referentiel import Etablissement, Formation, MemoryReferentiel
from orion_data.store.sqlite import SqliteStore


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 15, 10, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path, clock):
    opened = SqliteStore(tmp_path / "orion.sqlite", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def referentiel() -> MemoryReferentiel:
    paris = Territoire(code_region=REGION, code_academie="01", code_departement="075")
    lyon = Territoire(code_region=OTHER_REGION, code_academie="10", code_departement="069")
    return MemoryReferentiel(
        etablissements={
            UAI: Etablissement(UAI, "Lycée des métiers Alpha", paris),
            UAI_2: Etablissement(UAI_2, "Lycée professionnel Beta", paris),
            UAI_OTHER: Etablissement(UAI_OTHER, "Lycée Gamma", lyon),
        },
        formations={
            CAP: Formation(CAP, "CAP cuisine", "500"),
            BAC_PRO: Formation(BAC_PRO, "Bac pro commerce", "400"),
            CLOSED_CAP: Formation(CLOSED_CAP, "CAP fermé", "500", date(2020, 8, 31)),
            LICENCE: Formation(LICENCE, "Licence générale", "250"),
            FCIL: Formation(FCIL, "FCIL post niveau 3", "381"),
        },
        dispositifs_par_cfd={
            CAP: frozenset({"241"}),
            BAC_PRO: frozenset({"247"}),
            CLOSED_CAP: frozenset({"241"}),
            LICENCE: frozenset({"999"}),
            FCIL: frozenset({"253"}),
        },
        capacites={(UAI, BAC_PRO, "247", Voie.SCOLAIRE): 24},
    )


@pytest.fixture
def campagne(store) -> Campagne:
    """The 2026 campaign, en cours, with région 11 open to perdirs and région 84 not."""
    admin = User("admin", Role.ADMIN)
    opened = Campagne(2026, date(2026, 1, 1), date(2026, 12, 31), StatutCampagne.EN_COURS)
    store.save_campagne(opened, admin.username)
    store.save_campagne_region(
        CampagneRegion(2026, REGION, date(2026, 1, 1), date(2026, 12, 31), None, True), "admin"
    )
    return opened
