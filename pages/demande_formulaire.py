"""Demand form: a new demand, or the edit of the demand opened with ?id=….

Every value goes to `orion_data.demandes.service` as typed, which validates it and checks
the role, the scope and the campaign. One idempotency key per displayed form, kept until a
successful save, makes a double click or a resubmitted form store one demand.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from orion_data import demande_form_ui as form_ui
from orion_data import demandes_ui
from orion_data.demandes import campaigns, queries, service
from orion_data.demandes.actions import available_actions
from orion_data.demandes.model import Demande, Statut
from orion_data.demandes.permissions import GatedPage
from orion_data.errors import Conflict, NotFound, OrionError, ValidationError

store, user = demandes_ui.require_page(GatedPage.FORMULAIRE)
referentiel = demandes_ui.referentiel()


def _editing() -> Demande | None:
    """Return the demand named by ?id=, None for a new demand; stop if it cannot be edited."""
    raw = st.query_params.get("id")
    if raw is None:
        return None
    try:
        demande = queries.get_demande(store, user, queries.parse_demande_id(raw))
    except NotFound as error:
        demandes_ui.show_error(error)
        st.stop()
    if not available_actions(store, user, demande).modifier:
        st.error(
            demandes_ui.plain(
                f"Vous ne pouvez pas modifier la demande {demande.numero} aujourd'hui : son "
                f"statut ({demande.statut.libelle}), votre rôle ou la campagne ne le permet pas."
            )
        )
        st.stop()
    return demande


def _campaign_year(demande: Demande | None) -> int:
    if demande is not None:
        return demande.annee_campagne
    campagne = campaigns.current_campagne(store)
    if campagne is None:
        st.info("Aucune campagne n'est en cours : la saisie de nouvelles demandes est fermée.")
        st.stop()
    return campagne.annee


def _show_errors(error: OrionError, slots: form_ui.Slots, general) -> None:
    """Show each field's message under its widget, and the other messages above the button."""
    if not isinstance(error, ValidationError):
        general.error(demandes_ui.plain(error))
        return
    elsewhere = []
    for field, message in error.errors.items():
        if field in slots:
            slots[field].error(demandes_ui.plain(message))
        else:
            elsewhere.append(message)
    summary = "La demande n'est pas enregistrée : corrigez les champs signalés."
    general.error(demandes_ui.plain(" ".join([summary, *elsewhere])))


def _save(demande: Demande | None, form: dict[str, Any], cle: str) -> Demande:
    if demande is None:
        statut = form_ui.state("statut") or Statut.PROPOSITION
        return service.create_demande(store, referentiel, user, form, cle, statut)
    expected_version = form_ui.state("version_chargee")
    return service.update_demande(
        store, referentiel, user, demande.id, expected_version, form, cle
    )


def _submit(demande: Demande | None, form: dict[str, Any], form_name: str, slots, general):
    try:
        saved = _save(demande, form, demandes_ui.form_key(form_name))
    except OrionError as error:
        _show_errors(error, slots, general)
        if isinstance(error, Conflict) and demande is not None:
            form_ui.forget()
            st.caption("Rechargez la page pour repartir de la dernière version enregistrée.")
        return
    demandes_ui.drop_form_key(form_name)
    form_ui.forget()
    demandes_ui.flash(f"Demande {saved.numero} enregistrée (version {saved.version}).")
    st.switch_page(demandes_ui.DETAIL_PAGE, query_params={"id": str(saved.id)})


demande = _editing()
annee = _campaign_year(demande)
# The context of an edit is the demand, not its version, so that a version saved by someone
# else meanwhile does not reset the form but makes the save fail with a Conflict.
context = "nouvelle" if demande is None else str(demande.id)
form_ui.initialise(context, form_ui.initial_values(demande, annee))
form_name = f"demande-{context}"
demandes_ui.form_key(form_name)

if demande is None:
    st.title("Nouvelle demande")
    st.caption(f"Campagne {annee}. Les champs sont vérifiés à l'enregistrement.")
else:
    st.title(f"Modifier la demande {demande.numero}")
    version = form_ui.state("version_chargee")
    st.caption(f"Campagne {annee}, version {version}, statut {demande.statut.libelle}.")

slots: form_ui.Slots = {}
form = form_ui.formation_section(referentiel, user, slots)
form |= form_ui.type_section(slots, annee)
form |= form_ui.precisions_section(form["type_demande"], slots)

st.divider()
if demande is None:
    st.radio(
        "Enregistrer comme",
        [Statut.PROPOSITION, Statut.BROUILLON],
        format_func=lambda s: s.libelle,
        horizontal=True,
        key=form_ui.state_key("statut"),
    )
general = st.empty()
if st.button("Enregistrer la demande", type="primary", key=form_ui.state_key("enregistrer")):
    _submit(demande, form, form_name, slots, general)
