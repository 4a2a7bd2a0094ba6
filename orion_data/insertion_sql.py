"""The SQL of the insertion page: one table of rates built once, and the two queries on it.

`insertion_formations` holds, per millésime × voie × CFD, the rates of France (the sum of the
régions, `national` true) and of each région, with their denominators. The voie "ensemble"
sums the scolaire and apprentissage rows of the same group. Each row also carries the
publication flags of its millésime, so a query only filters the table.
"""

from __future__ import annotations

from typing import Final

from orion_data import indicators as ind
from orion_data.console_sql import searchable

MOIS: Final = (6, 12, 18, 24)
TABLE: Final = "insertion_formations"


def mesures_sql() -> str:
    """Return the SELECT list of every rate with its denominator, from the indicator formulas."""
    parts = []
    for mois in MOIS:
        parts.append(f"{ind.taux_emploi(mois)} AS taux_emploi_{mois}_mois")
        parts.append(f"{ind.denominateur_emploi(mois)} AS nb_sortants_{mois}_mois")
    parts += [
        f"{ind.taux_poursuite()} AS taux_poursuite",
        f"{ind.denominateur_poursuite()} AS nb_annee_term",
        f"{ind.taux_devenir_favorable()} AS taux_devenir_favorable",
        f"{ind.denominateur_devenir_favorable()} AS nb_annee_term_devenir",
        "count(*) AS nb_lignes",
    ]
    return ",\n       ".join(parts)


def derived_tables() -> dict[str, str]:
    """Return the name and SELECT of the table of rates."""
    flags = ", ".join(f"count(nb_en_emploi_{m}_mois) > 0 AS publie_{m}_mois" for m in MOIS)
    return {
        TABLE: f"""
WITH publication AS (
    SELECT millesime, {flags} FROM insertion_regionale GROUP BY millesime
),
par_voie AS (
    SELECT * FROM insertion_regionale
    UNION ALL BY NAME
    SELECT * REPLACE ('ensemble' AS voie) FROM insertion_regionale
),
agregat AS (
    SELECT millesime, voie, cfd, code_region, GROUPING(code_region) = 1 AS national,
       {mesures_sql()}
    FROM par_voie
    GROUP BY GROUPING SETS ((millesime, voie, cfd), (millesime, voie, cfd, code_region))
)
SELECT a.*, p.* EXCLUDE (millesime)
FROM agregat a JOIN publication p USING (millesime)
ORDER BY a.millesime, a.national DESC, a.code_region, a.cfd, a.voie
"""
    }


# Rows of France when $code_region is NULL, else of that région. The voie "ensemble" comes
# only when $ensemble is true.
FORMATIONS: Final = f"""
SELECT a.millesime, a.cfd, f.libelle AS libelle_formation, f.niveau_diplome,
       f.libelle_niveau, a.voie, a.* EXCLUDE (millesime, cfd, voie, code_region, national)
FROM {TABLE} a
JOIN formations f USING (cfd)
WHERE a.millesime = $millesime
  AND (CASE WHEN $code_region::VARCHAR IS NULL THEN a.national
            ELSE NOT a.national AND a.code_region = $code_region END)
  AND ($ensemble::BOOLEAN OR a.voie <> 'ensemble')
  AND (len($niveaux::VARCHAR[]) = 0 OR list_contains($niveaux::VARCHAR[], f.niveau_diplome))
  AND ($recherche::VARCHAR = ''
       OR contains({searchable("f.libelle")}, {searchable("$recherche::VARCHAR")})
       OR starts_with(a.cfd, upper($recherche::VARCHAR)))
ORDER BY libelle_formation, a.cfd, a.voie
"""

# Every millésime of one CFD: France first, then every région or only $code_region.
HISTORIQUE: Final = f"""
SELECT a.millesime, a.voie,
       CASE WHEN a.national THEN NULL ELSE a.code_region END AS code_region,
       CASE WHEN a.national THEN 'France' ELSE r.libelle_region END AS territoire,
       a.* EXCLUDE (millesime, voie, cfd, code_region, national)
FROM {TABLE} a
LEFT JOIN (SELECT DISTINCT code_region, libelle_region FROM territoires) r
  ON NOT a.national AND r.code_region = a.code_region
WHERE a.cfd = $cfd
  AND ($ensemble::BOOLEAN OR a.voie <> 'ensemble')
  AND (a.national OR $code_region::VARCHAR IS NULL OR a.code_region = $code_region)
ORDER BY a.millesime, a.national DESC, territoire, a.voie
"""
