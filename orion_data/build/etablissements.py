"""The etablissements table: every UAI seen in a source, with its territory, name and place.

Names and communes come from the first source that has them, in this order: the
comparateur-lycees list, the DEPP lycée pro effectifs file, the Onisep Île-de-France list,
then the InserJeunes labels (DEPP lycée files and CFA export). Coordinates come from
comparateur-lycees, then lycees_2.csv, then Onisep; `source_coordonnees` names the file.
"""

from __future__ import annotations

import logging
from typing import Final

import pyarrow as pa

from orion_data.build.attractivite import AFFELNET_FILES, PARCOURSUP_FILES
from orion_data.build.catalogue import CATALOGUE
from orion_data.build.context import BuildContext
from orion_data.build.insertion import DEPP_FILES

logger = logging.getLogger(__name__)

# UAI prefixes that differ from the INSEE code of their département or collectivité.
# Other prefixes are the INSEE code itself (001…095, 971…974, 976).
UAI_PREFIXES: Final = {
    "620": "02A",
    "720": "02B",
    "975": "975",
    "983": "988",
    "984": "987",
    "987": "986",
}
_GEO: Final = r"-?\d+(\.\d+)?, *-?\d+(\.\d+)?"
_NAMED_SOURCES: Final = (
    "comparateur_lycees",
    "effectifs_niveau",
    "lycees_geolocalises",
    "lycees_ile_de_france",
)
# Files whose UAIs reach this table through the fact tables built before it.
_FACT_SOURCES: Final = (
    "constat_2020",
    *AFFELNET_FILES,
    *PARCOURSUP_FILES,
    *DEPP_FILES,
    "inserjeunes_cfa",
)


def build_etablissements(ctx: BuildContext) -> None:
    ctx.load(*_NAMED_SOURCES)
    ctx.fail_on_first(
        "lycees_ile_de_france",
        "geo",
        "SELECT _line, geo FROM raw_lycees_ile_de_france "
        "WHERE geo IS NOT NULL AND NOT regexp_full_match(geo, ?)",
        "une position « latitude, longitude » est attendue",
        [_GEO],
    )
    ctx.con.register(
        "prefixes_uai",
        pa.table({"prefixe": list(UAI_PREFIXES), "code_departement": list(UAI_PREFIXES.values())}),
    )
    ctx.execute(_CANDIDATES_SQL)
    ctx.execute(
        _ETABLISSEMENTS_SQL,
        [
            CATALOGUE["comparateur_lycees"].path,
            CATALOGUE["lycees_geolocalises"].path,
            CATALOGUE["lycees_ile_de_france"].path,
        ],
    )
    _report(ctx)
    for key in (*_NAMED_SOURCES, *_FACT_SOURCES, "departements"):
        ctx.add_source("etablissements", key)


# One row per UAI seen anywhere, with what each source knows of it in its own columns.
_CANDIDATES_SQL: Final = """
CREATE TEMP TABLE candidates AS
WITH comparateur AS (
    SELECT upper(uai) AS uai, nom, ville, secteur, lat, lng,
           row_number() OVER (
               PARTITION BY upper(uai) ORDER BY type = 'Pro' DESC, _record
           ) AS name_rank,
           row_number() OVER (
               PARTITION BY upper(uai)
               ORDER BY lat IS NULL OR lng IS NULL, type = 'Pro' DESC, _record
           ) AS place_rank
    FROM raw_comparateur_lycees
),
lycees_pro AS (
    SELECT upper(uai) AS uai, concat_ws(' ', denomination, patronyme) AS libelle, commune,
           secteur
    FROM raw_effectifs_niveau
    QUALIFY row_number() OVER (PARTITION BY upper(uai) ORDER BY rentree DESC, _line) = 1
),
geolocated AS (
    SELECT upper(uai) AS uai, secteur,
           CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL THEN latitude END AS lat,
           CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL THEN longitude END AS lng
    FROM raw_lycees_geolocalises
    QUALIFY row_number() OVER (
        PARTITION BY upper(uai) ORDER BY latitude IS NULL OR longitude IS NULL, rentree DESC
    ) = 1
),
ile_de_france AS (
    SELECT upper(uai) AS uai, libelle, commune, statut,
           CAST(trim(split_part(geo, ',', 1)) AS DOUBLE) AS lat,
           CAST(trim(split_part(geo, ',', 2)) AS DOUBLE) AS lng
    FROM raw_lycees_ile_de_france
    QUALIFY row_number() OVER (PARTITION BY upper(uai) ORDER BY _line) = 1
),
inserjeunes AS (
    SELECT uai, libelle FROM insertion_rows
    WHERE libelle IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY uai ORDER BY millesime DESC, type_etablissement DESC, champ
    ) = 1
),
seen AS (
    SELECT uai FROM effectifs
    UNION SELECT uai FROM effectifs_niveau
    UNION SELECT uai FROM attractivite
    UNION SELECT uai FROM insertion_etablissement
    UNION SELECT uai FROM comparateur
    UNION SELECT uai FROM geolocated
    UNION SELECT uai FROM ile_de_france
)
SELECT v.uai,
       c.nom AS comparateur_libelle, c.ville AS comparateur_commune,
       c.secteur AS comparateur_secteur,
       g.lat AS comparateur_lat, g.lng AS comparateur_lng,
       p.libelle AS lycee_pro_libelle, p.commune AS lycee_pro_commune,
       p.secteur AS lycee_pro_secteur,
       l.secteur AS geolocated_secteur, l.lat AS geolocated_lat, l.lng AS geolocated_lng,
       o.libelle AS onisep_libelle, o.commune AS onisep_commune, o.statut AS onisep_secteur,
       o.lat AS onisep_lat, o.lng AS onisep_lng,
       i.libelle AS inserjeunes_libelle
FROM seen AS v
LEFT JOIN comparateur AS c ON c.uai = v.uai AND c.name_rank = 1
LEFT JOIN comparateur AS g ON g.uai = v.uai AND g.place_rank = 1
LEFT JOIN lycees_pro AS p ON p.uai = v.uai
LEFT JOIN geolocated AS l ON l.uai = v.uai
LEFT JOIN ile_de_france AS o ON o.uai = v.uai
LEFT JOIN inserjeunes AS i ON i.uai = v.uai
WHERE v.uai IS NOT NULL
"""

# The three parameters are the paths of comparateur-lycees, lycees_2.csv and Onisep.
_ETABLISSEMENTS_SQL: Final = """
CREATE TABLE etablissements AS
WITH placed AS (
    SELECT c.*, t.code_academie, t.code_region,
           coalesce(p.code_departement, t.code_departement) AS code_departement,
           coalesce(
               comparateur_secteur, lycee_pro_secteur, geolocated_secteur, onisep_secteur
           ) AS known_secteur
    FROM candidates AS c
    LEFT JOIN prefixes_uai AS p ON p.prefixe = left(c.uai, 3)
    LEFT JOIN territoires AS t
        ON t.code_departement = coalesce(p.code_departement, left(c.uai, 3))
)
SELECT l.uai,
       coalesce(
           comparateur_libelle, lycee_pro_libelle, onisep_libelle, inserjeunes_libelle
       ) AS libelle,
       coalesce(comparateur_commune, lycee_pro_commune, onisep_commune) AS commune,
       l.code_departement, l.code_academie, l.code_region,
       CASE
           WHEN lower(strip_accents(known_secteur)) LIKE 'public%' THEN 'public'
           WHEN lower(strip_accents(known_secteur)) LIKE 'prive%' THEN 'privé'
       END AS secteur,
       CASE
           WHEN comparateur_lat IS NOT NULL THEN comparateur_lat
           WHEN geolocated_lat IS NOT NULL THEN geolocated_lat
           ELSE onisep_lat
       END AS latitude,
       CASE
           WHEN comparateur_lat IS NOT NULL THEN comparateur_lng
           WHEN geolocated_lat IS NOT NULL THEN geolocated_lng
           ELSE onisep_lng
       END AS longitude,
       CASE
           WHEN comparateur_lat IS NOT NULL THEN ?
           WHEN geolocated_lat IS NOT NULL THEN ?
           WHEN onisep_lat IS NOT NULL THEN ?
       END AS source_coordonnees
FROM placed AS l
"""


def _report(ctx: BuildContext) -> None:
    total, without_territory, com, without_name, without_place = ctx.rows(
        """
        SELECT count(*),
               count(*) FILTER (code_departement IS NULL),
               count(*) FILTER (code_departement IS NOT NULL AND code_region IS NULL),
               count(*) FILTER (libelle IS NULL),
               count(*) FILTER (latitude IS NULL)
        FROM etablissements
        """
    )[0]
    logger.info("etablissements : %d UAI distincts dans les sources", total)
    logger.info(
        "etablissements : %d UAI dont le préfixe ne donne aucun département", without_territory
    )
    logger.info(
        "etablissements : %d UAI de collectivités d'outre-mer, sans académie ni région", com
    )
    logger.info(
        "etablissements : %d UAI sans nom, %d sans coordonnées", without_name, without_place
    )
    for source, count in ctx.rows(
        "SELECT source_coordonnees, count(*) FROM etablissements "
        "WHERE source_coordonnees IS NOT NULL GROUP BY 1 ORDER BY 1"
    ):
        logger.info("etablissements : %d coordonnées prises dans %s", count, source)
