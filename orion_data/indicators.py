"""The indicator formulas, each written once as a DuckDB SQL aggregate expression.

Every indicator is a ratio of sums over the rows of the group it is computed for
(établissement, département, région or France), never a mean of ratios. A ratio whose
denominator is zero or missing is NULL ("non calculable"), never infinity or NaN.

The expressions name the warehouse columns (docs/warehouse.md); a query selects them with the
GROUP BY of its grain, so the same formula serves every grain.
"""

from __future__ import annotations

from typing import Final

SEUIL_SORTANTS: Final = 20
"""InserJeunes suppression rule: no rate is published when its summed denominator is below 20."""

AFFELNET_CAPACITE_MIN: Final = 5
AFFELNET_CAPACITE_MAX: Final = 500
"""Affelnet capacities outside 5..500 are placeholders (999, 998, 0…) and mean "unknown"."""

PARCOURSUP_CAPACITES_INCONNUES: Final = (0, 999)
"""Parcoursup capacities of 0 or 999 (and blanks) mean "unknown"."""

BANDES_PRESSION: Final = ((None, 0.7, "< 0,7"), (0.7, 1.3, "0,7 – 1,3"), (1.3, None, "≥ 1,3"))
"""Taux de pression bands of the console filter: lower bound included, upper bound excluded."""

NIVEAU_BTS: Final = "320"


class Ratio(str):
    """SQL of a ratio of two sums, which also keeps the two sums.

    A Ratio is the SQL text itself, so it drops into any query. With `components`, a query
    stores both sums per row at a fine grain. With `from_components`, it divides their sums at
    a coarser grain, which gives the same value because a sum of sums is a sum.
    """

    numerator: str
    denominator: str
    threshold: int | None

    def __new__(cls, numerator: str, denominator: str, threshold: int | None = None) -> Ratio:
        if threshold is None:
            text = ratio(numerator, denominator)
        else:
            text = ratio_suppressed(numerator, denominator, threshold)
        instance = super().__new__(cls, text)
        instance.numerator = numerator
        instance.denominator = denominator
        instance.threshold = threshold
        return instance

    def components(self, name: str) -> str:
        """Return the SELECT items `<name>_num` and `<name>_den` holding the two sums."""
        return f"{self.numerator} AS {name}_num, {self.denominator} AS {name}_den"

    def from_components(self, name: str) -> str:
        """Return the same ratio computed over rows that hold `<name>_num` and `<name>_den`."""
        numerator, denominator = f"SUM({name}_num)", f"SUM({name}_den)"
        if self.threshold is None:
            return ratio(numerator, denominator)
        return ratio_suppressed(numerator, denominator, self.threshold)


def ratio(numerator: str, denominator: str) -> str:
    """Return SQL for numerator / denominator, NULL when the denominator is 0 or NULL."""
    return f"(CASE WHEN ({denominator}) > 0 THEN ({numerator})::DOUBLE / ({denominator}) END)"


def ratio_suppressed(numerator: str, denominator: str, threshold: int = SEUIL_SORTANTS) -> str:
    """Return SQL for a ratio published only when its denominator reaches `threshold`."""
    return (
        f"(CASE WHEN ({denominator}) >= {int(threshold)} "
        f"THEN ({numerator})::DOUBLE / ({denominator}) END)"
    )


# --- Effectifs (constat de rentrée, table `effectifs` joined with `mef.annee_entree`) ---------


def effectif_annee(annee: int) -> str:
    """Effectif of year `annee` of the dispositif: Σ effectif where annee_dispositif = annee.

    Source: DEPP constat de rentrée (UAI × MEFSTAT11).
    """
    return f"SUM(effectif) FILTER (WHERE annee_dispositif = {int(annee)})"


def effectif_entree() -> str:
    """Effectif en entrée: Σ effectif of the first year of the diploma proper.

    That year is `mef.annee_entree`: the seconde (year 1) for a bac pro outside a famille de
    métiers, the première (year 2) for a spécialité of a famille, year 2 for a BTS option after
    a common first year, year 1 otherwise. Source: DEPP constat de rentrée.
    """
    return "SUM(effectif) FILTER (WHERE annee_dispositif = annee_entree)"


def nombre_eleves() -> str:
    """Nombre d'élèves: Σ effectif over every year of the dispositif. Source: constat."""
    return "SUM(effectif)"


# --- Attractivité (table `attractivite`) ------------------------------------------------------


def capacite() -> str:
    """Capacité: Σ capacité of the offers whose capacity is known (Affelnet and Parcoursup)."""
    return "SUM(capacite)"


def voeux() -> str:
    """Vœux: Σ vœux (rang 1 for Affelnet, confirmed for Parcoursup) of the offers."""
    return "SUM(voeux)"


def _affelnet_known() -> str:
    return "source = 'affelnet' AND capacite IS NOT NULL"


def _parcoursup_known() -> str:
    return "source = 'parcoursup' AND capacite IS NOT NULL"


def taux_pression() -> Ratio:
    """Taux de pression = Σ vœux de rang 1 / Σ capacité, Affelnet offers of known capacity.

    Never computed for a BTS (Parcoursup): those get the taux de demande. An offer whose
    capacity is unknown (outside 5..500) is left out of both sums. Source: Affelnet.
    """
    known = _affelnet_known()
    return Ratio(
        f"SUM(voeux) FILTER (WHERE {known})",
        f"SUM(capacite) FILTER (WHERE {known})",
    )


def denominateur_pression() -> str:
    """Σ capacité entering the taux de pression: Affelnet offers of known capacity."""
    return f"SUM(capacite) FILTER (WHERE {_affelnet_known()})"


def taux_demande() -> Ratio:
    """Taux de demande = Σ vœux confirmés / Σ capacité, Parcoursup BTS offers of known capacity.

    An offer whose capacity is blank, 0 or 999 is left out of both sums. Source: Parcoursup.
    """
    known = _parcoursup_known()
    return Ratio(
        f"SUM(voeux) FILTER (WHERE {known})",
        f"SUM(capacite) FILTER (WHERE {known})",
    )


def taux_remplissage(
    effectif_column: str = "effectif_entree", capacite_column: str = "capacite"
) -> Ratio:
    """Taux de remplissage = Σ effectif en entrée / Σ capacité, same rentrée, both known.

    Only the rows (offers or établissements) where both the effectif en entrée and the
    capacité are known for the same rentrée enter either sum.
    """
    both = f"{effectif_column} IS NOT NULL AND {capacite_column} IS NOT NULL"
    return Ratio(
        f"SUM({effectif_column}) FILTER (WHERE {both})",
        f"SUM({capacite_column}) FILTER (WHERE {both})",
    )


def denominateur_remplissage(
    effectif_column: str = "effectif_entree", capacite_column: str = "capacite"
) -> str:
    """Σ capacité entering the taux de remplissage: rows where both terms are known."""
    both = f"{effectif_column} IS NOT NULL AND {capacite_column} IS NOT NULL"
    return f"SUM({capacite_column}) FILTER (WHERE {both})"


def bande_pression(column: str = "taux_pression") -> str:
    """Taux de pression band label, NULL when the taux is not computable."""
    return (
        f"(CASE WHEN {column} IS NULL THEN NULL "
        f"WHEN {column} < 0.7 THEN '< 0,7' "
        f"WHEN {column} < 1.3 THEN '0,7 – 1,3' "
        f"ELSE '≥ 1,3' END)"
    )


# --- InserJeunes (table `insertion_regionale`) ------------------------------------------------


def _both_known(numerator: str, denominator: str) -> str:
    return f"{numerator} IS NOT NULL AND {denominator} IS NOT NULL"


def taux_emploi(mois: int = 6) -> Ratio:
    """Taux d'emploi à `mois` mois = Σ en emploi / Σ sortants; suppressed below 20 sortants.

    Source: InserJeunes (DEPP / DARES), per région × formation × voie × millésime.
    """
    if mois not in (6, 12, 18, 24):
        raise ValueError(f"InserJeunes publishes 6, 12, 18 and 24 months, not {mois}")
    numerator = f"nb_en_emploi_{mois}_mois"
    known = _both_known(numerator, "nb_sortant")
    return Ratio(
        f"SUM({numerator}) FILTER (WHERE {known})",
        f"SUM(nb_sortant) FILTER (WHERE {known})",
        SEUIL_SORTANTS,
    )


def denominateur_emploi(mois: int = 6) -> str:
    """Σ sortants entering the taux d'emploi à `mois` mois."""
    numerator = f"nb_en_emploi_{int(mois)}_mois"
    return f"SUM(nb_sortant) FILTER (WHERE {_both_known(numerator, 'nb_sortant')})"


def taux_poursuite() -> Ratio:
    """Taux de poursuite d'études = Σ en poursuite / Σ effectif de sortie (final year).

    Suppressed when Σ effectif de sortie is below 20. Source: InserJeunes.
    """
    known = _both_known("nb_poursuite_etudes", "nb_annee_term")
    return Ratio(
        f"SUM(nb_poursuite_etudes) FILTER (WHERE {known})",
        f"SUM(nb_annee_term) FILTER (WHERE {known})",
        SEUIL_SORTANTS,
    )


def denominateur_poursuite() -> str:
    """Σ effectif de sortie entering the taux de poursuite d'études."""
    return f"SUM(nb_annee_term) FILTER (WHERE {_both_known('nb_poursuite_etudes', 'nb_annee_term')})"


# A row enters the taux de devenir favorable when its final-year and poursuite counts are
# known and its employment count is known, or moot because every pupil went on studying:
# the source then leaves nb_sortant and the employment counts blank (165 rows of
# ij_region_data.csv), and those pupils count as favourable.
_FAVORABLE_KNOWN: Final = (
    "nb_poursuite_etudes IS NOT NULL AND nb_annee_term IS NOT NULL "
    "AND (nb_en_emploi_6_mois IS NOT NULL OR nb_poursuite_etudes = nb_annee_term)"
)


def taux_devenir_favorable() -> Ratio:
    """Taux de devenir favorable = (Σ en poursuite + Σ en emploi à 6 mois) / Σ effectif de sortie.

    Over the rows whose counts are known; an employment count is moot when every pupil went
    on studying. Suppressed below 20 in the denominator. Source: InserJeunes.
    """
    known = _FAVORABLE_KNOWN
    return Ratio(
        f"SUM(nb_poursuite_etudes + COALESCE(nb_en_emploi_6_mois, 0)) FILTER (WHERE {known})",
        f"SUM(nb_annee_term) FILTER (WHERE {known})",
        SEUIL_SORTANTS,
    )


def denominateur_devenir_favorable() -> str:
    """Σ effectif de sortie entering the taux de devenir favorable."""
    return f"SUM(nb_annee_term) FILTER (WHERE {_FAVORABLE_KNOWN})"


def devenir_favorable_etablissement() -> str:
    """Taux de devenir favorable of one row of `insertion_etablissement`, in whole percent.

    = part en poursuite d'études + part en emploi à 6 mois, both as published by the DEPP
    (the source gives no counts per établissement). NULL when either part is not published,
    as in the millésimes before 2020_2021.
    """
    return "(part_poursuite_etudes + part_emploi_6_mois)"


def insertion_columns(prefix: str = "") -> str:
    """Return the SELECT list of every InserJeunes rate with its denominator."""
    return ",\n".join(
        [
            f"{taux_emploi(6)} AS {prefix}taux_emploi_6_mois",
            f"{denominateur_emploi(6)} AS {prefix}nb_sortants",
            f"{taux_emploi(12)} AS {prefix}taux_emploi_12_mois",
            f"{taux_emploi(18)} AS {prefix}taux_emploi_18_mois",
            f"{taux_emploi(24)} AS {prefix}taux_emploi_24_mois",
            f"{taux_poursuite()} AS {prefix}taux_poursuite",
            f"{denominateur_poursuite()} AS {prefix}nb_annee_term",
            f"{taux_devenir_favorable()} AS {prefix}taux_devenir_favorable",
        ]
    )


def quadrant(emploi: str, poursuite: str, moyenne_emploi: str, moyenne_poursuite: str) -> str:
    """Quadrant of a formation against the regional means of its niveau de diplôme.

    Q1: emploi ≥ mean and poursuite ≥ mean; Q2: emploi ≥ and poursuite <; Q3: emploi < and
    poursuite ≥; Q4: both below. NULL ("hors quadrant") only when a rate or a mean is
    missing: a rate of 0 is a value and is placed.
    """
    return (
        f"(CASE WHEN {emploi} IS NULL OR {poursuite} IS NULL "
        f"OR {moyenne_emploi} IS NULL OR {moyenne_poursuite} IS NULL THEN NULL "
        f"WHEN {emploi} >= {moyenne_emploi} AND {poursuite} >= {moyenne_poursuite} THEN 'Q1' "
        f"WHEN {emploi} >= {moyenne_emploi} THEN 'Q2' "
        f"WHEN {poursuite} >= {moyenne_poursuite} THEN 'Q3' "
        f"ELSE 'Q4' END)"
    )


# --- Time keys --------------------------------------------------------------------------------


def millesime_for_rentree(rentree: int) -> str:
    """Return the InserJeunes millésime shown with rentrée N: the leavers of (N-2)_(N-1)."""
    return f"{rentree - 2}_{rentree - 1}"


def rentree_for_millesime(millesime: str) -> int:
    """Return the rentrée whose pages show `millesime` (inverse of millesime_for_rentree)."""
    return int(millesime.split("_")[1]) + 1
