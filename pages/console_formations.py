"""Console formations: one row per formation (CFD × dispositif) over the chosen territory."""

from __future__ import annotations

import streamlit as st

from orion_data import console_ui

st.title("Console formations")
st.caption(
    "Une ligne par formation et dispositif, agrégée sur le territoire choisi : effectifs, "
    "capacités et attractivité de la rentrée, taux de sortie InserJeunes de la région ou de "
    "la France."
)
console_ui.render("formation")
