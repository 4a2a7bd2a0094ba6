"""The warehouse tables as docs/warehouse.md defines them: columns, types and sort order.

`order` lists the filter columns first and ends with the whole grain, so the sort is total
and two builds write the same rows in the same order. `key` is the grain: the build fails
if two rows share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

_TEXT: Final = "VARCHAR"
_INT: Final = "INTEGER"
_FLOAT: Final = "DOUBLE"
_DATE: Final = "DATE"


@dataclass(frozen=True)
class TableSpec:
    """One warehouse table: its columns with their DuckDB types, its grain and its sort order."""

    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    order: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


def _texts(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, _TEXT) for name in names)


def _ints(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, _INT) for name in names)


_RATES: Final = _ints(
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

TABLES: Final[tuple[TableSpec, ...]] = (
    TableSpec(
        "territoires",
        _texts(
            "code_region",
            "libelle_region",
            "code_academie",
            "libelle_academie",
            "code_departement",
            "libelle_departement",
        ),
        key=("code_departement",),
        order=("code_region", "code_academie", "code_departement"),
    ),
    TableSpec(
        "formations",
        (
            *_texts(
                "cfd",
                "libelle",
                "niveau_diplome",
                "libelle_niveau",
                "groupe_specialite",
                "code_domaine",
                "libelle_domaine",
                "famille_metiers",
            ),
            ("date_ouverture", _DATE),
            ("date_fermeture", _DATE),
        ),
        key=("cfd",),
        order=("cfd",),
    ),
    TableSpec(
        "dispositifs",
        _texts("dispositif", "libelle_dispositif", "niveau_diplome"),
        key=("dispositif",),
        order=("dispositif",),
    ),
    TableSpec(
        "mef",
        (
            *_texts("mefstat11", "cfd", "dispositif"),
            *_ints("duree_dispositif", "annee_dispositif", "annee_entree"),
            ("libelle_mef", _TEXT),
            ("date_ouverture", _DATE),
            ("date_fermeture", _DATE),
        ),
        key=("mefstat11",),
        order=("mefstat11",),
    ),
    TableSpec(
        "familles_metiers",
        _texts(
            "famille",
            "cfd_commun",
            "mefstat11_commun",
            "cfd_specialite",
            "mefstat11_specialite",
            "libelle_specialite",
        ),
        key=("famille", "cfd_specialite"),
        order=("famille", "cfd_specialite"),
    ),
    TableSpec(
        "etablissements",
        (
            *_texts(
                "uai",
                "libelle",
                "commune",
                "code_departement",
                "code_academie",
                "code_region",
                "secteur",
            ),
            ("latitude", _FLOAT),
            ("longitude", _FLOAT),
            ("source_coordonnees", _TEXT),
        ),
        key=("uai",),
        order=("uai",),
    ),
    TableSpec(
        "effectifs",
        (
            ("rentree", _INT),
            *_texts("uai", "mefstat11", "cfd", "dispositif"),
            *_ints("annee_dispositif", "effectif"),
        ),
        key=("rentree", "uai", "mefstat11"),
        order=("rentree", "uai", "mefstat11"),
    ),
    TableSpec(
        "effectifs_niveau",
        (
            ("rentree", _INT),
            *_texts("uai", "secteur"),
            *_ints(
                "nombre_eleves",
                "secondes_pro",
                "premieres_pro",
                "terminales_pro",
                "cap_1re_annee",
                "cap_2e_annee",
            ),
        ),
        key=("rentree", "uai"),
        order=("rentree", "uai"),
    ),
    TableSpec(
        "attractivite",
        (
            ("rentree", _INT),
            *_texts("uai", "mefstat11", "cfd", "dispositif", "voie", "source"),
            *_ints("capacite", "voeux", "capacite_brute"),
        ),
        key=("rentree", "uai", "mefstat11", "voie"),
        order=("rentree", "uai", "mefstat11", "voie"),
    ),
    TableSpec(
        "insertion_regionale",
        (
            *_texts("millesime", "code_region", "voie", "cfd", "dispositif", "mefstat11"),
            *_ints(
                "nb_annee_term",
                "nb_sortant",
                "nb_poursuite_etudes",
                "nb_en_emploi_6_mois",
                "nb_en_emploi_12_mois",
                "nb_en_emploi_18_mois",
                "nb_en_emploi_24_mois",
            ),
        ),
        key=("millesime", "code_region", "voie", "cfd", "mefstat11"),
        order=("millesime", "code_region", "voie", "cfd", "mefstat11"),
    ),
    TableSpec(
        "insertion_etablissement",
        (*_texts("millesime", "uai", "type_etablissement", "champ"), *_RATES),
        key=("millesime", "uai", "champ"),
        order=("millesime", "uai", "type_etablissement", "champ"),
    ),
    TableSpec(
        "chomage",
        (*_texts("niveau", "code"), ("annee", _INT), ("taux_chomage", _FLOAT)),
        key=("niveau", "code", "annee"),
        order=("niveau", "code", "annee"),
    ),
    TableSpec(
        "rome",
        _texts(
            "code_rome",
            "libelle_rome",
            "code_domaine_professionnel",
            "libelle_domaine_professionnel",
            "transition_eco",
            "transition_num",
            "transition_demo",
        ),
        key=("code_rome",),
        order=("code_rome",),
    ),
    TableSpec(
        "formation_rome",
        (*_texts("cfd", "code_rome"), ("rang", _INT)),
        key=("cfd", "code_rome"),
        order=("cfd", "code_rome"),
    ),
    TableSpec(
        "fap_rome",
        _texts("fap", "code_rome"),
        key=("fap", "code_rome"),
        order=("fap", "code_rome"),
    ),
    TableSpec(
        "tensions",
        (
            *_texts("fap", "niveau_geo", "code_region", "code_departement"),
            ("annee", _INT),
            ("tension", _FLOAT),
            *_ints("categorie_tension", "emploi_moyen"),
        ),
        key=("fap", "niveau_geo", "code_region", "code_departement", "annee"),
        order=("fap", "niveau_geo", "code_region", "code_departement", "annee"),
    ),
    TableSpec(
        "tensions_evolution",
        (("fap", _TEXT), ("annee", _INT), ("tension", _FLOAT)),
        key=("fap", "annee"),
        order=("fap", "annee"),
    ),
    TableSpec(
        "sources",
        _texts("table_name", "fichier", "periode"),
        key=("table_name", "fichier"),
        order=("table_name", "fichier"),
    ),
)

TABLE_NAMES: Final = tuple(spec.name for spec in TABLES)
