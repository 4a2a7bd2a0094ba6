"""Métiers d'avenir: formations, the métiers they lead to and the tension of those métiers."""

from __future__ import annotations

from typing import Final

import streamlit as st

from orion_data import console_table, exports, glossary, indicators, metiers, metiers_chart
from orion_data import metiers_table, metiers_ui
from orion_data import nomenclatures, rome
from orion_data.metiers import Territoire
from orion_data.metiers_ui import NIVEAUX, VOIES, key, keep_valid
DEFINITIONS: Final = ("metier_en_tension", "formation_metiers_en_tension", "metier_avenir")
# The glossary entry that explains a column, where it is not the column's own name.
AIDES: Final = {"statut": "formation_metiers_en_tension", "en_tension": "metier_en_tension",
                "nb_metiers_avenir": "metier_avenir", "part_metiers_en_tension":
                "formation_metiers_en_tension"}
EXPORT_VIEW: Final = "metiers-avenir"


def column_config(columns) -> dict:
    config = {}
    for column in columns:
        label = glossary.libelle(column)
        help_text = glossary.aide(AIDES.get(column, column))
        if column in metiers_table.RATES:
            config[column] = st.column_config.NumberColumn(label, format="percent", help=help_text)
        elif column in console_table.RATIOS or column in metiers_table.INDICES:
            config[column] = st.column_config.NumberColumn(label, format="%.2f", help=help_text)
        else:
            config[column] = st.column_config.Column(label, help=help_text)
    return config


def show_table(frame, columns, height: int | None = None) -> None:
    visible_columns = [column for column in columns if column in frame.columns]
    options = {"height": height} if height else {}
    st.dataframe(frame[visible_columns], column_config=column_config(visible_columns),
                 hide_index=True, width="stretch", **options)


def territory_widgets() -> Territoire:
    left, right = st.columns(2)
    niveau = left.radio("Territoire", list(NIVEAUX), format_func=NIVEAUX.get,
                        key=key("niveau"), horizontal=True)
    if niveau == "region":
        names = nomenclatures.regions().set_index("code_region")["libelle_region"]
        code = right.selectbox("Région", list(names.index), format_func=names.get,
                               key=key("region"))
        return Territoire("region", code)
    if niveau == "departement":
        names = nomenclatures.departements().set_index("code_departement")["libelle_departement"]
        code = right.selectbox("Département", list(names.index),
                               format_func=lambda dep: f"{dep} – {names[dep]}",
                               key=key("departement"))
        return Territoire("departement", code)
    return Territoire()


def describe(territoire: Territoire) -> str:
    if territoire.niveau == "region":
        names = nomenclatures.regions().set_index("code_region")["libelle_region"]
        return f"la région {names[territoire.code]}"
    if territoire.niveau == "departement":
        names = nomenclatures.departements().set_index("code_departement")["libelle_departement"]
        return f"le département {territoire.code} – {names[territoire.code]}"
    return "la France entière"


def show_exports(rows, territoire: Territoire, rentree: int) -> None:
    columns = [column for column in metiers_table.FORMATIONS if column in rows.columns]
    frame = metiers_table.for_export(rows, columns)
    headers = metiers_table.export_headers(columns)
    described = {"territoire": territoire.niveau, "code": territoire.code, "rentree": rentree}
    left, right, _ = st.columns([1, 1, 4])
    # The files are written only on a click, not on every rerun of the page.
    left.download_button(
        "Exporter en CSV", lambda: exports.to_csv_bytes(frame, headers),
        file_name=exports.export_filename(EXPORT_VIEW, described, "csv"), mime=exports.CSV_MIME,
        on_click="ignore",
    )
    right.download_button(
        "Exporter en XLSX", lambda: exports.to_xlsx_bytes(frame, headers, sheet_name=EXPORT_VIEW),
        file_name=exports.export_filename(EXPORT_VIEW, described, "xlsx"),
        mime=exports.XLSX_MIME, on_click="ignore",
    )


def show_chart(rows) -> None:
    st.subheader("Tension des métiers et taux d'emploi")
    placed = metiers_chart.points(rows)
    if placed.empty:
        st.info("Aucune formation n'a à la fois une tension connue et un taux d'emploi publié "
                "pour ces choix. Choisissez une autre rentrée ou un territoire plus large.")
        return
    st.vega_lite_chart(metiers_chart.nuage_data(rows), metiers_chart.nuage_spec(rows))
    size_column = metiers_chart.taille(rows)
    size_text = (f"taille : {glossary.libelle(size_column).lower()}" if size_column
                 else "taille identique : ni effectif ni capacité pour cette rentrée")
    st.caption(
        f"Un point par formation ({len(placed)} sur {len(rows)}) ; {size_text}. Les formations "
        "sans taux d'emploi publié ou sans métier de tension connue ne sont pas placées. "
        "Abscisse : moyenne simple de l'indicateur DARES de ses métiers (0 = tension moyenne "
        "de 2014–2018)."
    )


def show_formation(rows, territoire: Territoire) -> None:
    st.subheader("Les métiers d'une formation")
    choices = rows.drop_duplicates("cfd").set_index("cfd")["libelle_formation"]
    keep_valid("formation", list(choices.index), choices.index[0] if len(choices) else None)
    cfd = st.selectbox("Formation", list(choices.index), key=key("formation"),
                       format_func=lambda code: f"{choices[code]} ({code})")
    if cfd is None:
        return
    table = metiers.metiers_formation(territoire, cfd)
    if table.empty:
        st.info(f"{metiers.SANS_METIER.capitalize()} : Certif Info ne donne aucun code ROME "
                f"pour le CFD {cfd}.")
        return
    show_table(table, metiers_table.METIERS)


def show_metier(rows, territoire: Territoire) -> None:
    st.subheader("Les formations menant à un métier")
    texte = st.text_input("Métier (nom ou code ROME)", key=key("recherche"), max_chars=100,
                          placeholder="ex. électricien, cuisine, F1602")
    if not texte.strip():
        st.caption("Saisissez une partie du nom d'un métier ou un code ROME ; les accents et "
                   "les majuscules sont ignorés.")
        return
    found = rome.rechercher_metiers(texte)
    if found.empty:
        st.info("Aucun métier ROME ne correspond à cette recherche. Essayez un autre mot ou "
                "un code comme F1602.")
        return
    names = found.set_index("code_rome")["libelle_rome"]
    keep_valid("code_rome", list(names.index), names.index[0])
    code_rome = st.selectbox("Métier", list(names.index), key=key("code_rome"),
                             format_func=lambda code: f"{names[code]} ({code})")
    if code_rome is None:
        return
    show_table(metiers.metier(territoire, code_rome), metiers_table.METIERS)
    leading = metiers.formations_metier(rows, code_rome)
    if leading.empty:
        st.info("Aucune formation proposée dans ce territoire à cette rentrée ne mène à ce "
                "métier.")
    else:
        show_table(leading, metiers_table.FORMATIONS)
    evolution = rome.evolution_tension(code_rome)
    if not evolution.empty:
        st.caption("Indicateur de tension national de ses familles FAP, 2011–2019 (DARES)")
        st.line_chart(evolution, x="annee", y="tension", color="fap", height=220)


st.title("Métiers d'avenir")
annee = rome.annee_tension()
st.caption(
    "Les formations, les métiers auxquels elles mènent (codes ROME de Certif Info) et la "
    f"tension de ces métiers sur le marché du travail (DARES et Pôle emploi, {annee}), avec "
    "les indicateurs d'entrée et de sortie des consoles."
)
st.info(glossary.INDICATEURS["metier_avenir"].precautions)
with st.expander("Définitions et limites"):
    for definition in DEFINITIONS:
        entry = glossary.INDICATEURS[definition]
        st.markdown(f"**{entry.libelle}.** {entry.definition} {entry.formule} "
                    f"Source : {entry.source}, {entry.periode.lower()}. {entry.suppression} "
                    f"{entry.precautions}")

PARAMS = metiers_ui.spec()
for notice in metiers_ui.initialise(PARAMS):
    st.warning(notice)

with st.container(border=True):
    territoire = territory_widgets()
    rentrees = nomenclatures.rentrees()
    first, second, third = st.columns(3)
    rentree = first.selectbox("Rentrée", rentrees, key=key("rentree"))
    voie = second.radio("Voie des taux de sortie", list(VOIES), format_func=VOIES.get,
                        key=key("voie"), horizontal=True)
    niveaux = nomenclatures.niveaux().set_index("niveau_diplome")["libelle_niveau"]
    choisis = third.multiselect("Niveau de diplôme", list(niveaux.index), key=key("niveaux"),
                                format_func=lambda code: niveaux.get(code, code),
                                placeholder="Tous")

rows = metiers.formations(territoire, rentree, voie, tuple(choisis))
st.subheader(f"Formations de {describe(territoire)}")
counts = rows.drop_duplicates("cfd")["statut"].value_counts()
st.caption(
    "Formations (CFD) : "
    + " · ".join(f"{statut} {counts.get(statut, 0)}" for statut in metiers.STATUTS)
    + f" — rentrée {rentree}, taux de sortie du millésime "
    + indicators.millesime_for_rentree(rentree).replace("_", "-")
    + (" de la région du département, seul publié par InserJeunes."
       if territoire.niveau == "departement" else ".")
)
if rows["repli"].any():
    st.caption(
        f"{int(rows.drop_duplicates('cfd')['repli'].sum())} formations ont un métier dont la "
        "DARES ne publie pas de catégorie de tension à ce niveau : la catégorie de la région, "
        "ou à défaut de la France, est prise (colonne « Tension d'un territoire plus large »)."
    )
statuts = st.multiselect("Formations affichées", list(metiers.STATUTS), key=key("statuts"))
selected_rows = rows[rows["statut"].isin(statuts)]
if selected_rows.empty:
    st.info("Aucune formation ne correspond à ces choix. Élargissez le territoire ou cochez "
            "d'autres statuts.")
else:
    show_table(selected_rows, metiers_table.FORMATIONS, height=480)
    show_exports(selected_rows, territoire, rentree)

show_chart(rows)
show_formation(rows, territoire)
show_metier(rows, territoire)
metiers_ui.write_url(PARAMS, territoire)
