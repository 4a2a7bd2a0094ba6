"""The widgets of the demand form, in its three sections, and their session state.

`pages/demande_formulaire.py` calls `initialise`, then the three `*_section` functions,
which return the form values to send to `orion_data.demandes.service`. Under each field
they leave an empty slot in `slots`, where the page shows that field's error. Capacities
are text inputs, so that what a user types reaches the server-side validation unchanged.
"""

from __future__ import annotations

from typing import Any, Final

import streamlit as st

from orion_data import nomenclatures
from orion_data.auth.model import User
from orion_data.demandes import queries, service, tables
from orion_data.demandes.model import CAPACITY_FIELDS, Demande, TypeDemande
from orion_data.demandes.motifs import AUTRE, motifs_for
from orion_data.demandes.referentiel import Referentiel
from orion_data.demandes.validation import RENTREE_HORIZON
from orion_data.demandes.workflow import MAX_TEXT_LENGTH

PREFIX: Final = "formulaire_"
_SEARCH_LIMIT: Final = 50
_ROWS: Final = ("scolaire", "apprentissage", "scolaire_coloree", "apprentissage_coloree")
_LONG_TEXTS: Final = {
    "partenaires_economiques": "Partenaires économiques",
    "besoins_rh": "Besoins en ressources humaines",
    "travaux_equipements": "Travaux et équipements",
    "internat_restauration": "Internat et restauration",
    "observations": "Observations",
}

Slots = dict[str, Any]


def state_key(field: str) -> str:
    """Return the session-state key of a form field's widget."""
    return PREFIX + field


def state(field: str) -> Any:
    """Return the current value of a form field's widget, None before its first display."""
    return st.session_state.get(state_key(field))


def initial_values(demande: Demande | None, annee: int) -> dict[str, Any]:
    """Return the widget values of a new form of campaign `annee`, or of the demand to edit."""
    if demande is None:
        values: dict[str, Any] = {field: "0" for field in CAPACITY_FIELDS}
        choices = {"uai": None, "cfd": None, "dispositif": None, "type_demande": None}
        return values | choices | {"rentree": annee + 1, "motifs": []}

    champs = demande.champs
    values = service.form_from_champs(champs)
    values |= {field: str(values[field]) for field in CAPACITY_FIELDS}
    values["type_demande"] = champs.type_demande
    values["libelles_coloration"] = "\n".join(champs.libelles_coloration)
    values["uai_recherche"] = champs.uai
    values["cfd_recherche"] = champs.cfd
    # The stored current capacities stay as they were, rather than being pre-filled again.
    values["prerempli_pour"] = (champs.uai, champs.cfd, champs.dispositif)
    values["version_chargee"] = demande.version
    return values


# Runs of a newly displayed form during which `initialise` sets every widget value again.
REAPPLIED_RUNS: Final = 3


def initialise(context: str, values: dict[str, Any]) -> None:
    """Give the widgets their initial values when another form is displayed (new, or
    another demand), then, during the first runs of that form, set each value again.

    Streamlit sends a value set through the session state to the browser with the run
    that set it only. When that run is cut short, for instance by the rerun that the login
    cookie component starts, the browser can keep the widget's default instead (seen in
    Chromium with the rentrée) and submit it later. Setting the values again during the
    first runs keeps the browser and the server in agreement. Doing it on every run sent
    stale values back while a user typed quickly from field to field (seen in Chromium: a
    capacity showed an older number), so it stops after REAPPLIED_RUNS runs.
    """
    if state("contexte") != context:
        for name in [name for name in st.session_state if name.startswith(PREFIX)]:
            del st.session_state[name]
        st.session_state[state_key("contexte")] = context
        st.session_state[state_key("relances")] = REAPPLIED_RUNS
    remaining = state("relances") or 0
    for field, initial in values.items():
        key = state_key(field)
        if key not in st.session_state or remaining > 0:
            st.session_state[key] = st.session_state.get(key, initial)
    if remaining > 0:
        st.session_state[state_key("relances")] = remaining - 1


def forget() -> None:
    """Make the next display start from fresh values, e.g. after a save."""
    st.session_state.pop(state_key("contexte"), None)


def _choice(label: str, options: dict[str, str], field: str, placeholder: str) -> str | None:
    """Draw a selectbox of codes; the current value stays an option when a search drops it."""
    current = state(field)
    if current and current not in options:
        options = {current: current} | options
    return st.selectbox(
        label,
        list(options),
        format_func=options.get,
        placeholder=placeholder,
        key=state_key(field),
    )


def _results_placeholder(text: str, count: int, noun: str) -> str:
    """Return the placeholder of a select fed by a search: what to do, and how many matched."""
    if not text.strip():
        return "Lancez d'abord la recherche ci-dessus"
    if count == 0:
        return f"Aucun {noun} trouvé : modifiez la recherche"
    if count >= _SEARCH_LIMIT:
        return f"Les {count} premiers résultats : précisez la recherche si besoin"
    return f"{count} résultat(s) : choisissez"


def _etablissement(referentiel: Referentiel, user: User) -> str | None:
    text = st.text_input(
        "Rechercher un établissement",
        max_chars=100,
        key=state_key("uai_recherche"),
        placeholder="UAI ou nom, par exemple 0010014K ou Edgar Quinet",
    )
    found = []
    if text.strip():
        found = queries.search_etablissements(referentiel, user, text, _SEARCH_LIMIT)
    options = {e.uai: f"{e.uai} · {e.libelle}" for e in found}
    placeholder = _results_placeholder(text, len(found), "établissement de votre périmètre")
    return _choice("Établissement", options, "uai", placeholder)


def _formation(referentiel: Referentiel) -> str | None:
    text = st.text_input(
        "Rechercher une formation",
        max_chars=100,
        key=state_key("cfd_recherche"),
        placeholder="CFD ou libellé, par exemple 32031409 ou cuisine",
    )
    found = []
    if text.strip():
        found = queries.search_formations(referentiel, text, _SEARCH_LIMIT)
    options = {f.cfd: f"{f.cfd} · {f.libelle}" for f in found}
    label = "Formation (diplôme professionnel ouvert)"
    placeholder = _results_placeholder(text, len(found), "diplôme professionnel ouvert")
    return _choice(label, options, "cfd", placeholder)


def _dispositif(referentiel: Referentiel, cfd: str | None) -> str | None:
    known = nomenclatures.dispositifs()
    names = dict(zip(known["dispositif"], known["libelle_dispositif"], strict=True))
    codes = sorted(referentiel.dispositifs(cfd)) if cfd else []
    options = {code: f"{code} · {names.get(code, 'dispositif')}" for code in codes}
    placeholder = "Choisissez d'abord une formation"
    if cfd:
        placeholder = f"{len(codes)} dispositif(s) pour ce diplôme : choisissez"
    return _choice("Dispositif", options, "dispositif", placeholder)


def _prefill(referentiel: Referentiel, offer: tuple[str | None, ...]) -> None:
    """Fill the current capacities from the latest known capacity, once per chosen offer."""
    if None in offer or state("prerempli_pour") == offer:
        return
    st.session_state[state_key("prerempli_pour")] = offer
    for field, capacity in queries.prefill_capacities(referentiel, *offer).items():
        if capacity is not None:
            st.session_state[state_key(field)] = str(capacity)


def formation_section(referentiel: Referentiel, user: User, slots: Slots) -> dict[str, Any]:
    """Draw the établissement, formation, dispositif and FCIL label; return their values."""
    st.subheader("Formation et établissement")
    uai = _etablissement(referentiel, user)
    slots["uai"] = st.empty()
    cfd = _formation(referentiel)
    slots["cfd"] = st.empty()
    dispositif = _dispositif(referentiel, cfd)
    slots["dispositif"] = st.empty()

    formation = referentiel.formation(cfd) if cfd else None
    libelle_fcil = ""
    if formation is not None and formation.is_fcil:
        libelle_fcil = st.text_input(
            "Libellé local de la FCIL", max_chars=MAX_TEXT_LENGTH, key=state_key("libelle_fcil")
        )
    slots["libelle_fcil"] = st.empty()
    # The capacity widgets come later in the run, so their state may still be set here.
    _prefill(referentiel, (uai, cfd, dispositif))
    return {
        "uai": uai or "",
        "cfd": cfd or "",
        "dispositif": dispositif or "",
        "libelle_fcil": libelle_fcil,
    }


def _capacity_grid(slots: Slots) -> dict[str, str]:
    values = {}
    current, future = st.columns(2)
    for row in _ROWS:
        for column, moment in ((current, "actuelle"), (future, "future")):
            field = f"capacite_{row}_{moment}"
            with column:
                values[field] = st.text_input(
                    tables.HEADERS[field], max_chars=6, key=state_key(field)
                )
                slots[field] = st.empty()
    st.caption(
        "Capacités en nombre de places. Les capacités actuelles sont pré-remplies d'après la "
        "dernière rentrée connue de l'offre, quand elle est connue."
    )
    slots["capacites"] = st.empty()
    return values


def type_section(slots: Slots, annee: int) -> dict[str, Any]:
    """Draw the rentrée, the type, the coloration and the 8 capacities; return their values."""
    st.subheader("Type et capacités")
    left, right = st.columns(2)
    years = sorted({*range(annee, annee + RENTREE_HORIZON + 1), state("rentree") or annee + 1})
    with left:
        rentree = st.selectbox(
            "Rentrée scolaire",
            years,
            placeholder="Choisissez une année",
            key=state_key("rentree"),
        )
        slots["rentree"] = st.empty()
    with right:
        type_demande = st.selectbox(
            "Type de demande",
            list(TypeDemande),
            format_func=lambda t: t.libelle,
            placeholder="Choisissez un type",
            key=state_key("type_demande"),
        )
        slots["type_demande"] = st.empty()

    coloration = st.checkbox("Coloration", key=state_key("coloration"))
    slots["coloration"] = st.empty()
    libelles = ""
    if coloration:
        libelles = st.text_area(
            "Libellés de coloration, un par ligne", key=state_key("libelles_coloration")
        )
    slots["libelles_coloration"] = st.empty()
    form = {
        "rentree": rentree,
        "type_demande": type_demande.value if type_demande else "",
        "coloration": coloration,
        "libelles_coloration": libelles,
    }
    return form | _capacity_grid(slots)


def _motifs(type_demande: str, slots: Slots) -> dict[str, Any]:
    offered = motifs_for(TypeDemande(type_demande)) if type_demande else {}
    # Motifs not offered for the chosen type are dropped before the widget is drawn.
    st.session_state[state_key("motifs")] = [m for m in state("motifs") or [] if m in offered]
    motifs = st.multiselect(
        "Motifs",
        list(offered),
        format_func=offered.get,
        disabled=not offered,
        placeholder="Choisissez" if offered else "Choisissez d'abord un type de demande",
        key=state_key("motifs"),
    )
    slots["motifs"] = st.empty()
    autre = ""
    if AUTRE in motifs:
        autre = st.text_input(
            "Précisez l'autre motif", max_chars=MAX_TEXT_LENGTH, key=state_key("autre_motif")
        )
    slots["autre_motif"] = st.empty()
    return {"motifs": motifs, "autre_motif": autre}


def precisions_section(type_demande: str, slots: Slots) -> dict[str, Any]:
    """Draw the motifs, AMI/CMA, partners, CMQ, inspector and free texts; return their values."""
    st.subheader("Précisions")
    form = _motifs(type_demande, slots)
    form["ami_cma"] = st.checkbox("Réponse à un AMI ou à un CMA", key=state_key("ami_cma"))
    slots["ami_cma"] = st.empty()

    left, right = st.columns(2)
    with left:
        form["cmq"] = st.text_input(
            "Campus des métiers et des qualifications (CMQ)",
            max_chars=MAX_TEXT_LENGTH,
            key=state_key("cmq"),
        )
        slots["cmq"] = st.empty()
    with right:
        form["inspecteur_referent"] = st.text_input(
            "Inspecteur référent", max_chars=MAX_TEXT_LENGTH, key=state_key("inspecteur_referent")
        )
        slots["inspecteur_referent"] = st.empty()
    for field, label in _LONG_TEXTS.items():
        form[field] = st.text_area(label, max_chars=MAX_TEXT_LENGTH, key=state_key(field))
        slots[field] = st.empty()
    return form
