"""Landing page: national key figures and the periods each source covers."""

from __future__ import annotations

import streamlit as st

from orion_data import kpis, nomenclatures, ui

st.title("Orion")
st.markdown(
    "Orion rassemble les indicateurs utiles au pilotage de la carte des formations de la voie "
    "professionnelle : effectifs, capacités, attractivité, insertion des sortants. Toutes les "
    "valeurs sont calculées à partir de données publiques ouvertes."
)

st.header("France entière")
offre = kpis.offre()
eleves = kpis.eleves()
insertion = kpis.insertion()
columns = st.columns(5)
with columns[0]:
    ui.carte(offre[0], "Formations proposées")
with columns[1]:
    ui.carte(offre[1], "Établissements")
with columns[2]:
    ui.carte(eleves[0], "Élèves en lycée professionnel")
with columns[3]:
    ui.carte(insertion[0])
with columns[4]:
    ui.carte(insertion[1])

st.caption(
    f"Dernière rentrée connue : {nomenclatures.derniere_rentree()} · "
    f"dernier millésime InserJeunes : {nomenclatures.dernier_millesime().replace('_', '-')}."
)

with st.expander("Données", expanded=True):
    st.dataframe(
        kpis.sources().rename(
            columns={"table_name": "Table", "fichier": "Fichier source", "periode": "Période couverte"}
        ),
        hide_index=True,
        width="stretch",
    )
