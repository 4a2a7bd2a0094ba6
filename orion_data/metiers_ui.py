"""URL state of the métiers d'avenir page.

Each filter of the page is a query parameter checked against the warehouse's lists. The URL
is read once per session into the widget keys `metiers_<parameter>` (a bad value falls back
to its default with a notice) and written back after every run, so a copied link reopens
the same view.
"""

from __future__ import annotations

import logging
from typing import Final

import streamlit as st

from orion_data import metiers, nomenclatures, panorama_ui, url_state
from orion_data.metiers import Territoire
from orion_data.url_state import Param

logger = logging.getLogger(__name__)

NIVEAUX: Final = {"national": "France entière", "region": "Région", "departement": "Département"}
VOIES: Final = {"scolaire": "Voie scolaire", "apprentissage": "Apprentissage",
                "ensemble": "Les deux voies"}
_NOTICES: Final = "metiers_notices"
_SAVED: Final = "metiers_saved"


def key(name: str) -> str:
    """Return the session-state key of the widget of a URL parameter."""
    return f"metiers_{name}"


def spec() -> dict[str, Param]:
    """Return the query parameters of the page, with their allow-lists from the warehouse."""
    regions = nomenclatures.regions()["code_region"].tolist()
    departements = nomenclatures.departements()["code_departement"].tolist()
    return {
        "niveau": Param("national", choices=list(NIVEAUX), label="niveau de territoire"),
        "region": Param(regions[0], choices=regions, label="région"),
        "departement": Param(departements[0], choices=departements, label="département"),
        "rentree": Param(nomenclatures.rentree_par_defaut(), parse=panorama_ui.parse_rentree,
                         label="rentrée"),
        "voie": Param("scolaire", choices=list(VOIES), label="voie"),
        "niveaux": Param([], choices=nomenclatures.niveaux()["niveau_diplome"].tolist(),
                         multiple=True, label="niveau de diplôme"),
        "statuts": Param(list(metiers.STATUTS), choices=list(metiers.STATUTS), multiple=True,
                         label="formations affichées"),
        "formation": Param(None, parse=url_state.matching(r"[0-9A-Z]{8}", transform=str.upper),
                           label="formation"),
        "recherche": Param("", parse=str.strip, max_length=100, label="métier recherché"),
        "code_rome": Param(None, parse=url_state.matching(r"[A-Z][0-9]{4}", transform=str.upper),
                           label="code ROME"),
    }


def initialise(params: dict[str, Param]) -> list[str]:
    """Seed the widget keys when the page opens and return the URL notices.

    The values come from the URL, or from the last state of this session when the user comes
    back from another page and the URL names no filter.
    """
    if key("rentree") in st.session_state:
        return st.session_state.get(_NOTICES, [])
    saved = st.session_state.get(_SAVED)
    if saved is not None and not any(name in st.query_params for name in params):
        # Streamlit dropped the widget keys when the user left the page.
        for name, value in saved.items():
            st.session_state[key(name)] = value
        st.session_state[_NOTICES] = []
    else:
        state, notices = url_state.read_state(st.query_params, params)
        for name, value in state.items():
            st.session_state[key(name)] = value
        st.session_state[_NOTICES] = notices
        for notice in notices:
            logger.info("Métiers page URL notice: %s", notice)
    return st.session_state[_NOTICES]


def keep_valid(name: str, options: list, fallback) -> None:
    """Replace a widget value that the current options no longer contain, before it runs."""
    url_state.keep_option(st.session_state, key(name), options, fallback)


def write_url(params: dict[str, Param], territoire: Territoire) -> None:
    """Write the widget values back to the URL, leaving out the defaults.

    The région or département is written only when it is the chosen territory.
    """
    state = {name: st.session_state.get(key(name), param.default)
             for name, param in params.items()}
    st.session_state[_SAVED] = dict(state)
    for niveau in ("region", "departement"):
        if territoire.niveau != niveau:
            state[niveau] = params[niveau].default
    url_state.write_state(st.query_params, state, params)
