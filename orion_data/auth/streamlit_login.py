"""Streamlit wiring of the login: the form, the current user, the logout button.

Pages call `current_user(store)` on every run, and gated pages `require_user(store,
roles)`. The session token lives in `st.session_state` and, signed with the cookie key, in
the `orion_session` cookie so that a reload keeps the user logged in. Every run checks the
token against the store, so a revoked or expired session is rejected at once.

NOTE: streamlit-authenticator 0.4.2 drives neither the login nor the cookie here, because
its source breaks the login rules in ways no option turns off:
- Its cookie is a JWT of the user name and an expiry date, and `Authenticate.login` logs
  in anyone presenting a validly signed, unexpired cookie. Logout only deletes the cookie
  in that browser, so a copy of the cookie replays the session until it expires, and the
  cookie carries no session id that a server-side check could revoke.
- It counts failed logins in the credentials dict in memory (or a YAML file), without a
  lock duration, without counting unknown user names, and with no hook called on a
  failure, so store-backed throttling cannot run around it.
- It strips spaces from the password before checking it, and with bcrypt 5.0 a password
  over 72 bytes makes `bcrypt.checkpw` raise ValueError, which it prints and turns into a
  plain failure without a message.
Only its login delay (`login_sleep_time`) and captcha (off by default) could be tuned.
This module therefore uses `orion_data.auth.sessions` for the login and carries the cookie
with `extra_streamlit_components.CookieManager`, the component streamlit-authenticator
itself installs and uses. A cookie set from the browser cannot be HttpOnly.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

import streamlit as st

from orion_data.auth import cookie
from orion_data.auth.model import Role, User
from orion_data.auth.passwords import MAX_LENGTH
from orion_data.auth.sessions import SESSION_LIFETIME, login, logout, resume_session
from orion_data.errors import NotAuthenticated
from orion_data.store.base import AccountStore

logger = logging.getLogger(__name__)

# The session-state key of the session token, which tests may set to start logged in.
TOKEN_STATE_KEY = "orion_session_token"
# The signed cookie value that the browser has not yet confirmed it stores.
_PENDING_COOKIE_KEY = "orion_cookie_pending"


def _cookie_manager(key: str):
    import extra_streamlit_components as stx

    return stx.CookieManager(key=key)


def current_user(store: AccountStore) -> User | None:
    """Return the logged-in user of this browser session, None when logged out."""
    token = st.session_state.get(TOKEN_STATE_KEY)
    signed = st.context.cookies.get(cookie.COOKIE_NAME)
    # Only a cookie needs the key, so an anonymous visit does not generate one.
    if token is None and signed is not None:
        token = cookie.unsign(signed, cookie.cookie_key())
    if token is None:
        return None
    try:
        user = resume_session(store, token)
    except NotAuthenticated:
        st.session_state.pop(TOKEN_STATE_KEY, None)
        return None
    st.session_state[TOKEN_STATE_KEY] = token
    return user


def login_form(store: AccountStore, key: str = "login") -> User | None:
    """Render the login form; on success open a session and return the user.

    The form is cleared on submit, so the password does not stay in the session state,
    and it disappears at once after a successful login.
    """
    box = st.empty()
    with box.container(), st.form(key, clear_on_submit=True):
        username = st.text_input(
            "Nom d'utilisateur", key=f"{key}_username", autocomplete="username"
        )
        password = st.text_input(
            "Mot de passe",
            type="password",
            max_chars=MAX_LENGTH,
            key=f"{key}_password",
            autocomplete="current-password",
        )
        submitted = st.form_submit_button("Se connecter", key=f"{key}_submit")
    if not submitted:
        return None
    try:
        user, token = login(store, username, password)
    except NotAuthenticated as error:
        st.error(str(error))
        return None

    box.empty()
    st.session_state[TOKEN_STATE_KEY] = token
    st.session_state[_PENDING_COOKIE_KEY] = cookie.sign(token, cookie.cookie_key())
    return user


def write_session_cookie() -> None:
    """Write the session cookie of a new login, on each run until the browser reports it.

    Call it once per run after `login_form`. The cookie component acts in the browser
    after the run that draws it, and a run that starts before it has loaded removes it,
    for instance the run that the component's own first value starts. Drawing it again on
    each run until the browser's cookies contain the value makes the login survive a
    reload.
    """
    signed = st.session_state.get(_PENDING_COOKIE_KEY)
    if signed is None:
        return
    manager = _cookie_manager("orion_cookies")
    if manager.cookies.get(cookie.COOKIE_NAME) == signed:
        del st.session_state[_PENDING_COOKIE_KEY]
        return
    manager.set(
        cookie.COOKIE_NAME,
        signed,
        expires_at=datetime.now() + SESSION_LIFETIME - timedelta(minutes=1),
        same_site="strict",
    )


def logout_button(store: AccountStore, label: str = "Se déconnecter") -> bool:
    """Render a logout button; when clicked, log out and return True.

    The session is revoked on the server, which is what rejects any copy of the cookie.
    The whole session state is cleared too, so the next person at this browser finds no
    form values of the previous user.

    NOTE: the browser usually keeps the cookie. The delete component is removed by the
    run that the cookie-reading component starts, most often before it acts (seen in
    Chromium), so the revoked cookie stays until it expires and is rejected meanwhile.
    """
    if not st.button(label, key="logout"):
        return False
    logout(store, st.session_state.get(TOKEN_STATE_KEY))
    st.session_state.clear()
    try:
        _cookie_manager("orion_cookies_logout").delete(cookie.COOKIE_NAME)
    except KeyError:
        logger.info("No session cookie to delete at logout")
    return True


def require_user(store: AccountStore, roles: Iterable[Role] | None = None) -> User:
    """Return the logged-in user, or stop the page when logged out or of another role."""
    user = current_user(store)
    if user is None:
        st.warning("Connectez-vous pour accéder à cette page.")
        st.stop()
    if roles is not None and user.role not in set(roles):
        st.error("Votre rôle ne donne pas accès à cette page.")
        st.stop()
    return user
