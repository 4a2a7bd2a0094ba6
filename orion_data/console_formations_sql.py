"""The formation console pre-aggregated per territory, for its most common queries.

A formation console query on one territory (France, a région, an académie or a département)
reads one row per formation from a table grouped per rentrée × territory. Its exit rates come
from a table grouped per millésime × voie × région (or France). Both tables divide summed
sums (`Ratio.from_components`), so the rows equal those of the general query in
`console_sql`. That general query still serves the filters on secteur and établissement.
"""

from __future__ import annotations

from typing import Final

from orion_data import console_sql
from orion_data import indicators as ind

FRANCE: Final = "FRANCE"
"""The territory code of France in both tables; no région, académie or département has it."""

ENTREE: Final = "console_formations_entree"
SORTIE: Final = "console_formations_sortie"

_ATTRIBUTES: Final = (
    "any_value(niveau_diplome) AS niveau_diplome, any_value(code_domaine) AS code_domaine, "
    "any_value(famille_metiers) AS famille_metiers, "
    "any_value(libelle_recherche) AS libelle_recherche"
)


def derived_tables() -> dict[str, str]:
    """Return the name and SELECT of each table; they read the tables of console_sql."""
    return {ENTREE: _entree(), SORTIE: _sortie()}


def _entree() -> str:
    # GROUPING() returns 0 for the columns of the grouping set a row comes from. Offers of
    # UAIs outside every territory (overseas collectivités) count only in France. France's
    # code is FRANCE, so a query filters every level by equality. Labels are joined once here.
    return f"""
SELECT g.*, f.libelle AS libelle_formation, f.libelle_niveau, f.libelle_domaine,
       d.libelle_dispositif
FROM (
    SELECT rentree,
           CASE WHEN GROUPING(code_departement) = 0 THEN 'departement'
                WHEN GROUPING(code_academie) = 0 THEN 'academie'
                WHEN GROUPING(code_region) = 0 THEN 'region'
                ELSE 'france' END AS niveau_territoire,
           COALESCE(code_departement, code_academie, code_region,
                    CASE WHEN GROUPING(code_region) = 1 THEN '{FRANCE}' END) AS code_territoire,
           cfd, dispositif, {_ATTRIBUTES}, {console_sql.entry_columns()}
    FROM console_offres
    GROUP BY GROUPING SETS (
        (rentree, cfd, dispositif),
        (rentree, code_region, cfd, dispositif),
        (rentree, code_academie, cfd, dispositif),
        (rentree, code_departement, cfd, dispositif)
    )
) g
JOIN formations f USING (cfd)
LEFT JOIN dispositifs d USING (dispositif)
WHERE g.code_territoire IS NOT NULL
ORDER BY rentree, niveau_territoire, code_territoire, cfd, dispositif
"""


def _sortie() -> str:
    return f"""
SELECT millesime, v.choix AS voie_choix,
       CASE WHEN GROUPING(code_region) = 1 THEN '{FRANCE}' ELSE code_region END AS code_region,
       cfd, dispositif, {console_sql.exit_columns()}
FROM console_insertion i
JOIN (VALUES ('scolaire', 'scolaire'), ('apprentissage', 'apprentissage'),
             ('ensemble', 'scolaire'), ('ensemble', 'apprentissage')) v(choix, voie)
  ON v.voie = i.voie
GROUP BY GROUPING SETS ((millesime, v.choix, cfd, dispositif),
                        (millesime, v.choix, code_region, cfd, dispositif))
ORDER BY millesime, voie_choix, code_region, cfd, dispositif
"""


def build_sql() -> str:
    """Return the query over the pre-aggregated tables; every value is a named parameter."""
    quadrant = ind.quadrant(
        "s.taux_emploi_6_mois", "s.taux_poursuite", "moy.moyenne_emploi",
        "moy.moyenne_poursuite",
    )
    return f"""
SELECT * FROM (
    SELECT e.* EXCLUDE (rentree, niveau_territoire, code_territoire, niveau_diplome,
                        code_domaine, famille_metiers, libelle_recherche, libelle_formation,
                        libelle_niveau, libelle_domaine, libelle_dispositif),
           e.libelle_formation, e.niveau_diplome, e.libelle_niveau,
           e.code_domaine, e.libelle_domaine, e.famille_metiers, e.libelle_dispositif,
           s.* EXCLUDE (millesime, voie_choix, code_region, cfd, dispositif),
           $ins_region::VARCHAR AS code_region_insertion,
           moy.moyenne_emploi, moy.moyenne_poursuite,
           COALESCE({quadrant}, 'hors quadrant') AS quadrant,
           {ind.bande_pression("e.taux_pression")} AS bande_pression
    FROM {ENTREE} e
    LEFT JOIN {SORTIE} s
      ON s.millesime = $millesime AND s.voie_choix = $voie AND s.code_region = $ins_key
     AND s.cfd = e.cfd AND s.dispositif = e.dispositif
    LEFT JOIN console_moyennes moy
      ON moy.millesime = $millesime AND moy.voie_choix = $voie
     AND moy.code_region = $ins_region::VARCHAR AND moy.niveau_diplome = e.niveau_diplome
    WHERE e.rentree = $rentree AND e.niveau_territoire = $niveau_territoire
      AND e.code_territoire = $code_territoire
      AND {console_sql.formation_filters("e")}
) r
WHERE (len($quadrants::VARCHAR[]) = 0 OR list_contains($quadrants::VARCHAR[], quadrant))
  AND (len($bandes::VARCHAR[]) = 0 OR list_contains($bandes::VARCHAR[], bande_pression))
ORDER BY libelle_formation, cfd, dispositif
"""


def effectifs_sql() -> str:
    """Return the query of the effectifs per formation of one territory, from the entry table.

    Its parameters are the entry filters of `build_sql` (rentrée, territory and formation
    filters); it reads no exit rate.
    """
    return f"""
SELECT cfd, dispositif, effectif_entree, nombre_eleves
FROM {ENTREE} e
WHERE e.rentree = $rentree AND e.niveau_territoire = $niveau_territoire
  AND e.code_territoire = $code_territoire
  AND {console_sql.formation_filters("e")}
ORDER BY e.libelle_formation, e.cfd, e.dispositif
"""
