"""Glossary: the definition, formula, source and caveats of every indicator."""

from __future__ import annotations

import streamlit as st

from orion_data import glossary, nomenclatures

st.title("Glossaire des indicateurs")
st.caption(
    f"Rentrées disponibles : {', '.join(str(r) for r in sorted(nomenclatures.rentrees()))} · "
    f"millésimes InserJeunes : "
    f"{', '.join(m.replace('_', '-') for m in sorted(nomenclatures.millesimes()))}."
)

for indicator in glossary.INDICATEURS.values():
    with st.container(border=True):
        st.subheader(indicator.libelle)
        st.text(indicator.definition)
        rows = [
            ("Formule", indicator.formule),
            ("Source", indicator.source),
            ("Période", indicator.periode),
            ("Secret statistique", indicator.suppression),
            ("Précautions", indicator.precautions),
        ]
        for label, text in rows:
            if text:
                st.markdown(f"**{label}**")
                st.text(text)
