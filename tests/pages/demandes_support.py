"""Shared pieces of the AppTest runs of the connected pages: a store with accounts and an
open campaign, the login box, a logged-in Home.py, and a valid demand on real codes.

`connected_store` sets ORION_DB to a SQLite file in tmp_path, so the app run by AppTest in
this process opens the same store as the test.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from orion_data.auth import accounts, passwords, sessions, streamlit_login
from orion_data.auth.model import Role, User
from orion_data.demandes import campaigns, queries, service
from orion_data.demandes.model import Campagne, Demande, StatutCampagne, TypeDemande
from orion_data.demandes.referentiel import WarehouseReferentiel
from orion_data.store import open_store

from .conftest import HOME

PASSWORD = "Orion-Test-2026!"
ADMIN = "admin.test"
GESTIONNAIRE = "gestion.ara"
INVITE = "invite.ara"
REGION = "84"

# The BTS Gestion de la PME of the lycée Edgar Quinet (Ain, région 84) in the real
# warehouse: its latest known capacity in voie scolaire is 30 places.
UAI = "0010014K"
CFD = "32031409"
DISPOSITIF = "311"
CURRENT_CAPACITY = "30"

FORM_PAGE = "pages/demande_formulaire.py"
LIST_PAGE = "pages/demandes.py"
DETAIL_PAGE = "pages/demande_detail.py"


@pytest.fixture
def connected_store(tmp_path, monkeypatch, warehouse):
    """Return a store with an admin, a gestionnaire and an invité of région 84, and the
    campaign of the current year en cours for the whole year."""
    monkeypatch.setenv("ORION_DB", str(tmp_path / "orion.sqlite"))
    monkeypatch.setenv("ORION_COOKIE_KEY", "apptest-only-cookie-key")
    monkeypatch.setattr(passwords, "rounds", 4)
    store = open_store(tmp_path / "orion.sqlite")

    accounts.create_user(store, ADMIN, Role.ADMIN, PASSWORD, nom="Admin Test")
    accounts.create_user(store, GESTIONNAIRE, Role.GESTIONNAIRE_REGION, PASSWORD, REGION)
    accounts.create_user(store, INVITE, Role.INVITE, PASSWORD, REGION)
    year = store.now().year
    campagne = Campagne(year, date(year, 1, 1), date(year, 12, 31), StatutCampagne.EN_COURS)
    campaigns.save_campagne(store, User(ADMIN, Role.ADMIN), campagne)
    yield store
    store.close()


def _login_box_app() -> None:
    import streamlit as st

    from orion_data import demandes_ui
    from orion_data.demandes.permissions import pages_for

    user = demandes_ui.account_box()
    st.text("Pages : " + (" ".join(page.value for page in pages_for(user)) or "aucune"))


def submit_login(username: str, password: str = PASSWORD) -> AppTest:
    """Submit the sidebar login box, run alone, and return the app after that run.

    NOTE: the box runs without Home.py. When a pages/ folder sits next to the script,
    AppTest 1.67 reruns a page whose URL path is its file's stem by that file alone. Every
    page of Home.py has such a path, so Home.py's sidebar form would never see the submit.
    """
    app = AppTest.from_function(_login_box_app, default_timeout=60).run()
    app.text_input(key="login_username").input(username)
    app.text_input(key="login_password").input(password)
    return app.button(key="login_submit").click().run()


def logged_in_with(token: str, page: str | None = None, query: dict | None = None) -> AppTest:
    """Return Home.py run with the session `token`, switched to `page` if given."""
    app = AppTest.from_file(HOME, default_timeout=60)
    app.session_state[streamlit_login.TOKEN_STATE_KEY] = token
    app.run()
    if page is not None:
        for name, value in (query or {}).items():
            app.query_params[name] = value
        app.switch_page(page).run()
    return app


def logged_in(
    store, username: str, page: str | None = None, query: dict | None = None
) -> AppTest:
    """Return Home.py run with a new session of `username`, switched to `page` if given.

    The session token is put in the session state, where a successful login leaves it,
    so the test starts logged in without going through the form.
    """
    _, token = sessions.login(store, username, PASSWORD)
    return logged_in_with(token, page, query)


def messages(elements) -> list[str]:
    """Return the texts of message elements without the Markdown escapes the pages add."""
    return [re.sub(r"\\(.)", r"\1", element.value) for element in elements]


def valid_form(annee_campagne: int, **changes) -> dict:
    """Return a valid augmentation form on the BTS of the lycée Edgar Quinet."""
    form = {
        "uai": UAI,
        "cfd": CFD,
        "dispositif": DISPOSITIF,
        "rentree": str(annee_campagne + 1),
        "type_demande": "augmentation",
        "capacite_scolaire_actuelle": CURRENT_CAPACITY,
        "capacite_scolaire_future": "36",
        "motifs": ["besoin_recrutement_local"],
    }
    return form | changes


def create_demand(store, username: str = ADMIN, **changes) -> Demande:
    """Store a valid demand through the service, as `username`."""
    user = store.get_user(username)
    form = valid_form(store.now().year, **changes)
    referentiel = WarehouseReferentiel()
    return service.create_demande(store, referentiel, user, form, service.new_form_key())


def fill_form(app: AppTest, future: str = "36") -> AppTest:
    """Fill the new-demand form with an augmentation of the BTS to `future` places."""
    app.text_input(key="formulaire_uai_recherche").input(UAI).run()
    app.selectbox(key="formulaire_uai").set_value(UAI).run()
    app.text_input(key="formulaire_cfd_recherche").input(CFD).run()
    app.selectbox(key="formulaire_cfd").set_value(CFD).run()
    app.selectbox(key="formulaire_dispositif").set_value(DISPOSITIF).run()
    app.selectbox(key="formulaire_type_demande").set_value(TypeDemande.AUGMENTATION).run()
    app.multiselect(key="formulaire_motifs").set_value(["besoin_recrutement_local"])
    app.text_input(key="formulaire_capacite_scolaire_future").input(future)
    return app.run()


def stored(store) -> list[Demande]:
    """Return every demand of the store, as the admin reads them."""
    return queries.list_demandes(store, store.get_user(ADMIN))
