"""Panorama région et département: key figures, choropleth, InserJeunes history, quadrant."""

from __future__ import annotations

import streamlit as st

from orion_data import cartes, charts, glossary, nomenclatures, panorama, panorama_ui, ui
from orion_data import quadrant as quad
from orion_data.url_state import Param, integer_between

PAGE = "panorama"
EFFECTIF_MAX = 200
MAILLES = {"region": "Régions", "departement": "Départements"}
TABLE_QUADRANT = (
    "libelle_formation", "libelle_dispositif", "effectif_entree", "nb_sortants",
    "taux_emploi_6_mois", "nb_annee_term", "taux_poursuite", "taux_pression", "quadrant",
    "raison",
)

spec = {
    "region": Param(None, choices=nomenclatures.regions()["code_region"].tolist(),
                    label="région"),
    "departement": Param(panorama_ui.TOUTE_LA_REGION,
                         choices=nomenclatures.departements()["code_departement"].tolist(),
                         label="département"),
    "rentree": Param(nomenclatures.rentree_par_defaut(), parse=panorama_ui.parse_rentree,
                     label="rentrée"),
    "indicateur": Param("taux_emploi_6_mois", choices=list(panorama.INDICATEURS_CARTE),
                        label="indicateur de la carte"),
    "maille": Param(None, choices=list(MAILLES), label="maille de la carte"),
    "niveau": Param(None, choices=nomenclatures.niveaux()["niveau_diplome"].tolist(),
                    label="niveau de diplôme"),
    "effectif": Param(0, parse=integer_between(0, EFFECTIF_MAX), label="effectif minimal"),
}

st.title("Panorama région et département")
panorama_ui.ouvrir(PAGE, spec, widget="region")
with st.container(border=True):
    lieu = panorama_ui.choisir_territoire(PAGE)
    rentree = panorama_ui.selection_rentree(PAGE)
millesime = panorama.millesime_de(rentree)

st.header(f"Chiffres clés – {lieu.libelle}")
absent = ui.avis_millesime_absent(millesime)
if absent:
    st.info(absent)
panorama_ui.cartes_chiffres(panorama.chiffres_cles(lieu, rentree), lieu)

st.header("Carte")
left, right = st.columns([2, 1])
indicateur = left.selectbox("Indicateur", list(panorama.INDICATEURS_CARTE),
                            key=panorama_ui.cle(PAGE, "indicateur"), format_func=glossary.titre)
maille_key = panorama_ui.cle(PAGE, "maille")
if st.session_state.get(maille_key) not in MAILLES:
    st.session_state[maille_key] = lieu.maille
maille = right.radio("Maille", list(MAILLES), key=maille_key, format_func=MAILLES.get,
                     horizontal=True)
valeurs = panorama.valeurs_carte(maille, indicateur, rentree)
selection = lieu.code if maille == lieu.maille else lieu.code_region
deck, classes = cartes.choroplethe(maille, valeurs, indicateur, selection)
st.pydeck_chart(deck, height=cartes.HAUTEUR_PX)
st.vega_lite_chart(panorama_ui.spec_legende(classes))
note = " Chaque département porte le taux de sa région." if valeurs["regional"].any() else ""
periode = valeurs["periode"].iloc[0] if len(valeurs) else "aucune donnée pour cette rentrée"
st.caption(f"{glossary.titre(indicateur)} · {periode}. "
           f"{glossary.aide(indicateur) or ''} Les régions et départements d'outre-mer sont en "
           f"encart, à l'ouest de la Bretagne.{note}")

st.header("Historique InserJeunes")
st.vega_lite_chart(
    charts.historique_data(panorama.historique(lieu)), charts.spec("historique")
)
st.caption(f"Voie scolaire, tous niveaux, taux de la région {lieu.libelle_region} et de la "
           "France pour chaque millésime publié.")

st.header("Quadrant des formations")
rows = quad.points(lieu, rentree)
if rows.empty:
    st.info(f"Aucune formation n'est proposée en {lieu.libelle} à la rentrée {rentree}. "
            "Choisissez une autre rentrée.")
else:
    niveaux = nomenclatures.niveaux().set_index("niveau_diplome")["libelle_niveau"]
    presents = [code for code in niveaux.index if code in set(rows["niveau_diplome"])]
    niveau_key = panorama_ui.cle(PAGE, "niveau")
    if st.session_state.get(niveau_key) not in presents:
        st.session_state[niveau_key] = rows["niveau_diplome"].value_counts().index[0]
    left, right = st.columns(2)
    niveau = left.selectbox("Niveau de diplôme", presents, key=niveau_key,
                            format_func=lambda code: niveaux.get(code, code))
    minimum = right.slider("Effectif en entrée minimal", 0, EFFECTIF_MAX, step=5,
                           key=panorama_ui.cle(PAGE, "effectif"),
                           help=glossary.aide("effectif_entree"))
    du_niveau = quad.filtrer_effectif(rows[rows["niveau_diplome"] == niveau], minimum)
    placees = quad.places(du_niveau)
    moyennes = du_niveau[["moyenne_emploi", "moyenne_poursuite"]].dropna()

    graphique, tableau = st.tabs(["Graphique", "Tableau"])
    with graphique:
        if placees.empty or moyennes.empty:
            st.info("Aucune formation de ce niveau n'a ses deux taux publiés : le quadrant est "
                    "vide. Baissez l'effectif minimal ou choisissez un autre niveau.")
        else:
            moyenne = moyennes.iloc[0]
            st.vega_lite_chart(charts.quadrant_data(placees), charts.spec("quadrant"))
            st.caption(
                f"Moyennes de la région {lieu.libelle_region} pour ce niveau (lignes "
                f"pointillées) : emploi {ui.pourcentage(moyenne['moyenne_emploi'])}, poursuite "
                f"{ui.pourcentage(moyenne['moyenne_poursuite'])}. Millésime "
                f"{millesime.replace('_', '-')}, voie scolaire."
                + (" Taux de sortie régionaux : InserJeunes ne publie pas de taux par "
                   "département." if lieu.code_departement else "")
            )
    with tableau:
        columns = [column for column in TABLE_QUADRANT if column in du_niveau.columns]
        st.dataframe(
            du_niveau[columns],
            column_config={column: panorama_ui.colonne(column) for column in columns},
            hide_index=True, width="stretch",
        )

    resume = quad.resume_hors_quadrant(du_niveau)
    constat = rows["rentree_constat"].iloc[0]
    st.subheader("Hors quadrant")
    st.write(
        f"{len(placees)} formations placées, {int(resume['formations'].sum())} hors quadrant "
        f"({ui.entier(resume['effectif_entree'].sum())} élèves en entrée"
        + (f" au constat de {constat}" if constat else "") + ")."
    )
    if not resume.empty:
        st.dataframe(
            resume.rename(columns={"raison": "Raison", "formations": "Formations",
                                   "effectif_entree": "Effectif en entrée",
                                   "nombre_eleves": "Nombre d'élèves"}),
            hide_index=True, width="stretch",
        )

panorama_ui.enregistrer(PAGE, spec)
