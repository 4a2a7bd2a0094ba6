"""Formations, the métiers they lead to, and the labour-market tension of those métiers.

The chain is CFD → ROME code (Certif Info, table `formation_rome`) → FAP-2009 family (DARES
correspondence, `fap_rome`) → tension of the family in a territory (DARES – Pôle emploi,
"Les tensions sur le marché du travail", year 2019, table `tensions`). Each rule is written
once below: as a DuckDB SQL expression, or over pandas columns for the reading of a console
row. The entry and exit indicators of a formation come from the console query, never from a
formula of this module.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import pandas as pd

from orion_data import console, db
from orion_data import indicators as ind
from orion_data.console import ConsoleFilters, Voie
from orion_data.errors import ValidationError

logger = logging.getLogger(__name__)

Niveau = Literal["national", "region", "departement"]

CATEGORIE_TENSION_MIN: Final = 4
"""Lowest DARES « Catégorie Tension » (1 to 5) of a family in tension."""

# The finest level first: a family without a published category at a level takes the next.
PRIORITES: Final[dict[str, int]] = {"departement": 1, "region": 2, "national": 3}
NIVEAU_LIBELLES: Final[dict[str, str]] = {
    "departement": "département",
    "region": "région",
    "national": "France",
}

EN_TENSION: Final = "métiers en tension"
PEU_EN_TENSION: Final = "métiers peu en tension"
TENSION_INCONNUE: Final = "tension inconnue"
SANS_METIER: Final = "aucun métier associé"
STATUTS: Final = (EN_TENSION, PEU_EN_TENSION, TENSION_INCONNUE, SANS_METIER)

RECRUTE_PEU_DEMANDEE: Final = "métiers en tension, formation peu demandée"
DEMANDEE_PEU_DE_METIERS: Final = "formation très demandée, métiers peu en tension"

_PRESSION_BASSE: Final = ind.BANDES_PRESSION[0][2]
_PRESSION_HAUTE: Final = ind.BANDES_PRESSION[-1][2]


@dataclass(frozen=True)
class Territoire:
    """France, one région (`code` of 2 characters) or one département (3 characters)."""

    niveau: Niveau = "national"
    code: str | None = None


# --- The rules ---------------------------------------------------------------------------------


def famille_en_tension(categorie: str = "categorie_tension") -> str:
    """Return SQL that is TRUE when a FAP family is in tension, NULL when its category is unknown.

    Rule: DARES « Catégorie Tension » 4 or 5. The category ranks the synthetic tension
    indicator of the year against the quintiles of 2014–2018 (5 = strongest tension). The
    cut at 4 is our convention, not a DARES definition: it keeps the two upper quintiles.
    Because 2019 was a tense year, 127 of the 186 FAP families of the national rows reach it.
    Source: DARES – Pôle emploi, tensions 2019, `Catégorie Tension`.
    """
    return f"({categorie} >= {CATEGORIE_TENSION_MIN})"


def metier_en_tension(nb_familles_en_tension: str, nb_familles_connues: str) -> str:
    """Return SQL that is TRUE when a ROME métier is in tension, NULL when no family category
    is known.

    A ROME code maps to one, two or three FAP families (201 of the 531 codes of the
    correspondence have several). Rule: the métier is in tension when at least half of its
    families with a known category are in tension. Each family counts once: none is weighted
    by its employment. Source: DARES `fap225_rome.csv` and the family rule above.
    """
    return (
        f"(CASE WHEN {nb_familles_connues} > 0 "
        f"THEN 2 * {nb_familles_en_tension} >= {nb_familles_connues} END)"
    )


def statut_formation(nb_metiers: str, nb_metiers_connus: str, nb_metiers_en_tension: str) -> str:
    """Return SQL for the status of a formation: one of STATUTS.

    Rule: a formation leads to métiers en tension when at least half of its distinct ROME
    codes whose tension is known are in tension. Each ROME code counts once, whatever its
    rank in Certif Info. A formation without any ROME code is « aucun métier associé », and
    one whose codes all lack a tension is « tension inconnue ». Source: Certif Info
    `Code_Rome_1..5` and the métier rule above.
    """
    return (
        f"(CASE WHEN {nb_metiers} = 0 THEN '{SANS_METIER}' "
        f"WHEN {nb_metiers_connus} = 0 THEN '{TENSION_INCONNUE}' "
        f"WHEN 2 * {nb_metiers_en_tension} >= {nb_metiers_connus} THEN '{EN_TENSION}' "
        f"ELSE '{PEU_EN_TENSION}' END)"
    )


def metier_avenir(en_tension: str, eco: str, num: str, demo: str) -> str:
    """Return SQL that is TRUE for a « métier d'avenir », NULL when its tension is unknown.

    Rule: the métier is in tension in the territory and France Travail flags it for at least
    one transition: écologique (`transition_eco` filled: « Emploi Vert » or « Emploi
    stratégique pour la Transition écologique »), numérique or démographique (`O`). The data
    contains no employment projection, so this is today's tension plus a flag, not a forecast.
    Source: ROME table of France Travail (flags) and the métier rule above.
    """
    flagged = (
        f"({eco} IS NOT NULL OR {num} IS NOT DISTINCT FROM 'O' "
        f"OR {demo} IS NOT DISTINCT FROM 'O')"
    )
    return f"(CASE WHEN {en_tension} IS NOT NULL THEN {en_tension} AND {flagged} END)"


def lecture(statut: pd.Series, bande_pression: pd.Series) -> pd.Series:
    """Return the reading of each formation that puts its entry beside its métiers, or None.

    « métiers en tension, formation peu demandée »: the status is EN_TENSION and the taux de
    pression is below 0.7. « formation très demandée, métiers peu en tension »: the status is
    PEU_EN_TENSION and the taux de pression is 1.3 or more. The taux de remplissage cannot be
    computed per formation from the open data, so the pressure stands for a full formation.
    """
    # NOTE: a BTS has a taux de demande, not a taux de pression, so it never gets a reading.
    conditions = [
        (statut == EN_TENSION) & (bande_pression == _PRESSION_BASSE),
        (statut == PEU_EN_TENSION) & (bande_pression == _PRESSION_HAUTE),
    ]
    values = np.select(conditions, [RECRUTE_PEU_DEMANDEE, DEMANDEE_PEU_DE_METIERS], None)
    return pd.Series(values, index=statut.index, dtype=object)


# --- The joins -------------------------------------------------------------------------------

_METIERS = f"""
tension_niveau AS (
    SELECT fap, 1 AS priorite, tension, categorie_tension FROM tensions
    WHERE niveau_geo = 'dep' AND code_departement = $code_departement
      AND categorie_tension IS NOT NULL
    UNION ALL
    SELECT fap, 2, tension, categorie_tension FROM tensions
    WHERE niveau_geo = 'reg' AND code_region = $code_region AND categorie_tension IS NOT NULL
    UNION ALL
    SELECT fap, 3, tension, categorie_tension FROM tensions
    WHERE niveau_geo = 'nat' AND categorie_tension IS NOT NULL
),
famille AS (
    SELECT fr.code_rome, fr.fap, t.priorite, t.tension, t.categorie_tension,
           {famille_en_tension("t.categorie_tension")} AS en_tension
    FROM fap_rome fr
    LEFT JOIN (SELECT * FROM tension_niveau
               QUALIFY row_number() OVER (PARTITION BY fap ORDER BY priorite) = 1) t
      ON t.fap = fr.fap
),
metier_base AS (
    SELECT c.code_rome, r.libelle_rome, r.code_domaine_professionnel,
           r.libelle_domaine_professionnel, r.transition_eco, r.transition_num,
           r.transition_demo,
           count(f.fap) AS nb_familles,
           count(f.categorie_tension) AS nb_familles_connues,
           count(*) FILTER (WHERE f.en_tension) AS nb_familles_en_tension,
           avg(f.tension) AS tension,
           max(f.priorite) AS priorite,
           string_agg(f.fap || ' (' || coalesce(f.categorie_tension::VARCHAR, 'non publiée')
                      || ')', ', ' ORDER BY f.fap) AS familles_fap
    FROM (SELECT code_rome FROM rome UNION SELECT code_rome FROM formation_rome) c
    LEFT JOIN rome r ON r.code_rome = c.code_rome
    LEFT JOIN famille f ON f.code_rome = c.code_rome
    GROUP BY ALL
),
metier AS (
    SELECT *, {metier_en_tension("nb_familles_en_tension", "nb_familles_connues")} AS en_tension
    FROM metier_base
),
metier_complet AS (
    SELECT code_rome, libelle_rome, code_domaine_professionnel, libelle_domaine_professionnel,
           nb_familles, nb_familles_connues, nb_familles_en_tension, familles_fap, tension,
           en_tension,
           {metier_avenir("en_tension", "transition_eco", "transition_num", "transition_demo")}
               AS metier_avenir,
           transition_eco AS transition_ecologique,
           transition_num = 'O' AS transition_numerique,
           transition_demo = 'O' AS transition_demographique,
           CASE priorite WHEN 1 THEN 'département' WHEN 2 THEN 'région' WHEN 3 THEN 'France'
           END AS niveau_tension,
           priorite > $priorite_demandee AS repli
    FROM metier
)"""

# The métiers of every territory already asked for, one row per territoire × ROME code. A
# territory's rows are computed once per opened warehouse (`_metiers_du_territoire`), because
# the tension joins take about 13 ms and every query of the page reads them.
_TABLE_METIERS: Final = "metiers_tension"
_MATERIALISER: Final = f"""
WITH {_METIERS}
SELECT $territoire::VARCHAR AS territoire, * FROM metier_complet
"""
_METIER_COMPLET: Final = f"""
metier_complet AS (
    SELECT * EXCLUDE (territoire) FROM {_TABLE_METIERS} WHERE territoire = $territoire
)"""

_SYNTHESE = f"""
WITH {_METIER_COMPLET},
par_formation AS (
    SELECT c.cfd,
           count(fr.code_rome) AS nb_metiers,
           count(m.en_tension) AS nb_metiers_connus,
           count(*) FILTER (WHERE m.en_tension) AS nb_metiers_en_tension,
           count(*) FILTER (WHERE m.metier_avenir) AS nb_metiers_avenir,
           avg(m.tension) AS tension_moyenne,
           coalesce(bool_or(m.repli), false) AS repli,
           string_agg(coalesce(m.libelle_rome, fr.code_rome), ' ; '
                      ORDER BY fr.rang, fr.code_rome) AS metiers
    FROM (SELECT DISTINCT unnest($cfds::VARCHAR[]) AS cfd) c
    LEFT JOIN formation_rome fr ON fr.cfd = c.cfd
    LEFT JOIN metier_complet m ON m.code_rome = fr.code_rome
    GROUP BY c.cfd
)
SELECT *,
       {ind.ratio("nb_metiers_en_tension", "nb_metiers_connus")} AS part_metiers_en_tension,
       {statut_formation("nb_metiers", "nb_metiers_connus", "nb_metiers_en_tension")} AS statut
FROM par_formation
ORDER BY cfd
"""

_METIERS_FORMATION = f"""
WITH {_METIER_COMPLET}
SELECT fr.cfd, fr.rang, m.*
FROM formation_rome fr JOIN metier_complet m ON m.code_rome = fr.code_rome
WHERE fr.cfd = $cfd
ORDER BY fr.rang, fr.code_rome
"""

_METIER = f"""
WITH {_METIER_COMPLET}
SELECT * FROM metier_complet WHERE code_rome = $code_rome
"""

_materialises: set[tuple[int, str]] = set()
_materialise_lock = threading.Lock()


def _metiers_du_territoire(territoire: Territoire) -> dict:
    """Store the métiers of a territory in `metiers_tension` once, and return the parameter
    that selects them.

    Raise ValidationError like `parametres_tension` for an unknown territory.
    """
    cle = f"{territoire.niveau}:{territoire.code or ''}"
    done = (db.database_key(), cle)
    if done not in _materialises:
        with _materialise_lock:
            if done not in _materialises:
                # Only a territory that passed this check is ever stored, so a stored one
                # skips the check and its query.
                params = parametres_tension(territoire)
                con = db.connection()
                exists = con.execute(
                    "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [_TABLE_METIERS]
                ).fetchone()[0]
                # The table name is a constant of this module, and every value is a parameter.
                verb = f"INSERT INTO {_TABLE_METIERS}" if exists else (
                    f"CREATE TABLE {_TABLE_METIERS} AS"
                )
                con.execute(f"{verb} {_MATERIALISER}", params | {"territoire": cle})
                _materialises.add(done)
    return {"territoire": cle}


_REGION_DU_TERRITOIRE: Final = {
    "region": "SELECT any_value(code_region) FROM territoires WHERE code_region = ?",
    "departement": "SELECT any_value(code_region) FROM territoires WHERE code_departement = ?",
}


def parametres_tension(territoire: Territoire) -> dict:
    """Return the named parameters that place the tension joins in a territory.

    Raise ValidationError when the level is not one of PRIORITES or the code is unknown.
    """
    if territoire.niveau not in PRIORITES:
        raise ValidationError(
            {"territoire": f"Niveau de territoire « {territoire.niveau} » inconnu : choisissez "
             "national, region ou departement."}
        )
    params = {
        "code_region": None,
        "code_departement": None,
        "priorite_demandee": PRIORITES[territoire.niveau],
    }
    if territoire.niveau == "national":
        return params
    region = db.scalar(_REGION_DU_TERRITOIRE[territoire.niveau], [territoire.code])
    if region is None:
        raise ValidationError(
            {"territoire": f"Code {NIVEAU_LIBELLES[territoire.niveau]} « {territoire.code} » "
             "inconnu : choisissez un code de la liste des territoires (ex. 84, 069)."}
        )
    params["code_region"] = region
    if territoire.niveau == "departement":
        params["code_departement"] = territoire.code
    return params


def filtres_console(territoire: Territoire, rentree: int, voie: Voie = "scolaire",
                    niveaux: tuple[str, ...] = ()) -> ConsoleFilters:
    """Return the console filters of a territory, for the entry and exit indicators."""
    return ConsoleFilters(
        rentree=rentree,
        code_region=territoire.code if territoire.niveau == "region" else None,
        code_departement=territoire.code if territoire.niveau == "departement" else None,
        niveaux=niveaux,
        voie=voie,
    )


def synthese(territoire: Territoire, cfds) -> pd.DataFrame:
    """Return one row per CFD: its métiers, how many are in tension, and its status.

    Every CFD of `cfds` has a row, a CFD without a ROME code included (« aucun métier
    associé »). `tension_moyenne` is the unweighted mean of the indicators of its métiers.
    """
    params = _metiers_du_territoire(territoire) | {"cfds": sorted({str(cfd) for cfd in cfds})}
    return db.query(_SYNTHESE, params)


def formations(territoire: Territoire, rentree: int, voie: Voie = "scolaire",
               niveaux: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return the console rows of a territory with the tension of their métiers beside them.

    A row is a CFD × dispositif offered in the territory at `rentree`. It keeps the console's
    entry and exit indicators and gains the columns of `synthese` and the `lecture`. Rows are
    sorted by status (STATUTS order), then by libellé.
    """
    rows = console.console(filtres_console(territoire, rentree, voie, niveaux), "formation")
    summary = synthese(territoire, rows["cfd"])
    merged = rows.merge(summary, on="cfd", how="left", validate="many_to_one")
    merged["lecture"] = lecture(merged["statut"], merged["bande_pression"])
    order = merged["statut"].map({statut: rank for rank, statut in enumerate(STATUTS)})
    merged = merged.assign(_ordre=order)
    merged = merged.sort_values(["_ordre", "libelle_formation", "cfd", "dispositif"])
    logger.debug("Métiers d'avenir: %d rows for %s, rentrée %s", len(merged), territoire, rentree)
    return merged.drop(columns="_ordre").reset_index(drop=True)


def metiers_formation(territoire: Territoire, cfd: str) -> pd.DataFrame:
    """Return the métiers (ROME codes) of one CFD with their tension in the territory."""
    return db.query(_METIERS_FORMATION, _metiers_du_territoire(territoire) | {"cfd": cfd})


def metier(territoire: Territoire, code_rome: str) -> pd.DataFrame:
    """Return the one row of a ROME code with its tension in the territory (empty if unknown)."""
    return db.query(_METIER, _metiers_du_territoire(territoire) | {"code_rome": code_rome})


def formations_metier(rows: pd.DataFrame, code_rome: str) -> pd.DataFrame:
    """Return the rows of `formations` whose CFD leads to a ROME code.

    Each row keeps the console indicators, `nb_etablissements` (the schools offering the
    formation in the territory at the rentrée) included.
    """
    cfds = db.query("SELECT cfd FROM formation_rome WHERE code_rome = ?", [code_rome])["cfd"]
    return rows[rows["cfd"].isin(set(cfds))].reset_index(drop=True)
