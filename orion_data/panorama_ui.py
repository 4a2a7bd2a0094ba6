"""Streamlit helpers of the panorama pages: state kept in the URL and across pages, the
territory selectors and the key-figure cards.

A page's widgets live under keys `<page>_<name>`. Streamlit deletes a widget's key when the
user leaves its page, so the first run of each visit seeds the keys again: from the URL when
it names a value, else from the values shared by every page in `st.session_state[PARTAGE]`
(the territory and the établissement), else from the defaults. Every run then writes the
state back to the URL and to the shared values.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Final

import pandas as pd
import streamlit as st

from orion_data import charts, console_table, glossary, nomenclatures, ui, url_state
from orion_data.cartes import Classe
from orion_data.panorama import ChiffreCle, Territoire, territoire
from orion_data.url_state import Param

logger = logging.getLogger(__name__)

PARTAGE: Final = "orion_partage"
"""Session key of the values remembered across pages: region, departement, uai."""
GROUPES_PARTAGES: Final = (("region", "departement"), ("uai",))
NOMS_PARTAGES: Final = tuple(name for group in GROUPES_PARTAGES for name in group)

LIBELLES: Final = {
    "formations": "Nombre de formations",
    "nombre_eleves": "Nombre d'élèves",
}
COLONNES_CHIFFRES: Final = 3
ENTETES: Final = {"raison": "Raison hors quadrant", "rentree": "Rentrée",
                  "distance_km": "Distance (km)"}
"""Headers of the panorama's own columns, which the glossary does not list."""
COMPTES: Final = frozenset({
    "effectif_entree", "nombre_eleves", "capacite", "voeux", "nb_sortants", "nb_annee_term",
    "formations_communes",
})


def cle(page: str, name: str) -> str:
    """Return the session key of a page's widget."""
    return f"{page}_{name}"


def _partages() -> dict:
    return st.session_state.setdefault(PARTAGE, {})


def _coherent(state: dict) -> list[str]:
    """Make the département and the région agree: a département fixes its région."""
    departement = state.get("departement")
    if not departement:
        return []
    requested = state.get("region")
    region = nomenclatures.departements().set_index("code_departement").loc[
        departement, "code_region"
    ]
    state["region"] = region
    if requested in (None, region):
        return []
    return [f"Le département {departement} n'est pas dans la région {requested} demandée : "
            "la région du département est retenue."]


def _in_url(name: str) -> bool:
    return any(value != "" for value in st.query_params.get_all(name))


def ouvrir(page: str, spec: Mapping[str, Param], widget: str) -> None:
    """Seed the page's keys on the first run of a visit, and show the URL notices.

    `widget` names a widget that the page draws on every run: its key is missing only on the
    first run of a visit, because Streamlit drops it when the user leaves the page.
    """
    if cle(page, widget) not in st.session_state:
        state, notices = url_state.read_state(st.query_params, spec)
        shared = _partages()
        for group in GROUPES_PARTAGES:
            names = [name for name in group if name in spec]
            # A group is taken whole from the URL or whole from the shared values, so a
            # région in the URL never meets a département remembered from another page.
            if names and not any(_in_url(name) for name in names):
                for name in names:
                    if shared.get(name) is not None:
                        state[name] = shared[name]
        notices += _coherent(state)
        for name, value in state.items():
            st.session_state[cle(page, name)] = value
        st.session_state[cle(page, "notices")] = notices
        for notice in notices:
            logger.info("Page %s URL notice: %s", page, notice)
    for notice in st.session_state.get(cle(page, "notices"), []):
        st.warning(notice)


def enregistrer(page: str, spec: Mapping[str, Param]) -> dict:
    """Write the page's state to the URL and the shared values; return the state."""
    state = {name: st.session_state.get(cle(page, name), spec[name].default) for name in spec}
    url_state.write_state(st.query_params, state, spec)
    shared = _partages()
    for name in NOMS_PARTAGES:
        if name in state:
            shared[name] = state[name]
    return state


TOUTE_LA_REGION: Final = ""
"""The département option that selects the whole région: Streamlit shows a None value as
an empty selectbox, so the option is an empty code instead."""


def _reset_departement(page: str) -> None:
    st.session_state[cle(page, "departement")] = TOUTE_LA_REGION


def choisir_territoire(page: str) -> Territoire:
    """Draw the région and département selectors and return the chosen territory."""
    regions = nomenclatures.regions().set_index("code_region")["libelle_region"]
    region_key = cle(page, "region")
    if st.session_state.get(region_key) not in regions.index:
        st.session_state[region_key] = regions.index[0]
    departements = nomenclatures.departements()
    departements = departements[departements["code_region"] == st.session_state[region_key]]
    names = departements.set_index("code_departement")["libelle_departement"]
    departement_key = cle(page, "departement")
    if st.session_state.get(departement_key) not in names.index:
        st.session_state[departement_key] = TOUTE_LA_REGION

    left, right = st.columns(2)
    left.selectbox("Région", list(regions.index), key=region_key, format_func=regions.get,
                   on_change=_reset_departement, args=(page,))
    right.selectbox(
        "Département", [TOUTE_LA_REGION, *names.index], key=departement_key,
        format_func=lambda code: f"{code} – {names[code]}" if code else "Toute la région",
    )
    return territoire(st.session_state[region_key], st.session_state[departement_key] or None)


def _libelle(chiffre: ChiffreCle) -> str:
    label = LIBELLES.get(chiffre.key, glossary.titre(chiffre.key))
    return f"{label} (régional)" if chiffre.regional else label


def _legende(chiffre: ChiffreCle, lieu: Territoire) -> str:
    figure = chiffre.territoire
    lines = [f"France : {ui.valeur(chiffre.key, chiffre.france.valeur)}"]
    detail = figure.periode
    if figure.denominateur is not None:
        detail += f" · sur {ui.entier(figure.denominateur)}"
    lines.append(detail)
    if chiffre.regional:
        lines.append(f"Taux de la région {lieu.libelle_region} : InserJeunes ne publie les "
                     "taux de sortie que par région.")
    return "  \n".join(lines)


def cartes_chiffres(chiffres: list[ChiffreCle], lieu: Territoire) -> None:
    """Draw the key figures as metrics, each with the value for France under it."""
    for start in range(0, len(chiffres), COLONNES_CHIFFRES):
        columns = st.columns(COLONNES_CHIFFRES)
        for column, chiffre in zip(columns, chiffres[start : start + COLONNES_CHIFFRES]):
            with column:
                st.metric(_libelle(chiffre), ui.valeur(chiffre.key, chiffre.territoire.valeur),
                          help=glossary.aide(chiffre.key))
                st.caption(_legende(chiffre, lieu))


def selection_rentree(page: str, label: str = "Rentrée") -> int:
    """Draw the rentrée selector (rentrées of the data, most recent first) and return it."""
    rentrees = nomenclatures.rentrees()
    key = cle(page, "rentree")
    if st.session_state.get(key) not in rentrees:
        st.session_state[key] = nomenclatures.rentree_par_defaut()
    return int(st.selectbox(label, rentrees, key=key))


def colonne(column: str):
    """Return the st.dataframe column config of a column: French header, format and help."""
    label = ENTETES.get(column) or glossary.libelle(column)
    help_text = glossary.aide(column)
    if column in console_table.RATES:
        return st.column_config.NumberColumn(label, format="percent", help=help_text)
    if column in console_table.RATIOS:
        return st.column_config.NumberColumn(label, format="%.2f", help=help_text)
    if column == "valeur_ajoutee":
        return st.column_config.NumberColumn(label, format="%+d pts", help=help_text)
    if column in COMPTES:
        # "localized" follows the browser's locale: 1 234 in French.
        return st.column_config.NumberColumn(label, format="localized", help=help_text)
    return st.column_config.Column(label, help=help_text)


# Altair builds and validates the legend in about 10 ms. Its spec is cached by its classes,
# which change only with the indicator and the maille.


@st.cache_data(max_entries=128, show_spinner=False)
def spec_legende(classes: list[Classe]) -> dict:
    """Return the Vega-Lite spec of `charts.legende`, cached by its classes."""
    return charts.vega_lite(charts.legende(classes))


def parse_rentree(text: str) -> int:
    """Parse a rentrée of the URL; raise ValueError when the data has no such rentrée."""
    rentrees = nomenclatures.rentrees()
    value = url_state.integer_between(min(rentrees), max(rentrees))(text)
    if value not in rentrees:
        raise ValueError(f"no data for rentrée {value}")
    return value
