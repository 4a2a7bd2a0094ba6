"""Orion's entry point: page configuration and navigation over the files in pages/."""

from __future__ import annotations

import logging

import streamlit as st

from orion_data import demandes_ui
from orion_data.demandes.permissions import GatedPage, pages_for

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

st.set_page_config(page_title="Orion", page_icon="🧭", layout="wide")

# Each url_path is the file's stem. Streamlit 1.67.0 first looks a page URL up among the files
# of pages/ by stem, before st.navigation runs. Any other path showed a "Page not found"
# dialog on the first visit.
PUBLIC_PAGES = [
    st.Page("pages/accueil.py", title="Accueil", icon=":material/home:", default=True),
    st.Page("pages/console_formations.py", title="Console formations",
            icon=":material/table_view:", url_path="console_formations"),
    st.Page("pages/console_etablissements.py", title="Console établissements",
            icon=":material/school:", url_path="console_etablissements"),
    st.Page("pages/panorama_territoire.py", title="Panorama région et département",
            icon=":material/map:", url_path="panorama_territoire"),
    st.Page("pages/panorama_etablissement.py", title="Panorama établissement",
            icon=":material/location_city:", url_path="panorama_etablissement"),
    st.Page("pages/insertion.py", title="Insertion des sortants", icon=":material/work:",
            url_path="insertion"),
    st.Page("pages/metiers_avenir.py", title="Métiers d'avenir", icon=":material/trending_up:",
            url_path="metiers_avenir"),
    st.Page("pages/glossaire.py", title="Glossaire", icon=":material/menu_book:",
            url_path="glossaire"),
]

# The demand pages, registered only for a logged-in user whose role may open them. The
# detail page is opened from the list with ?id=…, so it has no menu entry.
GATED_PAGES = {
    GatedPage.DEMANDES: st.Page(
        "pages/demandes.py", title="Demandes", icon="🗂️", url_path=GatedPage.DEMANDES.value
    ),
    GatedPage.FORMULAIRE: st.Page(
        "pages/demande_formulaire.py",
        title="Saisir une demande",
        icon="✏️",
        url_path=GatedPage.FORMULAIRE.value,
    ),
    GatedPage.DEMANDE: st.Page(
        "pages/demande_detail.py",
        title="Demande",
        icon="📄",
        url_path=GatedPage.DEMANDE.value,
        visibility="hidden",
    ),
}

user = demandes_ui.account_box()
sections = {"Explorer": PUBLIC_PAGES}
gated = [GATED_PAGES[page] for page in pages_for(user)]
if gated:
    sections["Demandes"] = gated

navigation = st.navigation(sections)
navigation.run()
