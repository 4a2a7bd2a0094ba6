"""The console page, shared by the formations and the établissements consoles.

The whole filter state lives in the URL. It is read once when the page opens, and a bad
value falls back to the default with a notice. It is then kept in widget keys and written
back after every change, so a copied link reopens the same view.
"""

from __future__ import annotations

import logging
import re
from typing import Final

import pandas as pd
import streamlit as st

from orion_data import (
    console,
    console_table,
    exports,
    glossary,
    indicators,
    nomenclatures,
    ui,
    url_state,
)
from orion_data.console import ConsoleFilters, Grain
from orion_data.url_state import Param

logger = logging.getLogger(__name__)

UAI_PATTERN: Final = r"[0-9]{7}[A-Z]"
VOIE_LABELS: Final = {
    "scolaire": "Voie scolaire",
    "apprentissage": "Apprentissage",
    "ensemble": "Les deux voies",
}
EXPORT_VIEWS: Final = {"formation": "console-formations", "offre": "console-etablissements"}


def _codes(frame, column: str) -> list[str]:
    return frame[column].dropna().astype(str).tolist()


def _rentree_parser(allowed: list[int]):
    parse_integer = url_state.integer_between(min(allowed), max(allowed))

    def parse(text: str) -> int:
        value = parse_integer(text)
        if value not in allowed:
            raise ValueError(f"no data for rentrée {value}")
        return value

    return parse


def spec(grain: Grain) -> dict[str, Param]:
    """Return the query parameters of a console, with their allow-lists from the warehouse."""
    rentrees = nomenclatures.rentrees()
    columns = list(console_table.columns(grain))
    params = {
        "rentree": Param(nomenclatures.rentree_par_defaut(), parse=_rentree_parser(rentrees),
                         label="rentrée"),
        "region": Param(None, choices=_codes(nomenclatures.regions(), "code_region"),
                        label="région"),
        "academie": Param(None, choices=_codes(nomenclatures.academies(), "code_academie"),
                          label="académie"),
        "departement": Param(
            None, choices=_codes(nomenclatures.departements(), "code_departement"),
            label="département",
        ),
        "niveau": Param([], choices=_codes(nomenclatures.niveaux(), "niveau_diplome"),
                        multiple=True, label="niveau de diplôme"),
        "dispositif": Param([], choices=_codes(nomenclatures.dispositifs(), "dispositif"),
                            multiple=True, label="dispositif"),
        "domaine": Param([], choices=_codes(nomenclatures.domaines(), "code_domaine"),
                         multiple=True, label="domaine"),
        "famille": Param([], choices=nomenclatures.familles(), multiple=True,
                         label="famille de métiers", max_length=300),
        "q": Param("", parse=str.strip, label="recherche", max_length=100),
        "quadrant": Param([], choices=list(console.QUADRANTS), multiple=True, label="quadrant"),
        "pression": Param([], choices=list(console.BANDES), multiple=True,
                          label="tranche de pression"),
        "voie": Param("scolaire", choices=list(VOIE_LABELS), label="voie"),
        "col": Param(list(console_table.default_columns(grain)), choices=columns,
                     multiple=True, label="colonnes"),
        "tri": Param("libelle_formation", choices=columns, label="tri"),
        "desc": Param(False, parse=url_state.parse_boolean, format=lambda v: "1" if v else "0",
                      label="ordre décroissant"),
    }
    if grain == "offre":
        params["secteur"] = Param([], choices=["public", "privé"], multiple=True,
                                  label="secteur")
        params["uai"] = Param([], parse=url_state.matching(UAI_PATTERN, transform=str.upper),
                              multiple=True, label="établissement")
    return params


def _territory_notices(state: dict) -> list[str]:
    """Drop an académie or a département that is outside the chosen région or académie."""
    notices = []
    academies = nomenclatures.academies().set_index("code_academie")["code_region"]
    departements = nomenclatures.departements().set_index("code_departement")
    if state["academie"] and state["region"] and academies.get(state["academie"]) != state["region"]:
        notices.append(f"L'académie {state['academie']} n'est pas dans la région choisie : "
                       "filtre académie ignoré.")
        state["academie"] = None
    dep = state["departement"]
    if dep:
        row = departements.loc[dep]
        outside_region = state["region"] and row["code_region"] != state["region"]
        outside_academie = state["academie"] and row["code_academie"] != state["academie"]
        if outside_region or outside_academie:
            notices.append(f"Le département {dep} n'est pas dans le territoire choisi : "
                           "filtre département ignoré.")
            state["departement"] = None
    return notices


def _key(grain: Grain, name: str) -> str:
    return f"console_{grain}_{name}"


def _initialise(grain: Grain, params: dict[str, Param]) -> None:
    """Seed the widget keys when the page opens: from the URL, or from the last state.

    The last state of this session is used when the user comes back from another page and
    the URL names no filter.
    """
    if _key(grain, "rentree") in st.session_state:
        return
    saved = st.session_state.get(_key(grain, "saved"))
    if saved is not None and not any(name in st.query_params for name in params):
        # Streamlit dropped the widget keys when the user left the page. The last state
        # comes back, and write_state puts it in the URL again.
        for name, value in saved.items():
            st.session_state[_key(grain, name)] = value
        st.session_state[_key(grain, "notices")] = []
        return
    state, notices = url_state.read_state(st.query_params, params)
    notices += _territory_notices(state)
    if not state["region"]:
        state["quadrant"] = []
    for name, value in state.items():
        st.session_state[_key(grain, name)] = value
    st.session_state[_key(grain, "notices")] = notices
    for notice in notices:
        logger.info("Console %s URL notice: %s", grain, notice)


def _reset(grain: Grain, *names: str) -> None:
    for name in names:
        st.session_state[_key(grain, name)] = None


def _territory_widgets(grain: Grain) -> None:
    regions = nomenclatures.regions().set_index("code_region")["libelle_region"]
    academies = nomenclatures.academies()
    departements = nomenclatures.departements()
    region = st.session_state[_key(grain, "region")]
    academie = st.session_state[_key(grain, "academie")]
    if region:
        academies = academies[academies["code_region"] == region]
        departements = departements[departements["code_region"] == region]
    if academie:
        departements = departements[departements["code_academie"] == academie]
    academie_names = academies.set_index("code_academie")["libelle_academie"]
    departement_names = departements.set_index("code_departement")["libelle_departement"]

    left, middle, right = st.columns(3)
    left.selectbox(
        "Région", [None, *regions.index], key=_key(grain, "region"),
        format_func=lambda code: "France entière" if code is None else regions[code],
        placeholder="France entière", on_change=_reset, args=(grain, "academie", "departement"),
    )
    middle.selectbox(
        "Académie", [None, *academie_names.index], key=_key(grain, "academie"),
        format_func=lambda code: "Toutes" if code is None else academie_names[code],
        placeholder="Toutes", on_change=_reset, args=(grain, "departement"),
    )
    right.selectbox(
        "Département", [None, *departement_names.index], key=_key(grain, "departement"),
        format_func=lambda code: "Tous" if code is None else f"{code} – {departement_names[code]}",
        placeholder="Tous",
    )


def _formation_widgets(grain: Grain) -> None:
    niveaux = nomenclatures.niveaux().set_index("niveau_diplome")["libelle_niveau"]
    dispositifs = nomenclatures.dispositifs().set_index("dispositif")["libelle_dispositif"]
    domaines = nomenclatures.domaines().set_index("code_domaine")["libelle_domaine"]
    first, second, third, fourth = st.columns(4)
    first.selectbox("Rentrée", nomenclatures.rentrees(), key=_key(grain, "rentree"))
    second.multiselect("Niveau de diplôme", list(niveaux.index), key=_key(grain, "niveau"),
                       format_func=lambda code: niveaux.get(code, code), placeholder="Tous")
    third.multiselect("Dispositif", list(dispositifs.index), key=_key(grain, "dispositif"),
                      format_func=lambda code: f"{code} – {dispositifs.get(code, '')}",
                      placeholder="Tous")
    fourth.multiselect("Domaine (NSF)", list(domaines.index), key=_key(grain, "domaine"),
                       format_func=lambda code: domaines.get(code, code), placeholder="Tous")
    first, second, third, fourth = st.columns(4)
    first.multiselect("Famille de métiers", nomenclatures.familles(),
                      key=_key(grain, "famille"), placeholder="Toutes")
    second.text_input("Formation (libellé ou CFD)", key=_key(grain, "q"), max_chars=100,
                      placeholder="ex. cuisine, 40022106")
    region_chosen = bool(st.session_state[_key(grain, "region")])
    if not region_chosen:
        st.session_state[_key(grain, "quadrant")] = []
    third.multiselect(
        "Quadrant", list(console.QUADRANTS), key=_key(grain, "quadrant"),
        disabled=not region_chosen, placeholder="Tous",
        help=glossary.aide("quadrant") + " Choisissez une région pour filtrer.",
    )
    fourth.multiselect("Tranche de pression", list(console.BANDES), key=_key(grain, "pression"),
                       placeholder="Toutes", help=glossary.aide("taux_pression"))


def _offre_widgets(grain: Grain) -> None:
    left, right = st.columns(2)
    left.multiselect("Secteur", ["public", "privé"], key=_key(grain, "secteur"),
                     placeholder="Tous")
    right.multiselect("Établissements (UAI)", st.session_state[_key(grain, "uai")],
                      key=_key(grain, "uai"), accept_new_options=True,
                      placeholder="Saisir un UAI, ex. 0010001W")


def _check_uais(grain: Grain, state: dict) -> list[str]:
    """Drop the typed UAIs that are not well formed, with a notice naming them."""
    if "uai" not in state:
        return []
    typed = [uai.strip().upper() for uai in state["uai"]]
    valid = [uai for uai in typed if re.fullmatch(UAI_PATTERN, uai)]
    rejected = [uai for uai in typed if uai not in valid]
    if not rejected:
        return []
    state["uai"] = valid
    shown = ", ".join(url_state.show_value(uai) for uai in rejected)
    return [f"UAI ignoré(s) : {shown}. Un UAI compte 7 chiffres suivis d'une lettre, "
            "par exemple 0010001W."]


def _state(grain: Grain, params: dict[str, Param]) -> dict:
    return {name: st.session_state.get(_key(grain, name), params[name].default)
            for name in params}


def _filters(state: dict) -> ConsoleFilters:
    return ConsoleFilters(
        rentree=int(state["rentree"]),
        code_region=state["region"],
        code_academie=state["academie"],
        code_departement=state["departement"],
        niveaux=tuple(state["niveau"]),
        dispositifs=tuple(state["dispositif"]),
        domaines=tuple(state["domaine"]),
        familles=tuple(state["famille"]),
        recherche=state["q"] or "",
        quadrants=tuple(state["quadrant"]),
        bandes_pression=tuple(state["pression"]),
        voie=state["voie"],
        secteurs=tuple(state.get("secteur", ())),
        uais=tuple(uai.strip().upper() for uai in state.get("uai", ())),
    )


def _column_config(selected: list[str]) -> dict:
    return {
        column: st.column_config.TextColumn(glossary.libelle(column), help=glossary.aide(column))
        for column in selected
    }


def _empty_column_notice(rows: pd.DataFrame, selected: list[str], rentree: int) -> None:
    empty = [c for c in selected if c.startswith(("effectif", "nombre_eleves")) and
             rows[c].isna().all()]
    if empty:
        st.info(
            f"Aucun effectif par formation n'est publié pour la rentrée {rentree} : le constat "
            "de rentrée par formation n'existe en données ouvertes que pour la rentrée "
            f"{min(nomenclatures.rentrees_effectifs(), default='2020')}. Choisissez cette "
            "rentrée pour voir les effectifs ; le taux de remplissage par formation reste non "
            "calculable faute de capacité la même rentrée."
        )


def _exports(grain: Grain, rows, selected: list[str], state: dict) -> None:
    if rows.empty or not selected:
        return
    headers = console_table.export_headers(selected)
    described = {"rentree": state["rentree"], "region": state["region"],
                 "academie": state["academie"], "departement": state["departement"]}
    view = EXPORT_VIEWS[grain]

    # The files are written only on a click: an XLSX of every offer in France takes longer
    # than the rest of the page.
    def csv_bytes() -> bytes:
        return exports.to_csv_bytes(console_table.for_export(rows, selected), headers)

    def xlsx_bytes() -> bytes:
        frame = console_table.for_export(rows, selected)
        return exports.to_xlsx_bytes(frame, headers, sheet_name=view)

    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Exporter en CSV", csv_bytes,
        file_name=exports.export_filename(view, described, "csv"), mime=exports.CSV_MIME,
        on_click="ignore",
    )
    right.download_button(
        "Exporter en XLSX", xlsx_bytes,
        file_name=exports.export_filename(view, described, "xlsx"), mime=exports.XLSX_MIME,
        on_click="ignore",
    )


def render(grain: Grain) -> None:
    """Draw a console: filters, the table of rows, the column chooser and the exports."""
    params = spec(grain)
    _initialise(grain, params)
    for notice in st.session_state.get(_key(grain, "notices"), []):
        st.warning(notice)

    with st.container(border=True):
        _territory_widgets(grain)
        _formation_widgets(grain)
        if grain == "offre":
            _offre_widgets(grain)

    state = _state(grain, params)
    notices = _check_uais(grain, state)
    for notice in notices:
        st.warning(notice)
    url_state.write_state(st.query_params, state, params)
    st.session_state[_key(grain, "saved")] = dict(state)
    filters = _filters(state)
    rows = console.console(filters, grain)

    all_columns = list(console_table.columns(grain))
    with st.expander("Colonnes, tri et voie des taux de sortie"):
        st.multiselect("Colonnes affichées", all_columns, key=_key(grain, "col"),
                       format_func=glossary.libelle)
        left, middle, right = st.columns(3)
        left.selectbox("Trier par", all_columns, key=_key(grain, "tri"),
                       format_func=glossary.libelle)
        middle.toggle("Ordre décroissant", key=_key(grain, "desc"))
        right.radio("Voie des taux de sortie", list(VOIE_LABELS), key=_key(grain, "voie"),
                    format_func=VOIE_LABELS.get, horizontal=True)

    selected = [c for c in st.session_state[_key(grain, "col")] if c in rows.columns]
    rows = console_table.sort_rows(rows, state["tri"], state["desc"])
    _caption(grain, rows, filters)
    absent = ui.avis_millesime_absent(indicators.millesime_for_rentree(filters.rentree))
    if absent:
        st.info(absent)
    if rows.empty:
        st.info("Aucune ligne ne correspond à ces filtres. Élargissez le territoire ou "
                "retirez un filtre.")
        return
    _empty_column_notice(rows, selected, filters.rentree)
    st.dataframe(console_table.as_text(rows, selected), column_config=_column_config(selected),
                 hide_index=True, width="stretch", height=560)
    _exports(grain, rows, selected, state)


def _caption(grain: Grain, rows, filters: ConsoleFilters) -> None:
    unit = "offre" if grain == "offre" else "formation"
    unit += "s" if len(rows) > 1 else ""
    millesime = indicators.millesime_for_rentree(filters.rentree).replace("_", "-")
    region = console.insertion_region(filters) if grain == "formation" else None
    if region:
        scope = "de la région"
    elif grain == "offre":
        scope = "de chaque région"
    else:
        scope = "France"
    st.caption(
        f"{ui.entier(len(rows))} {unit} · rentrée {filters.rentree} · taux de sortie InserJeunes du "
        f"millésime {millesime} ({VOIE_LABELS[filters.voie].lower()}, {scope})"
        + (" — un département ou une académie affiche les taux de sa région."
           if filters.code_departement or filters.code_academie else "")
    )
