"""Streamlit helpers of the connected pages: the store, the login box, page gates, messages.

The demand pages call these so that each stays a thin view. Every rule they rely on (who
may open a page, what a user may do) is decided in `orion_data.demandes`.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import string
import unicodedata
from typing import Final

import streamlit as st

from orion_data.auth import streamlit_login
from orion_data.auth.model import Role, User
from orion_data.demandes.permissions import GatedPage, may_open
from orion_data.demandes.referentiel import WarehouseReferentiel
from orion_data.demandes.service import new_form_key
from orion_data.errors import OrionError
from orion_data.paths import store_path, warehouse_dir
from orion_data.store import open_store
from orion_data.store.base import Store

logger = logging.getLogger(__name__)

# Page files, relative to Home.py, for st.switch_page and st.page_link.
LIST_PAGE: Final = "pages/demandes.py"
DETAIL_PAGE: Final = "pages/demande_detail.py"
FORM_PAGE: Final = "pages/demande_formulaire.py"

ROLE_LABELS: Final = {
    Role.ADMIN: "administrateur national",
    Role.PILOTE: "pilote national",
    Role.ADMIN_REGION: "administrateur régional",
    Role.GESTIONNAIRE_REGION: "gestionnaire régional",
    Role.PILOTE_REGION: "pilote régional",
    Role.EXPERT_REGION: "expert régional",
    Role.REGION: "conseil régional",
    Role.PERDIR: "chef d'établissement",
    Role.INVITE: "invité",
}

_MARKDOWN_SPECIALS: Final = re.compile("([" + re.escape(string.punctuation) + "])")
_FLASH_KEY: Final = "demandes_flash"
_FORM_KEY_PREFIX: Final = "demandes_cle_"


@st.cache_resource(show_spinner=False)
def _open_store(path: str) -> Store:
    logger.info("Opening the demand store %s", path)
    return open_store(path)


def store() -> Store:
    """Return the process-wide store of `ORION_DB` (default data/orion.sqlite)."""
    return _open_store(str(store_path()))


def referentiel() -> WarehouseReferentiel:
    """Return the referentiel read from the current warehouse folder."""
    return WarehouseReferentiel(warehouse_dir())


def plain(text: object) -> str:
    """Return `text` escaped so that Streamlit's Markdown shows it literally.

    Messages may quote what a user typed. Line breaks and tabs become spaces, other control
    characters U+FFFD, and ASCII punctuation is backslash-escaped, so emphasis, links,
    colour directives, LaTeX and HTML tags show as typed.
    """
    characters = []
    for char in str(text):
        if char in "\r\n\t":
            characters.append(" ")
        elif unicodedata.category(char).startswith("C"):
            characters.append("\ufffd")
        else:
            characters.append(char)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", "".join(characters))


def show_error(error: OrionError) -> None:
    """Show the French message of an Orion exception as plain text in an error box."""
    st.error(plain(error))


def account_box() -> User | None:
    """Render the sidebar's login form, or the logged-in user and a logout button.

    Returns the logged-in user. When the store cannot be opened, the public pages still
    work: the sidebar shows an error and no user is logged in.
    """
    try:
        demand_store = store()
    except (sqlite3.Error, OSError) as error:
        logger.error("Demand store %s cannot be opened: %s", store_path(), error)
        st.sidebar.error("La connexion est indisponible : le magasin des demandes ne s'ouvre pas.")
        return None

    user = streamlit_login.current_user(demand_store)
    with st.sidebar:
        if user is None:
            st.subheader("Connexion")
            user = streamlit_login.login_form(demand_store)
        streamlit_login.write_session_cookie()
        if user is None:
            return None
        box = st.empty()
        with box.container():
            role = ROLE_LABELS[user.role]
            st.caption(plain(f"Connecté : {user.nom or user.username} ({role})"))
            if user.has_empty_scope:
                st.warning(
                    "Votre compte n'a ni région ni établissement : vous ne voyez aucune "
                    "demande. Demandez à un administrateur de compléter votre périmètre."
                )
            logged_out = streamlit_login.logout_button(demand_store)
        if logged_out:
            box.empty()
            st.subheader("Connexion")
            streamlit_login.login_form(demand_store)
            return None
    return user


def require_page(page: GatedPage) -> tuple[Store, User]:
    """Return the store and the user, or stop the page with a French message.

    A gated page calls this first. Home.py registers it only for users allowed to open it,
    but Streamlit can run a file of pages/ without Home.py (AppTest does so on reruns), so
    the navigation alone does not protect it.
    """
    demand_store = store()
    user = streamlit_login.require_user(demand_store)
    if not may_open(user, page):
        st.error(
            "Votre rôle ou votre périmètre ne donne pas accès à cette page. "
            "Demandez à un administrateur si vous pensez que c'est une erreur."
        )
        st.stop()
    return demand_store, user


def form_state_key(name: str) -> str:
    """Return the session-state key under which form `name` keeps its idempotency key."""
    return _FORM_KEY_PREFIX + name


def form_key(name: str) -> str:
    """Return the idempotency key of the displayed form `name`, created on first display."""
    state_key = form_state_key(name)
    if state_key not in st.session_state:
        st.session_state[state_key] = new_form_key()
    return st.session_state[state_key]


def drop_form_key(name: str) -> None:
    """Forget the key of form `name` after a successful save, so the next form gets a new one."""
    st.session_state.pop(form_state_key(name), None)


def flash(message: str) -> None:
    """Keep a success message to show once on the next page run."""
    st.session_state[_FLASH_KEY] = message


def show_flash() -> None:
    """Show, then forget, the success message kept by `flash`."""
    message = st.session_state.pop(_FLASH_KEY, None)
    if message:
        st.success(plain(message))
