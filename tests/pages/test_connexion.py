"""AppTest runs of the login box and the gates of the connected pages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from orion_data.auth import sessions, streamlit_login
from orion_data.errors import NotAuthenticated
from orion_data.paths import PROJECT_DIR

from .conftest import open_app
from .demandes_support import (
    ADMIN,
    FORM_PAGE,
    INVITE,
    LIST_PAGE,
    PASSWORD,
    connected_store,  # noqa: F401 (fixture)
    logged_in,
    logged_in_with,
    messages,
    submit_login,
)


def _pages(app) -> str:
    return [text.value for text in app.text if text.value.startswith("Pages :")][0]


def test_wrong_password_message(connected_store):
    app = submit_login(ADMIN, "Mauvais-2026!")
    assert not app.exception
    assert any("mot de passe incorrect" in text for text in messages(app.sidebar.error))


def test_wrong_password_opens_no_page(connected_store):
    app = submit_login(ADMIN, "Mauvais-2026!")
    assert _pages(app) == "Pages : aucune"
    assert streamlit_login.TOKEN_STATE_KEY not in app.session_state


def test_right_password_logs_in(connected_store):
    app = submit_login(ADMIN)
    assert not app.exception
    assert any("Admin Test" in text for text in messages(app.sidebar.caption))


def test_right_password_opens_gated_pages(connected_store):
    app = submit_login(ADMIN)
    assert _pages(app) == "Pages : demandes demande_detail demande_formulaire"


def test_login_session_shows_gated_pages(connected_store):
    token = submit_login(ADMIN).session_state[streamlit_login.TOKEN_STATE_KEY]
    app = logged_in_with(token, LIST_PAGE)
    assert not app.exception
    assert [title.value for title in app.title] == ["Demandes"]


def test_logged_out_has_no_gated_page(connected_store):
    app = open_app()
    for page in (LIST_PAGE, FORM_PAGE):
        with pytest.raises(ValueError):
            app.switch_page(page)


def test_gated_page_alone_asks_login(connected_store):
    app = AppTest.from_file(str(PROJECT_DIR / LIST_PAGE), default_timeout=60).run()
    assert messages(app.warning) == ["Connectez-vous pour accéder à cette page."]
    assert not app.title


def test_invite_has_no_form_page(connected_store):
    app = logged_in(connected_store, INVITE)
    with pytest.raises(ValueError):
        app.switch_page(FORM_PAGE)


def test_invite_form_page_alone_refused(connected_store):
    _, token = sessions.login(connected_store, INVITE, PASSWORD)
    app = AppTest.from_file(str(PROJECT_DIR / FORM_PAGE), default_timeout=60)
    app.session_state[streamlit_login.TOKEN_STATE_KEY] = token
    app.run()
    assert "ne donne pas accès à cette page" in messages(app.error)[0]
    assert not app.text_input


def test_logout_revokes_session(connected_store):
    app = submit_login(ADMIN)
    token = app.session_state[streamlit_login.TOKEN_STATE_KEY]
    app.button(key="logout").click().run()
    with pytest.raises(NotAuthenticated):
        sessions.resume_session(connected_store, token)


def test_logout_closes_gated_pages(connected_store):
    app = submit_login(ADMIN)
    app.button(key="logout").click().run()
    assert _pages(app) == "Pages : aucune"
    assert [button.label for button in app.sidebar.button] == ["Se connecter"]


def test_logged_out_token_opens_no_page(connected_store):
    app = submit_login(ADMIN)
    token = app.session_state[streamlit_login.TOKEN_STATE_KEY]
    app.button(key="logout").click().run()
    home = logged_in_with(token)
    with pytest.raises(ValueError):
        home.switch_page(FORM_PAGE)
