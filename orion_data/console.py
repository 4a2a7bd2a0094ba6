"""The console query: entry and exit indicators per formation or per offer, for one rentrée.

One implementation serves both consoles. At the `formation` grain, a row is a CFD ×
dispositif aggregated over the selected territory. At the `offre` grain, a row is a UAI × CFD
× dispositif with the school's identity columns. Every rate comes from `orion_data.indicators`.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from orion_data import console_formations_sql, console_offres_sql, console_sql, db
from orion_data import indicators as ind

Grain = Literal["formation", "offre"]
Voie = Literal["scolaire", "apprentissage", "ensemble"]

VOIES: Final[dict[str, tuple[str, ...]]] = {
    "scolaire": ("scolaire",),
    "apprentissage": ("apprentissage",),
    "ensemble": ("scolaire", "apprentissage"),
}
QUADRANTS: Final = ("Q1", "Q2", "Q3", "Q4", "hors quadrant")
BANDES: Final = tuple(label for _, _, label in ind.BANDES_PRESSION)


@dataclass(frozen=True)
class ConsoleFilters:
    """The filter state of a console. Empty tuples and None mean "no filter"."""

    rentree: int
    code_region: str | None = None
    code_academie: str | None = None
    code_departement: str | None = None
    niveaux: tuple[str, ...] = ()
    dispositifs: tuple[str, ...] = ()
    domaines: tuple[str, ...] = ()
    familles: tuple[str, ...] = ()
    recherche: str = ""
    quadrants: tuple[str, ...] = ()
    bandes_pression: tuple[str, ...] = ()
    voie: Voie = "scolaire"
    secteurs: tuple[str, ...] = ()
    uais: tuple[str, ...] = ()

    def replace(self, **changes) -> ConsoleFilters:
        return dataclasses.replace(self, **changes)


def insertion_region(filters: ConsoleFilters) -> str | None:
    """Return the région whose exit rates describe the territory, None for France.

    InserJeunes publishes exit rates per région only, so a département or an académie shows
    the rates of its région.
    """
    if filters.code_region:
        return filters.code_region
    column, code = None, None
    if filters.code_departement:
        column, code = "code_departement", filters.code_departement
    elif filters.code_academie:
        column, code = "code_academie", filters.code_academie
    if column is None:
        return None
    return db.scalar(
        f"SELECT any_value(code_region) FROM territoires WHERE {column} = ?", [code]
    )


def parameters(filters: ConsoleFilters) -> dict:
    """Return the named parameters of the console SQL for a filter state."""
    return {
        "rentree": filters.rentree,
        "millesime": ind.millesime_for_rentree(filters.rentree),
        "code_region": filters.code_region,
        "code_academie": filters.code_academie,
        "code_departement": filters.code_departement,
        "secteurs": list(filters.secteurs),
        "uais": list(filters.uais),
        "niveaux": list(filters.niveaux),
        "domaines": list(filters.domaines),
        "familles": list(filters.familles),
        "dispositifs": list(filters.dispositifs),
        "recherche": filters.recherche.strip(),
        "voies": list(VOIES[filters.voie]),
        "voie": filters.voie,
        "quadrants": list(filters.quadrants),
        "bandes": list(filters.bandes_pression),
    }


_SQL_CACHE: dict[str, str] = {}
_EFFECTIFS: Final = ("effectif_entree", "nombre_eleves")


def _ensure_derived() -> None:
    """Create the console's derived tables once per opened warehouse."""
    db.ensure_derived(
        console_sql.derived_tables()
        | console_formations_sql.derived_tables()
        | console_offres_sql.derived_tables()
    )


def console(filters: ConsoleFilters, grain: Grain = "formation") -> pd.DataFrame:
    """Return the console rows for a filter state, sorted by libellé.

    Results are kept per warehouse and filter state, because a page reruns with the same
    filters whenever the user sorts or picks columns: the 64 most recent formation results
    (a few hundred rows each), and offer results up to OFFRES_EN_CACHE rows in all, the
    oldest dropped first. Each call returns its own copy.
    """
    if grain not in ("formation", "offre"):
        raise ValueError(f"unknown console grain {grain!r}")
    if grain == "offre":
        return _offres_en_cache(filters).copy()
    return _cached_console(db.database_key(), grain, filters).copy()


@functools.lru_cache(maxsize=64)
def _cached_console(database: int, grain: Grain, filters: ConsoleFilters) -> pd.DataFrame:
    return query_console(filters, grain)


OFFRES_EN_CACHE: Final = 40_000
"""Offer rows kept in all (about 23 MB at 0.57 KB a row): France, or a dozen régions."""
_offres: OrderedDict[tuple[int, ConsoleFilters], pd.DataFrame] = OrderedDict()
_offres_lock = threading.Lock()


def _offres_en_cache(filters: ConsoleFilters) -> pd.DataFrame:
    key = (db.database_key(), filters)
    with _offres_lock:
        if key in _offres:
            _offres.move_to_end(key)
            return _offres[key]
    rows = query_console(filters, "offre")
    with _offres_lock:
        _offres[key] = rows
        total = sum(len(frame) for frame in _offres.values())
        # The newest result stays even when it alone is larger than the budget.
        while total > OFFRES_EN_CACHE and len(_offres) > 1:
            _, oldest = _offres.popitem(last=False)
            total -= len(oldest)
    return rows


def clear() -> None:
    """Forget the cached results, e.g. after a rebuild of the warehouse."""
    _cached_console.cache_clear()
    with _offres_lock:
        _offres.clear()


def query_console(
    filters: ConsoleFilters, grain: Grain = "formation", *, general: bool = False
) -> pd.DataFrame:
    """Run the console query for a filter state, without the result cache."""
    sql, params = statement(filters, grain, general=general)
    return db.query(sql, params)


def statement(
    filters: ConsoleFilters, grain: Grain = "formation", *, general: bool = False
) -> tuple[str, dict]:
    """Return the SQL and the parameters of the console query for a filter state.

    A formation query on one territory reads the tables pre-aggregated per territory; the
    general query (forced with `general=True`) gives the same rows from the offers. An offer
    query reads the offer detail table (`console_offres_sql`). The derived tables are created
    first when needed.
    """
    _ensure_derived()
    if grain == "offre":
        return _offres_statement(filters)
    if not general:
        territory = _territory_level(filters)
        if territory is not None and not filters.secteurs and not filters.uais:
            return _formations_statement(filters, *territory)
    if "formation" not in _SQL_CACHE:
        _SQL_CACHE["formation"] = console_sql.build_sql()
    params = parameters(filters)
    params["ins_region"] = insertion_region(filters)
    return _SQL_CACHE["formation"], params


def _offres_statement(filters: ConsoleFilters) -> tuple[str, dict]:
    if "offre" not in _SQL_CACHE:
        _SQL_CACHE["offre"] = console_offres_sql.build_sql()
    params = parameters(filters)
    # The offer query reads the exit table by choice of voie, not by list of voies.
    del params["voies"]
    return _SQL_CACHE["offre"], params


def effectifs(filters: ConsoleFilters) -> pd.DataFrame:
    """Return the effectif en entrée and nombre d'élèves per formation of a filter state.

    Columns: cfd, dispositif, effectif_entree, nombre_eleves, with the rows and values of the
    formation console of that state. Without filters on exit rates, secteur or UAI, it reads
    the entry table only, a query about three times faster than the whole console.
    """
    _ensure_derived()
    general = filters.quadrants or filters.bandes_pression or filters.secteurs or filters.uais
    territory = None if general else _territory_level(filters)
    if territory is None:
        return console(filters)[["cfd", "dispositif", *_EFFECTIFS]]
    if "effectifs" not in _SQL_CACHE:
        _SQL_CACHE["effectifs"] = console_formations_sql.effectifs_sql()
    level, code = territory
    params = {
        name: value for name, value in parameters(filters).items()
        if name in ("rentree", "niveaux", "domaines", "familles", "dispositifs", "recherche")
    }
    params |= {
        "niveau_territoire": level,
        "code_territoire": code or console_formations_sql.FRANCE,
    }
    return db.query(_SQL_CACHE["effectifs"], params)


def _territory_level(filters: ConsoleFilters) -> tuple[str, str | None] | None:
    """Return the most precise territory of the filters, None when the codes disagree.

    A département must lie in the chosen académie and région, and an académie in the
    chosen région; otherwise the general query returns their (empty) intersection.
    """
    chosen = [
        (level, code)
        for level, code in (
            ("departement", filters.code_departement),
            ("academie", filters.code_academie),
            ("region", filters.code_region),
        )
        if code
    ]
    if not chosen:
        return "france", None
    level, code = chosen[0]
    if len(chosen) == 1:
        return level, code
    # `level` comes from the fixed tuple above, never from user input.
    row = db.query(
        f"SELECT any_value(code_academie) AS code_academie, any_value(code_region) AS code_region "
        f"FROM territoires WHERE code_{level} = ?",
        [code],
    )
    for other, other_code in chosen[1:]:
        if row[f"code_{other}"].iloc[0] != other_code:
            return None
    return level, code


def _formations_statement(
    filters: ConsoleFilters, level: str, code: str | None
) -> tuple[str, dict]:
    if "formation_fast" not in _SQL_CACHE:
        _SQL_CACHE["formation_fast"] = console_formations_sql.build_sql()
    params = parameters(filters)
    for unused in ("code_region", "code_academie", "code_departement", "secteurs", "uais",
                   "voies"):
        del params[unused]
    ins_region = insertion_region(filters)
    params |= {
        "ins_region": ins_region,
        "ins_key": ins_region or console_formations_sql.FRANCE,
        "niveau_territoire": level,
        "code_territoire": code or console_formations_sql.FRANCE,
    }
    return _SQL_CACHE["formation_fast"], params
