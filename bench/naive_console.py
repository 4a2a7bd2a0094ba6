"""A naive pandas baseline of the console formations, without the warehouse.

Each call re-reads the raw CSV files and computes, per formation (CFD × dispositif) of one
territory, the taux de pression of the Affelnet offers and the taux d'emploi à 6 mois of the
InserJeunes scolaire rows. It follows the rules of the warehouse build and of
`orion_data.indicators`, so its values can be checked against `orion_data.console`:

- Duplicate offers (UAI × MEFSTAT11) are summed first. A blank in any summed row makes the
  sum blank, and a summed capacity outside 5..500 is unknown.
- Taux de pression = Σ vœux / Σ capacité over the offers of known capacity.
- Taux d'emploi = Σ en emploi à 6 mois / Σ sortants over the rows where both are known, for
  the InserJeunes millésime (N-2)_(N-1) of rentrée N, in the région of the territory (all
  régions for France), suppressed when Σ sortants is below 20.
- A UAI's département comes from its first three characters (`620` → `02A`, `720` → `02B`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pandas as pd

from orion_data import indicators
from orion_data.paths import RAW_DIR

_TJP: Final = "tjp-pilotage"
# UAI prefixes that differ from the INSEE code of their département or collectivité.
_UAI_PREFIXES: Final = {"620": "02A", "720": "02B", "983": "988", "984": "987", "987": "986"}


def _read_csv(path: Path, encoding: str = "utf-8-sig") -> pd.DataFrame:
    # Every code keeps its leading zeros, so every column is read as text.
    return pd.read_csv(path, sep=";", dtype=str, encoding=encoding, keep_default_na=False)


def _numbers(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column.replace("", None), errors="raise").astype("Float64")


def _read_mef(raw_dir: Path) -> pd.DataFrame:
    """Return MEFSTAT11 → CFD and dispositif, keeping the MEF opened last when listed twice."""
    mef = _read_csv(raw_dir / _TJP / "nMef.csv")
    mef["opened"] = pd.to_datetime(mef["DATE_OUVERTURE"], format="%d/%m/%Y", errors="coerce")
    mef = mef.sort_values("opened").drop_duplicates("MEF_STAT_11", keep="last")
    return mef.rename(
        columns={
            "MEF_STAT_11": "mefstat11",
            "FORMATION_DIPLOME": "cfd",
            "DISPOSITIF_FORMATION": "dispositif",
        }
    )[["mefstat11", "cfd", "dispositif"]]


def _read_departements(raw_dir: Path) -> pd.DataFrame:
    frame = _read_csv(raw_dir / _TJP / "departements_academies_regions.csv")
    frame = frame[frame["codeDepartement"] != ""]
    names = {"codeDepartement": "code_departement", "codeRegion": "code_region"}
    return frame.rename(columns=names)


def _read_offers(raw_dir: Path, rentree: int, mef: pd.DataFrame) -> pd.DataFrame:
    """Return the Affelnet offers of a rentrée, duplicates summed, with CFD and dispositif."""
    raw = _read_csv(raw_dir / _TJP / str(rentree) / f"attractivite_capacite_{rentree}.csv")
    offers = pd.DataFrame(
        {
            "uai": raw["Etablissement d'accueil"].str.upper(),
            "mefstat11": raw["MEF STAT 11"],
            "capacite": _numbers(raw["Capacité carte scolaire"]),
            "voeux": _numbers(raw["Demandes vœux 1"]),
        }
    )
    grouped = offers.groupby(["uai", "mefstat11"])
    summed = grouped[["capacite", "voeux"]].sum()
    rows = grouped.size()
    # A blank in any of the summed rows leaves the sum blank.
    for column in ("capacite", "voeux"):
        summed.loc[grouped[column].count() < rows, column] = pd.NA
    known = summed["capacite"].between(
        indicators.AFFELNET_CAPACITE_MIN, indicators.AFFELNET_CAPACITE_MAX
    )
    summed["capacite"] = summed["capacite"].where(known)
    summed = summed.reset_index()

    prefix = summed["uai"].str[:3]
    summed["code_departement"] = prefix.map(_UAI_PREFIXES).fillna(prefix)
    return summed.merge(mef, on="mefstat11", how="inner")


def _pression(offers: pd.DataFrame) -> pd.Series:
    # Offers of unknown capacity enter neither sum but keep their formation in the index.
    known = offers["capacite"].notna()
    terms = pd.DataFrame({"voeux": offers["voeux"].where(known), "capacite": offers["capacite"]})
    sums = terms.groupby([offers["cfd"], offers["dispositif"]]).sum()
    rate = sums["voeux"] / sums["capacite"]
    return rate.where(sums["capacite"] > 0).rename("taux_pression")


def _emploi(raw_dir: Path, rentree: int, code_region: str | None, mef: pd.DataFrame) -> pd.Series:
    raw = _read_csv(raw_dir / "tjp-pilotage-history" / "ij_region_data.csv")
    rows = raw[
        (raw["millesime"] == indicators.millesime_for_rentree(rentree))
        & (raw["voie"] == "scolaire")
    ]
    if code_region is not None:
        rows = rows[rows["code_region"] == code_region]
    rows = rows.merge(mef, on="mefstat11", how="inner", suffixes=("_raw", ""))
    emploi = _numbers(rows["nb_en_emploi_6_mois"])
    sortants = _numbers(rows["nb_sortant"])
    both = emploi.notna() & sortants.notna()
    sums = pd.DataFrame(
        {"emploi": emploi.where(both), "sortants": sortants.where(both)}
    ).groupby([rows["cfd"], rows["dispositif"]]).sum()
    rate = sums["emploi"] / sums["sortants"]
    return rate.where(sums["sortants"] >= indicators.SEUIL_SORTANTS).rename("taux_emploi_6_mois")


def naive_formations(
    rentree: int,
    code_region: str | None = None,
    code_departement: str | None = None,
    raw_dir: Path = RAW_DIR,
) -> pd.DataFrame:
    """Return taux_pression and taux_emploi_6_mois per CFD × dispositif of a territory.

    Give a région, a département or neither (France). Rows are the formations with an
    Affelnet offer in the territory.
    """
    mef = _read_mef(raw_dir)
    departements = _read_departements(raw_dir)
    offers = _read_offers(raw_dir, rentree, mef)

    insertion_region = code_region
    if code_departement is not None:
        offers = offers[offers["code_departement"] == code_departement]
        match = departements.loc[departements["code_departement"] == code_departement]
        insertion_region = match["code_region"].iloc[0]
    elif code_region is not None:
        in_region = departements.loc[departements["code_region"] == code_region]
        offers = offers[offers["code_departement"].isin(in_region["code_departement"])]

    pression = _pression(offers)
    emploi = _emploi(raw_dir, rentree, insertion_region, mef)
    return pression.to_frame().join(emploi, how="left").reset_index()
