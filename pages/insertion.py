"""Insertion des sortants: InserJeunes rates by formation and territory, and by établissement.

The page draws widgets and tables only. The queries are in `orion_data.insertion` and
`orion_data.insertion_etablissements`, the cells and headers in `orion_data.insertion_table`,
and the URL state and exports in `orion_data.insertion_ui`.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from orion_data import charts, glossary, insertion_ui, nomenclatures
from orion_data import insertion as ins
from orion_data import insertion_etablissements as etab
from orion_data import insertion_table as table
from orion_data.insertion_ui import TAUX_PAR_DEFAUT, keep_valid, key, show_table

TYPES_LIBELLES: Final = {"lycee": "Lycées (DEPP)", "cfa": "CFA"}
CHAMPS_LIBELLES: Final = {
    "ensemble": "Ensemble de l'établissement",
    "scolaire": "Élèves (voie scolaire)",
    "apprentissage": "Apprentis",
}
INDEX_FORMATION: Final = [
    "millesime", "libelle_formation", "cfd", "niveau_diplome", "libelle_niveau",
]
INDEX_HISTORIQUE: Final = ["millesime", "territoire"]


def _region_widget() -> None:
    regions = nomenclatures.regions().set_index("code_region")["libelle_region"]
    st.selectbox(
        "Territoire", [None, *regions.index], key=key("region"),
        format_func=lambda code: "France entière" if code is None else regions[code],
        help="Les taux par formation d'une région somment ses effectifs ; ceux de la France "
        "somment les effectifs de toutes les régions. Filtre aussi les établissements.",
    )


def _formation_widgets() -> None:
    niveaux = ins.niveaux().set_index("niveau_diplome")["libelle_niveau"]
    first, second, third = st.columns([1, 2, 2])
    first.selectbox("Millésime", nomenclatures.millesimes(), key=key("millesime"),
                    format_func=lambda m: m.replace("_", "-"))
    second.multiselect("Niveau de diplôme", list(niveaux.index), key=key("niveau"),
                       format_func=lambda code: f"{niveaux.get(code, code)} ({code})",
                       placeholder="Tous")
    third.text_input("Formation (libellé ou CFD)", key=key("q"), max_chars=100,
                     placeholder="ex. cuisine, 50022139")
    left, right = st.columns([4, 1])
    left.multiselect("Indicateurs", list(ins.MESURES_PAR_TAUX), key=key("taux"),
                     format_func=table.libelle,
                     help="Chaque taux est affiché avec son dénominateur.")
    right.checkbox("Ajouter les deux voies réunies", key=key("ensemble"),
                   help="Ajoute des colonnes qui somment les effectifs des voies scolaire et "
                   "apprentissage.")


def _voies() -> tuple[str, ...]:
    return ins.VOIES + ((ins.ENSEMBLE,) if st.session_state[key("ensemble")] else ())


def _formations_tab() -> None:
    _formation_widgets()
    millesime = st.session_state[key("millesime")]
    region = st.session_state[key("region")]
    filters = ins.FormationFilters(
        millesime=millesime,
        code_region=region,
        niveaux=tuple(st.session_state[key("niveau")]),
        recherche=st.session_state[key("q")] or "",
        ensemble=st.session_state[key("ensemble")],
    )
    rows = ins.par_formation(filters)
    if rows.empty:
        st.info("Aucune formation ne correspond à ces filtres. Retirez un filtre ou "
                "élargissez la recherche.")
        return

    horizons = ins.horizons(millesime)
    chosen = st.session_state[key("taux")] or list(TAUX_PAR_DEFAUT)
    taux = [t for t in chosen if ins.MESURES_PAR_TAUX[t].mois in (None, *horizons)]
    wide = ins.cote_a_cote(rows, INDEX_FORMATION, _voies())
    cells = table.cellules_formation(
        wide, table.IDENTITE_FORMATION, table.colonnes_formation(taux, _voies())
    )
    _formation_caption(len(wide), millesime, region, chosen, taux)
    described = {"millesime": millesime, "region": region, "niveau": filters.niveaux}
    show_table(cells, "insertion-formations", described)
    _detail(wide, chosen, region)


def _formation_caption(
    count: int, millesime: str, region: str | None, chosen: list[str], taux: list[str]
) -> None:
    regions = nomenclatures.regions().set_index("code_region")["libelle_region"]
    scope = regions[region] if region else "France entière, somme des régions"
    missing = [table.libelle(t).lower() for t in chosen if t not in taux]
    text = (
        f"{count} formation{'s' if count > 1 else ''} · millésime "
        f"{millesime.replace('_', '-')} · {scope}. La voie "
        "scolaire réunit tous les dispositifs d'un même CFD. « < 20 sortants » ou « < 20 "
        "élèves » : dénominateur inférieur à 20, le taux n'est pas publié. « non "
        "disponible » : aucune donnée pour cette voie sur ce territoire."
    )
    if not region:
        text += (" Une région dont la source ne publie pas les effectifs (moins de 5 élèves, "
                 "ou aucun sortant) ne compte pas dans la somme.")
    if missing:
        text += f" Non publiés pour ce millésime : {', '.join(missing)}."
    st.caption(text)


def _default_cfd(wide) -> str:
    """Return the formation with the most pupils in their final year, both voies together."""
    columns = [f"{voie}{table.SEPARATEUR}nb_annee_term" for voie in ins.VOIES]
    totals = wide[columns].fillna(0).sum(axis=1)
    return wide.loc[totals.idxmax(), "cfd"]


def _detail(wide, taux: list[str], region: str | None) -> None:
    st.subheader("Une formation, millésime par millésime")
    names = dict(zip(wide["cfd"], wide["libelle_formation"], strict=True))
    keep_valid("cfd", list(names), _default_cfd(wide))
    cfd = st.selectbox("Formation", list(names), key=key("cfd"),
                       format_func=lambda code: f"{names[code]} ({code})")

    history = ins.historique(cfd, region, st.session_state[key("ensemble")])
    cells = table.cellules_formation(
        ins.cote_a_cote(history, INDEX_HISTORIQUE, _voies()),
        table.IDENTITE_HISTORIQUE,
        table.colonnes_formation(taux, _voies()),
    )
    _chart(history[history["code_region"].isna() | (history["code_region"] == region)], taux)
    show_table(cells, "insertion-historique", {"cfd": cfd, "region": region})


def _chart(history, taux: list[str]) -> None:
    data = table.series(history, taux)
    if data.empty:
        st.info("Aucun taux publié pour cette formation sur ce territoire.")
        return
    st.vega_lite_chart(charts.insertion_data(data), charts.spec("insertion"))


def _etablissement_widgets() -> tuple[etab.EtablissementFilters, list[str]]:
    """Draw the établissement filters and return them with the columns published."""
    st.radio("Type d'établissement", list(etab.TYPES), key=key("type"),
             format_func=TYPES_LIBELLES.get, horizontal=True)
    kind = st.session_state[key("type")]
    millesimes = etab.millesimes(kind)
    champs = etab.champs(kind)
    secteurs = etab.secteurs(kind)
    keep_valid("etab_millesime", millesimes, millesimes[0])
    keep_valid("champ", champs, champs[0])
    keep_valid("secteur", secteurs, [])

    first, second, third = st.columns(3)
    millesime = first.selectbox("Millésime", millesimes, key=key("etab_millesime"),
                                format_func=lambda m: m.replace("_", "-"))
    second.selectbox("Champ", champs, key=key("champ"), format_func=CHAMPS_LIBELLES.get)
    third.multiselect("Secteur", secteurs, key=key("secteur"), placeholder="Tous")

    publiees = etab.colonnes_publiees(millesime, kind)
    rentrees = etab.rentrees_derniere_annee(millesime)
    tris = [
        column for column in etab.TRIS
        if column in publiees or (column == "eleves_derniere_annee" and kind == "lycee")
    ]
    keep_valid("tri", tris, tris[0])
    left, right = st.columns([2, 1])
    left.selectbox("Classer par", tris, key=key("tri"),
                   format_func=lambda column: table.libelle(column, rentrees))
    right.toggle("Ordre décroissant", key=key("desc"))

    filters = etab.EtablissementFilters(
        millesime=millesime,
        type_etablissement=kind,
        champ=st.session_state[key("champ")],
        code_region=st.session_state[key("region")],
        secteurs=tuple(st.session_state[key("secteur")]),
        tri=st.session_state[key("tri")],
        decroissant=st.session_state[key("desc")],
    )
    return filters, publiees


def _etablissements_tab() -> None:
    filters, publiees = _etablissement_widgets()
    rentrees = etab.rentrees_derniere_annee(filters.millesime)
    rows = etab.etablissements(filters)
    with_pupils = bool(rows["eleves_derniere_annee"].notna().any())
    notice = (
        "La source ne publie pas le nombre de sortants par établissement. Les taux et la "
        "valeur ajoutée sont repris tels que la DEPP les publie, sans leurs effectifs, et un "
        "taux absent est affiché « non disponible », car la source ne distingue pas le secret "
        "statistique d'une donnée manquante."
    )
    if with_pupils:
        notice += (
            " Pour situer la taille d'un lycée, la dernière colonne compte ses élèves de "
            f"terminale pro et de 2e année de CAP sous statut scolaire aux rentrées "
            f"{rentrees[0]} et {rentrees[1]}. Ce n'est pas le nombre de sortants."
        )
    st.info(notice)
    if rows.empty:
        st.info("Aucun établissement ne correspond à ces filtres.")
        return

    columns = table.colonnes_etablissement(publiees, with_pupils)
    cells = table.cellules_etablissement(rows, columns)
    st.caption(
        f"{len(rows)} établissements · millésime {filters.millesime.replace('_', '-')} · "
        f"{TYPES_LIBELLES[filters.type_etablissement]}, "
        f"{CHAMPS_LIBELLES[filters.champ].lower()} · rang sur « "
        f"{table.libelle(filters.tri, rentrees)} » parmi les établissements qui en ont une "
        "valeur. " + glossary.aide("valeur_ajoutee")
    )
    described = {
        "millesime": filters.millesime, "type": filters.type_etablissement,
        "champ": filters.champ, "region": filters.code_region, "secteur": filters.secteurs,
    }
    show_table(cells, "insertion-etablissements", described, rentrees)


st.title("Insertion des sortants")
st.caption(
    "Taux d'emploi, de poursuite d'études et de devenir favorable des sortants de la voie "
    "professionnelle (InserJeunes), par formation et territoire, puis par établissement."
)
PARAMS = insertion_ui.spec()
for notice in insertion_ui.initialise(PARAMS):
    st.warning(notice)

_region_widget()
# Only the open tab runs, so a filter change does not query the other one.
formations_tab, etablissements_tab = st.tabs(
    list(insertion_ui.VUES.values()), key=key("vue"), on_change="rerun"
)
with formations_tab:
    if formations_tab.open:
        _formations_tab()
with etablissements_tab:
    if etablissements_tab.open:
        _etablissements_tab()

insertion_ui.write_url(PARAMS)
