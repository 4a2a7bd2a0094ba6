"""Demand list: filters, counts per status, the visible demands and their CSV and XLSX export."""

from __future__ import annotations

import streamlit as st

from orion_data import demandes_ui, exports, nomenclatures
from orion_data.demandes import queries, tables
from orion_data.demandes.model import Statut, TypeDemande
from orion_data.demandes.permissions import Action, GatedPage, may_open, scope_of, statuses_allowed

store, user = demandes_ui.require_page(GatedPage.DEMANDES)
demandes_ui.show_flash()
st.title("Demandes")


def _text_or_none(key: str, upper: bool = False) -> str | None:
    text = (st.session_state.get(key) or "").strip()
    return (text.upper() if upper else text) or None


def _territory_widgets(column_academie, column_departement) -> tuple[str | None, str | None]:
    """Draw the académie and département filters, limited to the user's région."""
    region = scope_of(user).code_region
    academies = nomenclatures.academies()
    if region:
        academies = academies[academies["code_region"] == region]
    names = dict(zip(academies["code_academie"], academies["libelle_academie"], strict=True))
    academie = column_academie.selectbox(
        "Académie",
        [None, *names],
        format_func=lambda code: "Toutes" if code is None else names[code],
        placeholder="Toutes",
        key="demandes_academie",
    )

    departements = nomenclatures.departements()
    if academie:
        departements = departements[departements["code_academie"] == academie]
    elif region:
        departements = departements[departements["code_region"] == region]
    labels = dict(
        zip(departements["code_departement"], departements["libelle_departement"], strict=True)
    )
    departement = column_departement.selectbox(
        "Département",
        [None, *labels],
        format_func=lambda code: "Tous" if code is None else f"{code} · {labels[code]}",
        placeholder="Tous",
        key="demandes_departement",
    )
    return academie, departement


def _filters() -> queries.DemandeFilters:
    """Draw the filters and return them; an empty widget means no filter."""
    years = sorted({c.annee for c in store.list_campagnes()}, reverse=True)
    readable = [s for s in Statut if s in statuses_allowed(user, Action.LIRE)]
    first, second, third = st.columns(3)
    annee = first.selectbox(
        "Campagne",
        [None, *years],
        format_func=lambda year: "Toutes" if year is None else str(year),
        index=1 if years else 0,
        placeholder="Toutes",
        key="demandes_campagne",
    )
    statuts = second.multiselect(
        "Statut",
        readable,
        format_func=lambda s: s.libelle,
        placeholder="Tous",
        key="demandes_statuts",
    )
    types = third.multiselect(
        "Type",
        list(TypeDemande),
        format_func=lambda t: t.libelle,
        placeholder="Tous",
        key="demandes_types",
    )
    academie, departement = _territory_widgets(*st.columns(2))

    first, second, third = st.columns(3)
    first.text_input("UAI", max_chars=8, key="demandes_uai")
    second.text_input("CFD", max_chars=8, key="demandes_cfd")
    third.text_input(
        "Recherche libre",
        max_chars=200,
        key="demandes_texte",
        help="Cherche dans le numéro, l'UAI, le CFD et tous les champs saisis.",
    )
    return queries.DemandeFilters(
        annee_campagne=annee,
        statuts=frozenset(statuts) or None,
        types=frozenset(types) or None,
        code_academie=academie,
        code_departement=departement,
        uai=_text_or_none("demandes_uai", upper=True),
        cfd=_text_or_none("demandes_cfd", upper=True),
        texte=_text_or_none("demandes_texte"),
    )


def _counts(demandes) -> None:
    readable = statuses_allowed(user, Action.LIRE)
    counts = {s: n for s, n in queries.count_by_statut(demandes).items() if s in readable}
    st.dataframe(tables.counts_frame(counts), hide_index=True, width="content")


def _exports(frame, filters: queries.DemandeFilters) -> None:
    described = {
        "campagne": filters.annee_campagne,
        "statut": sorted(filters.statuts or ()),
        "type": sorted(filters.types or ()),
        "academie": filters.code_academie,
        "departement": filters.code_departement,
        "uai": filters.uai,
        "cfd": filters.cfd,
    }
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Exporter en CSV",
        exports.to_csv_bytes(frame, tables.HEADERS),
        file_name=exports.export_filename("demandes", described, "csv"),
        mime=exports.CSV_MIME,
        on_click="ignore",
        key="demandes_export_csv",
    )
    right.download_button(
        "Exporter en XLSX",
        exports.to_xlsx_bytes(frame, tables.HEADERS, sheet_name="Demandes"),
        file_name=exports.export_filename("demandes", described, "xlsx"),
        mime=exports.XLSX_MIME,
        on_click="ignore",
        key="demandes_export_xlsx",
    )


def _open_one(frame) -> None:
    """Offer a link to the detail page of one of the listed demands."""
    labels = {
        row.id: f"{row.numero} · {row.libelle_etablissement or row.uai} · "
        f"{row.libelle_formation or row.cfd} · {row.statut}"
        for row in frame.itertuples()
    }
    chosen = st.selectbox(
        "Ouvrir une demande",
        list(labels),
        format_func=labels.get,
        placeholder="Choisissez une demande",
        key="demandes_ouvrir",
    )
    if chosen is not None:
        st.page_link(
            demandes_ui.DETAIL_PAGE,
            label="Voir la fiche de la demande",
            icon="📄",
            query_params={"id": str(chosen)},
        )


if may_open(user, GatedPage.FORMULAIRE):
    st.page_link(demandes_ui.FORM_PAGE, label="Saisir une nouvelle demande", icon="✏️")

with st.container(border=True):
    filters = _filters()
demandes = queries.list_demandes(store, user, filters)

st.subheader("Nombre de demandes par statut")
_counts(demandes)

st.subheader(f"{len(demandes)} demande(s)")
if not demandes:
    st.info("Aucune demande ne correspond à ces filtres dans votre périmètre.")
    st.stop()

champs = [demande.champs for demande in demandes]
libelles = demandes_ui.referentiel().libelles([c.uai for c in champs], [c.cfd for c in champs])
frame = tables.demandes_frame(demandes, libelles)
shown = frame[list(tables.LIST_COLUMNS)].rename(columns=tables.HEADERS)
st.dataframe(shown, hide_index=True, width="stretch")
_exports(frame, filters)
_open_one(frame)
