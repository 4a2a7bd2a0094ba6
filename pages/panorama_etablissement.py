"""Panorama établissement: search, InserJeunes header, offers, and the schools nearby."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from orion_data import cartes, console_table, etablissement, glossary, panorama_ui, ui, url_state
from orion_data.errors import NotFound
from orion_data.url_state import Param

PAGE = "etablissement"
UAI_PATTERN = r"[0-9]{7}[A-Z]"
SANS_LIMITE = 0
DISTANCES = (10, 25, 50, 100, 200, SANS_LIMITE)
DISTANCE_DEFAUT = 50
COLONNES_OFFRES = (
    "rentree", "libelle_formation", "libelle_dispositif", "effectif_entree", "nombre_eleves",
    "capacite", "voeux", "taux_pression", "taux_demande", "taux_remplissage",
    "taux_emploi_6_mois", "nb_sortants", "taux_poursuite", "nb_annee_term",
)
COLONNES_VOISINS = ("libelle", "commune", "code_departement", "secteur", "distance_km",
                    "formations_communes", "libelles_formations", "uai")
ENTETES_VOISINS = {"libelle": "Établissement", "formations_communes": "Formations communes",
                   "libelles_formations": "Formations en commun"}

spec = {
    "uai": Param("", parse=url_state.matching(UAI_PATTERN, transform=str.upper),
                 label="établissement"),
    "rentree": Param(None, parse=panorama_ui.parse_rentree, label="rentrée"),
    "distance": Param(str(DISTANCE_DEFAUT), choices=[str(d) for d in DISTANCES],
                      label="distance maximale"),
}


def choisir() -> None:
    """Remember the school picked among the search results."""
    choix = st.session_state.get(panorama_ui.cle(PAGE, "choix"))
    if choix:
        st.session_state[panorama_ui.cle(PAGE, "uai")] = choix


def recherche() -> None:
    texte = st.text_input("Rechercher un établissement", key=panorama_ui.cle(PAGE, "recherche"),
                          max_chars=etablissement.RECHERCHE_MAX,
                          placeholder="UAI, nom ou commune : 3 caractères au moins")
    if not texte.strip():
        return
    if len(texte.strip()) < etablissement.RECHERCHE_MIN:
        st.info(f"Saisissez au moins {etablissement.RECHERCHE_MIN} caractères.")
        return
    resultats = etablissement.rechercher(texte)
    if resultats.empty:
        st.info(f"Aucun établissement ne correspond à « {url_state.show_value(texte)} ». "
                "Essayez une partie du nom, la commune ou l'UAI.")
        return
    labels = {
        row.uai: f"{row.libelle} – {row.commune} ({row.code_departement}) · {row.uai}"
        for row in resultats.itertuples()
    }
    st.selectbox(f"Résultats ({len(resultats)})", list(labels), index=None,
                 key=panorama_ui.cle(PAGE, "choix"), format_func=labels.get,
                 placeholder="Choisissez un établissement", on_change=choisir)


def publie(key: str, value) -> str:
    """Format a published whole percentage, or the valeur ajoutée in points."""
    if pd.isna(value):
        return ui.NON_CALCULABLE
    if key == "valeur_ajoutee":
        return f"{value:+.0f}\u202fpts"
    return f"{value:.0f}\u202f%"


def entete(ecole: etablissement.Fiche) -> None:
    st.header(ecole.libelle)
    departement = " – ".join(p for p in (ecole.code_departement, ecole.libelle_departement) if p)
    st.caption(" · ".join([ecole.commune or "commune non renseignée", departement,
                           ecole.secteur or "secteur non renseigné", f"UAI {ecole.uai}"]))
    insertion = etablissement.insertion(ecole.uai)
    if insertion.empty:
        st.info("InserJeunes ne publie aucun taux pour cet établissement.")
        return
    for column, row in zip(st.columns(len(insertion)), insertion.itertuples()):
        delta = None if pd.isna(row.evolution) else f"{row.evolution:+.0f}\u202fpts"
        column.metric(glossary.titre(row.key), publie(row.key, row.valeur), delta=delta,
                      help=glossary.aide(row.key))
    first = insertion.iloc[0]
    st.caption(
        f"Millésime {first['millesime'].replace('_', '-')} ({first['type_etablissement']}, "
        f"champ {first['champ']}), évolution par rapport au millésime "
        f"{first['millesime_precedent'].replace('_', '-')}. Valeurs publiées par la DEPP en "
        "pourcentages entiers, valeur ajoutée en points : la source ne donne pas les effectifs "
        "par établissement. Devenir favorable = part en poursuite d'études + part en emploi "
        "à 6 mois."
    )


def tableau_offres(offres: pd.DataFrame) -> None:
    st.subheader("Offre de formation")
    if offres.empty:
        st.info("Aucune offre ni aucun effectif n'est connu pour cet établissement.")
        return
    columns = [column for column in COLONNES_OFFRES if column in offres.columns]
    # French text, as in the consoles: a missing value reads as its reason, not as "None".
    texte = console_table.as_text(offres, [column for column in columns if column != "rentree"])
    texte.insert(0, "rentree", offres["rentree"])
    config = {
        column: st.column_config.TextColumn(glossary.libelle(column), help=glossary.aide(column))
        for column in columns
    }
    config["rentree"] = st.column_config.NumberColumn("Rentrée", format="%d")
    st.dataframe(texte, column_config=config, hide_index=True, width="stretch")
    st.caption("Une ligne par formation, dispositif et rentrée. Taux de sortie : ceux de la "
               "formation dans la région de l'établissement (voie scolaire), au millésime "
               "affiché avec chaque rentrée.")


def textes_carte(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the map tooltip texts: distance and formations in common."""
    return frame.assign(
        distance_texte=frame["distance_km"].map(
            lambda d: "distance inconnue" if pd.isna(d) else f"{ui.decimal(d, 1)}\u202fkm"
        ),
        formations_texte=frame["libelles_formations"].fillna(""),
    )


def voisins(ecole: etablissement.Fiche, offres: pd.DataFrame) -> None:
    st.subheader("Établissements proposant les mêmes formations")
    rentrees = sorted(offres["rentree"].unique(), reverse=True)
    rentree_key = panorama_ui.cle(PAGE, "rentree")
    if st.session_state.get(rentree_key) not in rentrees:
        st.session_state[rentree_key] = etablissement.rentree_des_offres(offres)
    left, middle, right = st.columns([1, 3, 2])
    rentree = left.selectbox("Rentrée", rentrees, key=rentree_key)
    du_moment = offres[offres["rentree"] == rentree]
    formations = du_moment.drop_duplicates("cfd").set_index("cfd")["libelle_formation"]
    choisies = middle.multiselect("Formations", list(formations.index),
                                  format_func=formations.get, placeholder="Toutes",
                                  key=panorama_ui.cle(PAGE, "formations"))
    distance_key = panorama_ui.cle(PAGE, "distance")
    if st.session_state.get(distance_key) not in [str(d) for d in DISTANCES]:
        st.session_state[distance_key] = str(DISTANCE_DEFAUT)
    distance = int(right.select_slider(
        "Distance maximale", [str(d) for d in DISTANCES], key=distance_key,
        format_func=lambda d: "France entière" if d == str(SANS_LIMITE) else f"{d} km",
    ))

    autres = etablissement.voisins(ecole, int(rentree), choisies or list(formations.index))
    sans_coordonnees = autres[autres["distance_km"].isna()]
    places = autres[autres["distance_km"].notna()]
    if distance != SANS_LIMITE:
        places = places[places["distance_km"] <= distance]
    ecole_frame = pd.DataFrame([{
        "uai": ecole.uai, "libelle": ecole.libelle, "commune": ecole.commune,
        "latitude": ecole.latitude, "longitude": ecole.longitude, "distance_km": 0.0,
        "libelles_formations": "établissement choisi",
    }])
    st.pydeck_chart(cartes.carte_etablissements(textes_carte(ecole_frame), textes_carte(places)),
                    height=cartes.HAUTEUR_PX)
    if ecole.latitude is None:
        st.warning("Les coordonnées de cet établissement sont inconnues : les distances ne "
                   "peuvent pas être calculées, tous les établissements sont listés.")

    liste = pd.concat([places, sans_coordonnees], ignore_index=True)
    columns = list(COLONNES_VOISINS)
    config = {column: panorama_ui.colonne(column) for column in columns}
    config.update({column: st.column_config.Column(label)
                   for column, label in ENTETES_VOISINS.items()})
    config["distance_km"] = st.column_config.NumberColumn("Distance (km)", format="%.1f")
    st.dataframe(liste[columns], column_config=config, hide_index=True, width="stretch")
    st.caption(
        f"{len(places)} établissements sur la carte, triés par distance à vol d'oiseau. "
        f"{len(sans_coordonnees)} établissements sans coordonnées connues sont listés à la "
        "fin, sans être placés sur la carte."
    )


st.title("Panorama établissement")
panorama_ui.ouvrir(PAGE, spec, widget="recherche")
recherche()
uai = st.session_state.get(panorama_ui.cle(PAGE, "uai")) or ""
if not uai:
    st.info("Cherchez un établissement par son UAI, son nom ou sa commune.")
else:
    try:
        ecole = etablissement.fiche(uai)
    except NotFound as error:
        st.error(str(error))
    else:
        entete(ecole)
        offres = etablissement.offres(ecole.uai)
        tableau_offres(offres)
        if not offres.empty:
            voisins(ecole, offres)
panorama_ui.enregistrer(PAGE, spec)
