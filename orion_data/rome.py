"""The ROME catalogue: métiers found by name or code, and the DARES tension data over time.

The ROME fiches come from France Travail. The DARES publishes the national tension indicator
per FAP family and year (2011–2019, table `tensions_evolution`).
"""

from __future__ import annotations

import pandas as pd

from orion_data import db


def rechercher_metiers(texte: str, limite: int = 50) -> pd.DataFrame:
    """Return the ROME métiers whose name contains every word of `texte`, or whose code
    starts with it, sorted by name. Accents and case are ignored, and an empty text matches
    every métier.
    """
    mots = texte.split()
    return db.query(
        """
        SELECT code_rome, libelle_rome, libelle_domaine_professionnel
        FROM rome
        WHERE len($mots::VARCHAR[]) = 0
           OR list_bool_and(list_transform($mots::VARCHAR[], lambda mot:
                  contains(strip_accents(lower(libelle_rome)), strip_accents(lower(mot)))))
           OR starts_with(code_rome, upper($texte))
        ORDER BY libelle_rome, code_rome
        LIMIT $limite
        """,
        {"mots": mots, "texte": texte.strip(), "limite": int(limite)},
    )


def evolution_tension(code_rome: str) -> pd.DataFrame:
    """Return the national tension indicator of each FAP family of a ROME code, 2011–2019."""
    return db.query(
        """
        SELECT e.fap, e.annee, e.tension
        FROM fap_rome fr JOIN tensions_evolution e ON e.fap = fr.fap
        WHERE fr.code_rome = ?
        ORDER BY e.fap, e.annee
        """,
        [code_rome],
    )


def annee_tension() -> int | None:
    """Return the year of the DARES tension indicators in the warehouse."""
    return db.scalar("SELECT max(annee) FROM tensions")
