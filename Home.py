"""Orion's entry point: page configuration and navigation over the files in pages/."""

from __future__ import annotations

import logging

import streamlit as st

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

st.set_page_config(page_title="Orion", page_icon="🧭", layout="wide")

PUBLIC_PAGES = [
    st.Page("pages/accueil.py", title="Accueil", icon="🏠", default=True, url_path="accueil"),
    st.Page("pages/console_formations.py", title="Console formations", icon="📋",
            url_path="console-formations"),
    st.Page("pages/console_etablissements.py", title="Console établissements", icon="🏫",
            url_path="console-etablissements"),
    st.Page("pages/insertion.py", title="Insertion des sortants", icon="🎓",
            url_path="insertion"),
    st.Page("pages/metiers_avenir.py", title="Métiers d'avenir", icon="🔧",
            url_path="metiers-avenir"),
    st.Page("pages/glossaire.py", title="Glossaire", icon="📖", url_path="glossaire"),
]

navigation = st.navigation({"Explorer": PUBLIC_PAGES})
navigation.run()
