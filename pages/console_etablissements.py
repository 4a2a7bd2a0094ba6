"""Console établissements: one row per offer (UAI × formation × dispositif)."""

from __future__ import annotations

import streamlit as st

from orion_data import console_ui

st.title("Console établissements")
st.caption(
    "Une ligne par offre de formation d'un établissement : identité de l'établissement, "
    "effectifs, capacités et attractivité de la rentrée, taux de sortie InserJeunes de la "
    "formation dans la région de l'établissement, valeur ajoutée de l'établissement."
)
console_ui.render("offre")
