"""Which gated pages each role may open, written out independently of PAGE_ACTIONS."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factories import make_user

from orion_data.auth.model import Role, User
from orion_data.demandes.permissions import GatedPage, may_open, pages_for

READERS = [GatedPage.DEMANDES, GatedPage.DEMANDE]
WRITERS = [GatedPage.DEMANDES, GatedPage.DEMANDE, GatedPage.FORMULAIRE]

EXPECTED: dict[Role, list[GatedPage]] = {
    Role.ADMIN: WRITERS,
    Role.PILOTE: READERS,
    Role.ADMIN_REGION: WRITERS,
    Role.GESTIONNAIRE_REGION: WRITERS,
    Role.PILOTE_REGION: WRITERS,
    Role.EXPERT_REGION: READERS,
    Role.REGION: READERS,
    Role.PERDIR: WRITERS,
    Role.INVITE: READERS,
}


@pytest.mark.parametrize("role", list(Role))
def test_pages_per_role(role):
    assert pages_for(make_user(role)) == EXPECTED[role]


def test_logged_out_gets_no_page():
    assert pages_for(None) == []


def test_empty_region_scope_gets_no_page():
    user = User("sans-region", Role.GESTIONNAIRE_REGION)
    assert pages_for(user) == []


def test_perdir_without_uai_gets_no_page():
    user = User("sans-uai", Role.PERDIR)
    assert pages_for(user) == []


def test_disabled_user_gets_no_page():
    user = replace(make_user(Role.ADMIN), actif=False)
    assert not may_open(user, GatedPage.DEMANDES)
