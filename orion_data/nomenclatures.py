"""Territories, nomenclatures and time keys read from the warehouse: the choices of the filters."""

from __future__ import annotations

import functools

import pandas as pd

from orion_data import db


@functools.cache
def regions() -> pd.DataFrame:
    """Return the régions (code_region, libelle_region), sorted by name."""
    return db.query(
        "SELECT DISTINCT code_region, libelle_region FROM territoires ORDER BY libelle_region"
    )


@functools.cache
def academies() -> pd.DataFrame:
    """Return the académies with their région, sorted by name."""
    return db.query(
        "SELECT DISTINCT code_academie, libelle_academie, code_region FROM territoires "
        "ORDER BY libelle_academie"
    )


@functools.cache
def departements() -> pd.DataFrame:
    """Return the départements with their académie and région, sorted by code."""
    return db.query(
        "SELECT code_departement, libelle_departement, code_academie, code_region "
        "FROM territoires ORDER BY code_departement"
    )


@functools.cache
def niveaux() -> pd.DataFrame:
    """Return the niveaux de diplôme that have at least one offer or effectif."""
    return db.query(
        """
        SELECT DISTINCT f.niveau_diplome, f.libelle_niveau
        FROM formations f
        WHERE f.cfd IN (SELECT cfd FROM effectifs UNION SELECT cfd FROM attractivite)
        ORDER BY f.niveau_diplome DESC
        """
    )


@functools.cache
def dispositifs() -> pd.DataFrame:
    """Return the dispositifs that have at least one offer or effectif."""
    return db.query(
        """
        SELECT DISTINCT d.dispositif, d.libelle_dispositif
        FROM dispositifs d
        WHERE d.dispositif IN (SELECT dispositif FROM effectifs
                               UNION SELECT dispositif FROM attractivite)
        ORDER BY d.dispositif
        """
    )


@functools.cache
def domaines() -> pd.DataFrame:
    """Return the NSF domaines that have at least one offer or effectif."""
    return db.query(
        """
        SELECT DISTINCT code_domaine, libelle_domaine
        FROM formations
        WHERE code_domaine IS NOT NULL
          AND cfd IN (SELECT cfd FROM effectifs UNION SELECT cfd FROM attractivite)
        ORDER BY libelle_domaine
        """
    )


@functools.cache
def familles() -> list[str]:
    """Return the familles de métiers, sorted."""
    frame = db.query(
        "SELECT DISTINCT famille_metiers FROM formations WHERE famille_metiers IS NOT NULL "
        "ORDER BY famille_metiers"
    )
    return frame["famille_metiers"].tolist()


@functools.cache
def rentrees() -> list[int]:
    """Return every rentrée with effectifs or capacities, most recent first."""
    frame = db.query(
        "SELECT DISTINCT rentree FROM (SELECT rentree FROM effectifs "
        "UNION SELECT rentree FROM attractivite) ORDER BY rentree DESC"
    )
    return [int(value) for value in frame["rentree"]]


@functools.cache
def rentrees_effectifs() -> list[int]:
    """Return the rentrées of the constat per formation, oldest first."""
    frame = db.query("SELECT DISTINCT rentree FROM effectifs ORDER BY rentree")
    return [int(value) for value in frame["rentree"]]


def derniere_rentree() -> int:
    """Return the most recent rentrée with effectifs or capacities."""
    return rentrees()[0]


@functools.cache
def rentree_par_defaut() -> int:
    """Return the default rentrée of the consoles: the latest with Affelnet capacities.

    The voie professionnelle recruits through Affelnet. A later rentrée known only through
    Parcoursup would show BTS rows alone, so it stays selectable but is not the default.
    """
    value = db.scalar("SELECT max(rentree) FROM attractivite WHERE source = 'affelnet'")
    return int(value) if value is not None else derniere_rentree()


@functools.cache
def millesimes() -> list[str]:
    """Return the InserJeunes millésimes of the regional data, most recent first."""
    frame = db.query(
        "SELECT DISTINCT millesime FROM insertion_regionale ORDER BY millesime DESC"
    )
    return frame["millesime"].tolist()


def dernier_millesime() -> str:
    """Return the most recent InserJeunes millésime of the regional data."""
    return millesimes()[0]


def clear() -> None:
    """Forget the cached lists, e.g. after a rebuild of the warehouse."""
    for function in (
        regions, academies, departements, niveaux, dispositifs, domaines, familles,
        rentrees, rentree_par_defaut, millesimes, rentrees_effectifs,
    ):
        function.cache_clear()
