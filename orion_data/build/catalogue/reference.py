"""Raw files of reference: BCN nomenclatures, geography, chômage, métiers and tensions."""

from __future__ import annotations

from typing import Final

from orion_data.build.catalogue.rawfile import RawFile, same_names

_TJP: Final = "tjp-pilotage"

_FORMATION_COLUMNS: Final = (
    ("FORMATION_DIPLOME", "cfd"),
    ("NIVEAU_FORMATION_DIPLOME", "niveau_diplome"),
    ("GROUPE_SPECIALITE", "groupe_specialite"),
    ("LIBELLE_LONG_200", "libelle"),
    ("DATE_OUVERTURE", "date_ouverture"),
    ("DATE_FERMETURE", "date_fermeture"),
)


REFERENCE_FILES: Final = (
    RawFile(
        key="n_mef",
        path=f"{_TJP}/nMef.csv",
        encoding="utf-8-sig",
        columns=(
            ("MEF_STAT_11", "mefstat11"),
            ("FORMATION_DIPLOME", "cfd"),
            ("DISPOSITIF_FORMATION", "dispositif"),
            ("DUREE_DISPOSITIF", "duree_dispositif"),
            ("ANNEE_DISPOSITIF", "annee_dispositif"),
            ("LIBELLE_LONG", "libelle_mef"),
            ("DATE_OUVERTURE", "date_ouverture"),
            ("DATE_FERMETURE", "date_fermeture"),
        ),
        integers=("duree_dispositif", "annee_dispositif"),
        dates=("date_ouverture", "date_fermeture"),
    ),
    RawFile(
        key="n_formation_diplome",
        path=f"{_TJP}/nFormationDiplome_.csv",
        encoding="cp1252",
        columns=_FORMATION_COLUMNS,
        dates=("date_ouverture", "date_fermeture"),
    ),
    RawFile(
        key="v_formation_diplome",
        path=f"{_TJP}/vFormationDiplome_.csv",
        encoding="utf-8-sig",
        columns=_FORMATION_COLUMNS,
        dates=("date_ouverture", "date_fermeture"),
    ),
    RawFile(
        key="n_dispositif_formation",
        path=f"{_TJP}/nDispositifFormation_.csv",
        encoding="utf-8-sig",
        columns=(
            ("DISPOSITIF_FORMATION", "dispositif"),
            ("LIBELLE_LONG", "libelle_dispositif"),
            ("NIVEAU_FORMATION_DIPLOME", "niveau_diplome"),
        ),
    ),
    RawFile(
        key="n_niveau_formation_diplome",
        path=f"{_TJP}/nNiveauFormationDiplome_.csv",
        columns=(
            ("NIVEAU_FORMATION_DIPLOME", "niveau_diplome"),
            ("LIBELLE_COURT", "libelle_niveau"),
        ),
    ),
    RawFile(
        key="n_groupe_specialite",
        path=f"{_TJP}/n_groupe_specialite_.csv",
        encoding="utf-8-sig",
        columns=(
            ("GROUPE_SPECIALITE", "groupe_specialite"),
            ("DOMAINE_SPECIALITE", "code_domaine"),
        ),
    ),
    RawFile(
        key="n_domaine_specialite",
        path=f"{_TJP}/n_domaine_specialite_.csv",
        encoding="utf-8-sig",
        columns=(("DOMAINE_SPECIALITE", "code_domaine"), ("LIBELLE_LONG", "libelle_domaine")),
    ),
    RawFile(
        key="familles_metiers",
        path=f"{_TJP}/familleMetiers.csv",
        encoding="utf-8-sig",
        columns=(
            ("FAMILLE", "famille"),
            ("SPECIALITE", "libelle_specialite"),
            ("MEFSTAT11_COMMUN", "mefstat11_commun"),
            ("CFD_COMMUN", "cfd_commun"),
            ("MEFSTAT11_SPECIALITE", "mefstat11_specialite"),
            ("CFD_SPECIALITE", "cfd_specialite"),
        ),
    ),
    RawFile(
        key="options_bts",
        path=f"{_TJP}/optionsBTS.csv",
        encoding="utf-8-sig",
        columns=(("CFD_COMMUN", "cfd_commun"), ("CFD_SPECIALITE", "cfd_specialite")),
    ),
    RawFile(
        key="departements",
        path=f"{_TJP}/departements_academies_regions.csv",
        encoding="utf-8-sig",
        columns=(
            ("codeRegion", "code_region"),
            ("libelleRegion", "libelle_region"),
            ("codeAcademie", "code_academie"),
            ("libelleAcademie", "libelle_academie"),
            ("codeDepartement", "code_departement"),
            ("libelleDepartement", "libelle_departement"),
        ),
    ),
    RawFile(
        key="chomage_regional",
        path=f"{_TJP}/chomage_regional_INSEE.csv",
        encoding="utf-8-sig",
        columns=(("codeRegion", "code"), ("rentreeScolaire", "annee"), ("tauxChomage", "taux")),
        integers=("annee",),
        decimals=("taux",),
        decimal_comma=True,
    ),
    RawFile(
        key="chomage_departemental",
        path=f"{_TJP}/chomage_departemental_INSEE.csv",
        columns=(
            ("codeDepartement", "code"),
            ("rentreeScolaire", "annee"),
            ("tauxChomage", "taux"),
        ),
        integers=("annee",),
        decimals=("taux",),
        decimal_comma=True,
    ),
    RawFile(
        key="certif_info",
        path=f"{_TJP}/certif_info.csv",
        columns=(
            ("Code_Scolarité", "cfd"),
            *((f"Code_Rome_{rang}", f"code_rome_{rang}") for rang in range(1, 6)),
        ),
    ),
    RawFile(
        key="rome",
        path=f"{_TJP}/rome.csv",
        columns=same_names(
            "code_rome", "libelle_rome", "transition_eco", "transition_num", "transition_demo"
        ),
    ),
    RawFile(
        key="domaines_professionnels",
        path=f"{_TJP}/domaine_professionnel.csv",
        columns=same_names("code_domaine_professionnel", "libelle_domaine_professionnel"),
    ),
    RawFile(
        key="tensions",
        path="dares-portrait-stat-metiers/tensions.csv",
        delimiter=",",
        columns=(
            ("fap", "fap"),
            ("niveau_geo", "niveau_geo"),
            ("reg", "reg"),
            ("dep", "dep"),
            ("Année", "annee"),
            ("Tension ", "tension"),
            ("Catégorie Tension", "categorie_tension"),
            ("Emploi moyen", "emploi_moyen"),
        ),
        integers=("annee", "emploi_moyen"),
        wholes=("reg", "categorie_tension"),
        decimals=("tension",),
    ),
    RawFile(
        key="tensions_evolution",
        path="dares-portrait-stat-metiers/evol_tensions.csv",
        delimiter=",",
        columns=(("fap", "fap"), ("Année", "annee"), ("Tension ", "tension")),
        integers=("annee",),
        decimals=("tension",),
    ),
    RawFile(
        key="fap_rome",
        path="dares-portrait-stat-metiers/fap225_rome.csv",
        encoding="cp1252",
        columns=(("Fap", "fap"), ("Rome", "code_rome")),
    ),
)
