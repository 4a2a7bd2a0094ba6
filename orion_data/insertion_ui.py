"""Streamlit plumbing of the insertion page: URL state, widget keys and tables with exports.

The filter state lives in the URL. It is read once per session (a bad value falls back to
its default with a notice), kept in widget keys named `insertion_<parameter>`, and written
back after every run, so a copied link reopens the same view.
"""

from __future__ import annotations

import logging
from typing import Final

import pandas as pd
import streamlit as st

from orion_data import exports, nomenclatures, ui, url_state
from orion_data import insertion as ins
from orion_data import insertion_etablissements as etab
from orion_data import insertion_table as table
from orion_data.url_state import Param

logger = logging.getLogger(__name__)

TAUX_PAR_DEFAUT: Final = ("taux_emploi_6_mois", "taux_poursuite", "taux_devenir_favorable")
CHAMPS: Final = ("ensemble", "scolaire", "apprentissage")
VUES: Final = {"formations": "Par formation et territoire", "etablissements": "Par établissement"}
"""The tabs of the page: URL code → tab label, the value Streamlit keeps for the tabs."""


def key(name: str) -> str:
    """Return the session-state key of the widget of a URL parameter."""
    return f"insertion_{name}"


def _boolean(default: bool, label: str) -> Param:
    return Param(default, parse=url_state.parse_boolean, format=lambda v: "1" if v else "0",
                 label=label)


def spec() -> dict[str, Param]:
    """Return the query parameters of the page, with their allow-lists from the warehouse."""
    millesimes_etab = sorted({m for t in etab.TYPES for m in etab.millesimes(t)}, reverse=True)
    secteurs = sorted({s for t in etab.TYPES for s in etab.secteurs(t)})
    return {
        "vue": Param("formations", choices=list(VUES), label="onglet"),
        "region": Param(None, choices=nomenclatures.regions()["code_region"].tolist(),
                        label="région"),
        "millesime": Param(nomenclatures.dernier_millesime(),
                           choices=nomenclatures.millesimes(), label="millésime"),
        "niveau": Param([], choices=ins.niveaux()["niveau_diplome"].tolist(), multiple=True,
                        label="niveau de diplôme"),
        "q": Param("", parse=str.strip, label="recherche", max_length=100),
        "taux": Param(list(TAUX_PAR_DEFAUT), choices=list(ins.MESURES_PAR_TAUX), multiple=True,
                      label="indicateurs"),
        "ensemble": _boolean(False, "deux voies réunies"),
        "cfd": Param(None, parse=url_state.matching(r"[0-9A-Z]{8}", transform=str.upper),
                     label="formation"),
        "type": Param("lycee", choices=list(etab.TYPES), label="type d'établissement"),
        "etab_millesime": Param(etab.millesimes("lycee")[0], choices=millesimes_etab,
                                label="millésime des établissements"),
        "champ": Param("ensemble", choices=list(CHAMPS), label="champ"),
        "secteur": Param([], choices=secteurs, multiple=True, label="secteur"),
        "tri": Param("valeur_ajoutee", choices=list(etab.TRIS), label="tri"),
        "desc": _boolean(True, "ordre décroissant"),
    }


def initialise(params: dict[str, Param]) -> list[str]:
    """Seed the widget keys when the page opens and return the URL notices.

    The values come from the URL, or from the last state of this session when the user comes
    back from another page and the URL names no filter.
    """
    if key("millesime") in st.session_state:
        return st.session_state[key("notices")]
    saved = st.session_state.get(key("saved"))
    if saved is not None and not any(name in st.query_params for name in params):
        # Streamlit dropped the widget keys when the user left the page.
        for name, value in saved.items():
            st.session_state[key(name)] = value
        st.session_state[key("notices")] = []
        return []
    state, notices = url_state.read_state(st.query_params, params)
    state["vue"] = VUES[state["vue"]]
    for name, value in state.items():
        st.session_state[key(name)] = value
    st.session_state[key("notices")] = notices
    for notice in notices:
        logger.info("Insertion page URL notice: %s", notice)
    return st.session_state[key("notices")]


def write_url(params: dict[str, Param]) -> None:
    """Write the widget values back to the URL, leaving out the defaults."""
    state = {name: st.session_state.get(key(name), param.default) for name, param in params.items()}
    st.session_state[key("saved")] = dict(state)
    codes = {label: code for code, label in VUES.items()}
    state["vue"] = codes.get(state["vue"], state["vue"])
    url_state.write_state(st.query_params, state, params)


def keep_valid(name: str, options: list, fallback) -> None:
    """Replace a widget value that the current options no longer hold, before the widget runs.

    A multiple value keeps only its items that are still options; `fallback` replaces a
    single value.
    """
    url_state.keep_option(st.session_state, key(name), options, fallback)


def show_table(
    cells: pd.DataFrame, view: str, described: dict, rentrees: tuple[int, int] | None = None
) -> None:
    """Draw a table of cells as French text, with its CSV and XLSX exports.

    The exports contain the same rows and columns, with numbers as numbers and the same
    reasons where a value is missing. They are written only when the user clicks, because
    an XLSX of every lycée takes longer than the rest of the page.
    """
    text = table.textes(cells, ui.pourcentage, ui.entier)
    config = {
        column: st.column_config.TextColumn(header, help=table.aide(column))
        for column, header in table.entetes(cells.columns, rentrees).items()
    }
    st.dataframe(text, column_config=config, hide_index=True, width="stretch")

    headers = table.entetes_export(cells.columns, rentrees)

    def csv_bytes() -> bytes:
        return exports.to_csv_bytes(table.pour_export(cells), headers)

    def xlsx_bytes() -> bytes:
        return exports.to_xlsx_bytes(table.pour_export(cells), headers, sheet_name=view)

    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Exporter en CSV", csv_bytes,
        file_name=exports.export_filename(view, described, "csv"), mime=exports.CSV_MIME,
        on_click="ignore", key=key(f"{view}_csv"),
    )
    right.download_button(
        "Exporter en XLSX", xlsx_bytes,
        file_name=exports.export_filename(view, described, "xlsx"), mime=exports.XLSX_MIME,
        on_click="ignore", key=key(f"{view}_xlsx"),
    )
