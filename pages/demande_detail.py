"""Demand detail, opened with ?id=…: every field, the history, the versions, the avis and
the actions the user may take."""

from __future__ import annotations

import streamlit as st

from orion_data import demandes_ui
from orion_data.demandes import queries, service, tables
from orion_data.demandes.actions import DemandeActions, available_actions
from orion_data.demandes.model import Demande, SensAvis, TypeAvis
from orion_data.demandes.permissions import GatedPage
from orion_data.demandes.workflow import MAX_TEXT_LENGTH
from orion_data.errors import NotFound, OrionError, ValidationError

store, user = demandes_ui.require_page(GatedPage.DEMANDE)
demandes_ui.show_flash()


def _load() -> Demande:
    """Return the demand named by ?id=, or stop the page with a French message."""
    raw = st.query_params.get("id", "")
    try:
        return queries.get_demande(store, user, queries.parse_demande_id(raw))
    except NotFound as error:
        demandes_ui.show_error(error)
        st.page_link(demandes_ui.LIST_PAGE, label="Liste des demandes", icon="🗂️")
        st.stop()


def _show_failure(error: OrionError) -> None:
    if isinstance(error, ValidationError):
        for message in error.errors.values():
            st.error(demandes_ui.plain(message))
    else:
        demandes_ui.show_error(error)


def _status_form(demande: Demande, actions: DemandeActions) -> None:
    with st.form("demande_statut"):
        vers = st.selectbox(
            "Nouveau statut",
            actions.statuts,
            format_func=lambda s: s.libelle,
            placeholder="Choisissez un statut",
            key="statut_vers",
        )
        commentaire = st.text_area(
            "Commentaire", max_chars=MAX_TEXT_LENGTH, key="statut_commentaire"
        )
        motif_refus = st.text_area(
            "Motif de refus",
            max_chars=MAX_TEXT_LENGTH,
            help="Obligatoire pour refuser la demande.",
            key="statut_motif_refus",
        )
        submitted = st.form_submit_button("Changer le statut", key="statut_valider")
    if not submitted:
        return
    name = f"statut-{demande.id}-{demande.version}"
    try:
        service.change_statut(
            store,
            user,
            demande.id,
            vers,
            demandes_ui.form_key(name),
            commentaire,
            motif_refus,
            expected_version=demande.version,
        )
    except OrionError as error:
        _show_failure(error)
        return
    demandes_ui.drop_form_key(name)
    demandes_ui.flash(f"Statut changé : {vers.libelle}.")
    st.rerun()


def _avis_form(demande: Demande) -> None:
    with st.form("demande_avis", clear_on_submit=True):
        left, right = st.columns(2)
        type_avis = left.selectbox(
            "Type d'avis",
            list(TypeAvis),
            format_func=tables.TYPE_AVIS_LABELS.get,
            placeholder="Choisissez un type d'avis",
            key="avis_type",
        )
        sens = right.selectbox(
            "Avis",
            list(SensAvis),
            format_func=tables.SENS_AVIS_LABELS.get,
            placeholder="Choisissez un avis",
            key="avis_sens",
        )
        commentaire = st.text_area(
            "Commentaire de l'avis", max_chars=MAX_TEXT_LENGTH, key="avis_commentaire"
        )
        restreint = st.checkbox(
            "Avis restreint",
            help="Visible seulement des rôles qui lisent les avis restreints.",
            key="avis_restreint",
        )
        submitted = st.form_submit_button("Donner l'avis", key="avis_valider")
    if not submitted:
        return
    name = f"avis-{demande.id}"
    try:
        service.give_avis(
            store, user, demande.id, type_avis, sens, commentaire, restreint,
            cle=demandes_ui.form_key(name),
        )
    except OrionError as error:
        _show_failure(error)
        return
    demandes_ui.drop_form_key(name)
    demandes_ui.flash("Avis enregistré.")
    st.rerun()


def _duplicate_button(demande: Demande, annee: int) -> None:
    if not st.button(f"Dupliquer dans la campagne {annee}", key="demande_dupliquer"):
        return
    name = f"copie-{demande.id}"
    try:
        copie = service.duplicate_demande(
            store, demandes_ui.referentiel(), user, demande.id, demandes_ui.form_key(name)
        )
    except OrionError as error:
        _show_failure(error)
        return
    demandes_ui.drop_form_key(name)
    demandes_ui.flash(f"Demande {demande.numero} copiée dans la demande {copie.numero}.")
    st.switch_page(demandes_ui.DETAIL_PAGE, query_params={"id": str(copie.id)})


def _delete_button(demande: Demande) -> None:
    confirmed = st.checkbox("Je confirme la suppression de cette demande", key="demande_confirmer")
    if not st.button("Supprimer la demande", disabled=not confirmed, key="demande_supprimer"):
        return
    name = f"suppression-{demande.id}-{demande.version}"
    try:
        service.delete_demande(store, user, demande.id, demandes_ui.form_key(name))
    except OrionError as error:
        _show_failure(error)
        return
    demandes_ui.drop_form_key(name)
    demandes_ui.flash(f"Demande {demande.numero} supprimée.")
    st.switch_page(demandes_ui.LIST_PAGE)


def _actions(demande: Demande) -> None:
    actions = available_actions(store, user, demande)
    if actions.modifier:
        st.page_link(
            demandes_ui.FORM_PAGE,
            label="Modifier la demande",
            icon="✏️",
            query_params={"id": str(demande.id)},
        )
    if actions.statuts:
        _status_form(demande, actions)
    if actions.donner_avis:
        with st.expander("Donner un avis"):
            _avis_form(demande)
    if actions.dupliquer_vers is not None:
        _duplicate_button(demande, actions.dupliquer_vers)
    if actions.supprimer:
        with st.expander("Supprimer la demande"):
            _delete_button(demande)
    if actions == DemandeActions():
        st.caption("Aucune action ne vous est ouverte sur cette demande aujourd'hui.")


def _original_numero(demande: Demande) -> str | None:
    if demande.demande_origine_id is None:
        return None
    try:
        return queries.get_demande(store, user, demande.demande_origine_id).numero
    except NotFound:
        return None


def _tabs(demande: Demande) -> None:
    fields, history, versions, avis = st.tabs(["Champs", "Historique", "Versions", "Avis"])
    with fields:
        libelles = demandes_ui.referentiel().libelles([demande.champs.uai], [demande.champs.cfd])
        frame = tables.fields_frame(demande, _original_numero(demande), libelles)
        st.dataframe(frame, hide_index=True, width="stretch")
    with history:
        transitions = queries.list_transitions(store, user, demande.id)
        st.dataframe(tables.transitions_frame(transitions), hide_index=True, width="stretch")
    with versions:
        saved = queries.list_versions(store, user, demande.id)
        st.dataframe(tables.versions_frame(saved), hide_index=True, width="stretch")
    with avis:
        given = queries.list_avis(store, user, demande.id)
        if given:
            st.dataframe(tables.avis_frame(given), hide_index=True, width="stretch")
        else:
            st.caption("Aucun avis visible pour l'instant.")


demande = _load()
st.title(f"Demande {demande.numero}")
st.text(
    f"{demande.statut.libelle} · {demande.champs.type_demande.libelle} · "
    f"campagne {demande.annee_campagne} · UAI {demande.uai} · CFD {demande.champs.cfd}"
)
st.page_link(demandes_ui.LIST_PAGE, label="Retour à la liste", icon="🗂️")
with st.container(border=True):
    _actions(demande)
_tabs(demande)
