"""The établissement console: one row per offer, read from tables prepared once.

`console_offres` already has one row per offer (rentrée × UAI × CFD × dispositif). The
detail table adds each offer's entry ratios (`Ratio.from_components` over that one row), the
school's and the formation's labels and the taux de pression band. A query then filters it
and joins three small keyed tables. The first is the formation console's exit table, per
millésime × choice of voie × région. The others hold the regional means of the quadrant and
the school's valeur ajoutée.

Every offer therefore shows the exit rates of its région exactly as the formation console of
that région shows them, denominators included.
"""

from __future__ import annotations

from typing import Final

from orion_data import console_formations_sql, console_sql
from orion_data import indicators as ind

DETAIL: Final = "console_offres_detail"
VALEUR_AJOUTEE: Final = "console_valeur_ajoutee"

# Filter columns of `console_offres`, kept in the detail table next to the entry figures.
_KEYS: Final = (
    "rentree, uai, code_region, code_academie, code_departement, secteur, cfd, dispositif, "
    "niveau_diplome, code_domaine, famille_metiers, libelle_recherche"
)


def derived_tables() -> dict[str, str]:
    """Return the name and SELECT of each table, which read the tables of console_sql."""
    return {DETAIL: _detail(), VALEUR_AJOUTEE: _valeur_ajoutee()}


def _detail() -> str:
    return f"""
SELECT o.*, f.libelle AS libelle_formation, f.libelle_niveau, f.libelle_domaine,
       d.libelle_dispositif, e.libelle AS libelle_etablissement, e.commune,
       t.libelle_departement, {ind.bande_pression("o.taux_pression")} AS bande_pression
FROM (
    SELECT {_KEYS}, {console_sql.entry_columns()}
    FROM console_offres
    GROUP BY {_KEYS}
) o
JOIN formations f ON f.cfd = o.cfd
LEFT JOIN dispositifs d ON d.dispositif = o.dispositif
JOIN etablissements e ON e.uai = o.uai
LEFT JOIN territoires t ON t.code_departement = o.code_departement
ORDER BY o.rentree, o.code_region, o.uai, o.cfd, o.dispositif
"""


def _valeur_ajoutee() -> str:
    # The valeur ajoutée of the whole établissement when published, else of its only
    # published champ.
    return """
SELECT millesime, uai,
       arg_min(valeur_ajoutee, CASE champ WHEN 'ensemble' THEN 0 ELSE 1 END) AS valeur_ajoutee
FROM insertion_etablissement
WHERE valeur_ajoutee IS NOT NULL
GROUP BY millesime, uai
ORDER BY millesime, uai
"""


def build_sql() -> str:
    """Return the query of the établissement console, with every value as a named parameter."""
    quadrant = ind.quadrant(
        "s.taux_emploi_6_mois", "s.taux_poursuite", "moy.moyenne_emploi",
        "moy.moyenne_poursuite",
    )
    return f"""
SELECT * FROM (
    SELECT o.uai, o.code_region, o.cfd, o.dispositif, o.nb_etablissements,
           o.effectif_1, o.effectif_2, o.effectif_3, o.effectif_entree, o.nombre_eleves,
           o.capacite, o.voeux, o.capacite_scolaire, o.capacite_apprentissage,
           o.taux_pression, o.taux_demande, o.taux_remplissage,
           o.libelle_formation, o.niveau_diplome, o.libelle_niveau, o.code_domaine,
           o.libelle_domaine, o.famille_metiers, o.libelle_dispositif,
           s.* EXCLUDE (millesime, voie_choix, code_region, cfd, dispositif),
           o.code_region AS code_region_insertion,
           moy.moyenne_emploi, moy.moyenne_poursuite,
           COALESCE({quadrant}, 'hors quadrant') AS quadrant,
           o.bande_pression, o.libelle_etablissement, o.commune, o.code_departement,
           o.libelle_departement, o.secteur, va.valeur_ajoutee
    FROM {DETAIL} o
    LEFT JOIN {console_formations_sql.SORTIE} s
      ON s.millesime = $millesime AND s.voie_choix = $voie AND s.code_region = o.code_region
     AND s.cfd = o.cfd AND s.dispositif = o.dispositif
    LEFT JOIN console_moyennes moy
      ON moy.millesime = $millesime AND moy.voie_choix = $voie
     AND moy.code_region = o.code_region AND moy.niveau_diplome = o.niveau_diplome
    LEFT JOIN {VALEUR_AJOUTEE} va ON va.millesime = $millesime AND va.uai = o.uai
    WHERE o.rentree = $rentree
      AND {console_sql.territory_filters("o")}
      AND {console_sql.formation_filters("o")}
) r
WHERE (len($quadrants::VARCHAR[]) = 0 OR list_contains($quadrants::VARCHAR[], quadrant))
  AND (len($bandes::VARCHAR[]) = 0 OR list_contains($bandes::VARCHAR[], bande_pression))
ORDER BY libelle_etablissement, uai, libelle_formation, cfd, dispositif
"""
