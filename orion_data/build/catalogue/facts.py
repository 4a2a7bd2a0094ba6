"""Raw files of facts: headcounts, offers and wishes, InserJeunes, lists of lycées."""

from __future__ import annotations

from typing import Final

from orion_data.build.catalogue.rawfile import RawFile, same_names

_TJP: Final = "tjp-pilotage"
_DEPP: Final = "trajectoires-pro/depp-2022-etablissements-{}-pro.csv"

_AFFELNET_COLUMNS: Final = (
    ("Etablissement d'accueil", "uai"),
    ("MEF STAT 11", "mefstat11"),
    ("Statut Offre de formation", "statut"),
    ("Capacité carte scolaire", "capacite"),
    ("Demandes vœux 1", "voeux"),
)
_PARCOURSUP_COLUMNS: Final = (
    ("UAI", "uai"),
    ("LIBELLÉFORMATION", "libelle"),
    ("MEFSTAT11", "mefstat11"),
    ("NB_VOEUX_CONFIRMES", "voeux"),
    ("STATUT", "statut"),
    ("CAPACITEPSUP", "capacite"),
)

# Headers of the DEPP files per établissement, cell by cell. The meaning of each position
# was established by matching the CFA files of the same series against the open-data
# export, which has named columns.
_DEPP_HEAD: Final = (
    ("n°UAI de l'établissement", "uai"),
    ("Libellé de l'établissement", "libelle"),
    ("Région", "region"),
)
_DEPP_2018: Final = (
    *_DEPP_HEAD,
    ("", "row_type"),
    ("", "taux_poursuite_etudes"),
    ("Taux", "taux_emploi_6_mois"),
    ("Taux attendu", "taux_emploi_6_mois_attendu"),
    ("Valeur ajoutée", "valeur_ajoutee"),
    ("", "taux_emploi_12_mois"),
    ("", "taux_emploi_18_mois"),
    ("", "taux_emploi_24_mois"),
)
_DEPP_2019: Final = (
    *_DEPP_HEAD,
    ("Dont apprentis en EPLE", "row_type"),
    ("", "taux_poursuite_etudes"),
    ("Taux", "taux_emploi_6_mois"),
    ("Taux attendu", "taux_emploi_6_mois_attendu"),
    ("Valeur ajoutée", "valeur_ajoutee"),
    ("", "taux_emploi_12_mois"),
)
_DEPP_2020: Final = (
    *_DEPP_HEAD,
    ("Dont apprentis en EPLE", "row_type"),
    ("Taux de poursuite d'études", "taux_poursuite_etudes"),
    ("Taux", "taux_emploi_6_mois"),
    ("Taux attendu", "taux_emploi_6_mois_attendu"),
    ("Valeur ajoutée", "valeur_ajoutee"),
    ("Part en poursuite d'études", "part_poursuite_etudes"),
    ("Part en emploi 6 mois après la sortie", "part_emploi_6_mois"),
    ("Part des autres situations", "part_autre_situation"),
)
DEPP_RATES: Final = (
    "taux_poursuite_etudes",
    "taux_emploi_6_mois",
    "taux_emploi_6_mois_attendu",
    "valeur_ajoutee",
    "taux_emploi_12_mois",
    "taux_emploi_18_mois",
    "taux_emploi_24_mois",
    "part_poursuite_etudes",
    "part_emploi_6_mois",
    "part_autre_situation",
)
IJ_COUNTS: Final = (
    "nb_annee_term",
    "nb_sortant",
    "nb_poursuite_etudes",
    "nb_en_emploi_6_mois",
    "nb_en_emploi_12_mois",
    "nb_en_emploi_18_mois",
    "nb_en_emploi_24_mois",
)
EFFECTIFS_NIVEAUX: Final = (
    ("nombre_d_eleves", "nombre_eleves"),
    ("2ndes_pro", "secondes_pro"),
    ("1eres_pro", "premieres_pro"),
    ("terminales_pro", "terminales_pro"),
    ("cap_1ere_annee", "cap_1re_annee"),
    ("cap_2nde_annee", "cap_2e_annee"),
)


def _depp(millesime: str, columns: tuple[tuple[str, str], ...]) -> RawFile:
    rates = tuple(name for _, name in columns if name in DEPP_RATES)
    return RawFile(
        key=f"depp_pro_{millesime}",
        path=_DEPP.format(millesime),
        columns=columns,
        integers=rates,
        nulls=("", "nd"),
        positional=True,
        periode=millesime,
    )


def _affelnet(rentree: str) -> RawFile:
    return RawFile(
        key=f"affelnet_{rentree}",
        path=f"{_TJP}/{rentree}/attractivite_capacite_{rentree}.csv",
        columns=_AFFELNET_COLUMNS,
        integers=("capacite", "voeux"),
        periode=rentree,
    )


def _parcoursup(rentree: str, encoding: str = "utf-8") -> RawFile:
    return RawFile(
        key=f"parcoursup_{rentree}",
        path=f"{_TJP}/{rentree}/BTS_attractivite_capacite_{rentree}.csv",
        columns=_PARCOURSUP_COLUMNS,
        encoding=encoding,
        integers=("capacite", "voeux"),
        periode=rentree,
    )


FACT_FILES: Final = (
    RawFile(
        key="constat_2020",
        path=f"{_TJP}/2020/constat_2020.csv",
        encoding="utf-8-sig",
        columns=(
            ("Rentrée scolaire", "rentree"),
            ("UAI", "uai"),
            ("Mef Bcp 11", "mefstat11"),
            ("Nombre d'élèves : Total", "effectif"),
        ),
        integers=("rentree", "effectif"),
    ),
    _affelnet("2021"),
    _affelnet("2022"),
    _parcoursup("2022"),
    _parcoursup("2023"),
    _parcoursup("2024", encoding="utf-8-sig"),
    RawFile(
        key="ij_region",
        path="tjp-pilotage-history/ij_region_data.csv",
        encoding="utf-8-sig",
        columns=same_names("millesime", "code_region", "voie", "cfd", "mefstat11", *IJ_COUNTS),
        integers=IJ_COUNTS,
    ),
    _depp("2018_2019", _DEPP_2018),
    _depp("2019_2020", _DEPP_2019),
    _depp("2020_2021", _DEPP_2020),
    _depp("2021_2022", _DEPP_2020),
    _depp("2022_2023", _DEPP_2020),
    RawFile(
        key="inserjeunes_cfa",
        path="AnalyseCFA-DonneesInserJeunes/fr-en-inserjeunes-cfa.csv",
        encoding="utf-8-sig",
        columns=(
            ("Année", "annee"),
            ("UAI", "uai"),
            ("Libellé", "libelle"),
            ("DEVENIR Part poursuite études", "part_poursuite_etudes"),
            ("DEVENIR Part en emploi 6 mois", "part_emploi_6_mois"),
            ("DEVENIR Part autre situation 6 mois", "part_autre_situation"),
            ("Taux poursuite études", "taux_poursuite_etudes"),
            ("Taux emploi 6 mois", "taux_emploi_6_mois"),
            ("Taux emploi 6 mois attendu", "taux_emploi_6_mois_attendu"),
            ("VA emploi 6 mois", "valeur_ajoutee"),
            ("Taux emploi 12 mois", "taux_emploi_12_mois"),
            ("Taux emploi 18 mois", "taux_emploi_18_mois"),
            ("Taux emploi 24 mois", "taux_emploi_24_mois"),
        ),
        wholes=DEPP_RATES,
    ),
    RawFile(
        key="effectifs_niveau",
        path="Parcoursup_ISD/fr-en-lycee_pro-effectifs-niveau-sexe-lv.csv",
        encoding="utf-8-sig",
        columns=(
            ("rentree_scolaire", "rentree"),
            ("numero_lycee", "uai"),
            ("denomination_principale", "denomination"),
            ("patronyme", "patronyme"),
            ("commune", "commune"),
            ("secteur", "secteur"),
            *EFFECTIFS_NIVEAUX,
        ),
        integers=("rentree", *(name for _, name in EFFECTIFS_NIVEAUX)),
    ),
    RawFile(
        key="lycees_geolocalises",
        path="Parcoursup_ISD/lycees_2.csv",
        delimiter=",",
        columns=(
            ("rentree_scolaire", "rentree"),
            ("numero_uai", "uai"),
            ("secteur", "secteur"),
            ("latitude", "latitude"),
            ("longitude", "longitude"),
        ),
        integers=("rentree",),
        decimals=("latitude", "longitude"),
    ),
    RawFile(
        key="lycees_ile_de_france",
        path="onisep_lycee/lycees-donnees-generales.csv",
        encoding="utf-8-sig",
        columns=(
            ("CODE_UAI", "uai"),
            ("NOM_ETABLISSEMENT", "libelle"),
            ("COMMUNE", "commune"),
            ("STATUT", "statut"),
            ("GEO", "geo"),
        ),
    ),
    RawFile(
        key="comparateur_lycees",
        path="comparateur-lycees/lycees.json",
        columns=same_names("uai", "nom", "ville", "secteur", "type", "lat", "lng"),
        decimals=("lat", "lng"),
        records="lycees",
    ),
)
