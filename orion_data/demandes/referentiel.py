"""Look-ups of établissements, formations and capacities that demands are checked against.

`Referentiel` is the interface. `WarehouseReferentiel` reads the warehouse through
`orion_data.db`, and `MemoryReferentiel` contains a few rows for tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final, Protocol

import pandas as pd

from orion_data import db
from orion_data.demandes.model import Territoire, Voie

# Niveaux de diplôme (first 3 characters of a CFD) of the vocational diplomas a demand may
# concern: CAP, CAPA, bac pro, bac pro agricole, BMA, BP, BTS, BTSA, DMA, mention
# complémentaire, certificats de spécialisation and FCIL. Codes from the BCN table
# N_NIVEAU_FORMATION_DIPLOME.
VOCATIONAL_NIVEAUX: Final = frozenset(
    {"500", "503", "400", "403", "401", "450", "320", "323", "321", "010", "461", "561"}
    | {"381", "481", "581"}
)
# Formations complémentaires d'initiative locale: their demands need the local FCIL label.
FCIL_NIVEAUX: Final = frozenset({"381", "481", "581"})


@dataclass(frozen=True)
class Etablissement:
    uai: str
    libelle: str
    territoire: Territoire


@dataclass(frozen=True)
class Formation:
    cfd: str
    libelle: str
    niveau_diplome: str
    date_fermeture: date | None = None

    @property
    def is_vocational(self) -> bool:
        return self.niveau_diplome in VOCATIONAL_NIVEAUX

    @property
    def is_fcil(self) -> bool:
        return self.niveau_diplome in FCIL_NIVEAUX

    def is_open_at(self, rentree: int) -> bool:
        """Return whether the diploma still exists at the September rentrée of `rentree`."""
        return self.date_fermeture is None or self.date_fermeture >= date(rentree, 9, 1)


@dataclass(frozen=True)
class Libelles:
    """Names by UAI and by CFD, for lists that show codes. A code without a name is absent."""

    etablissements: dict[str, str]
    formations: dict[str, str]


class Referentiel(Protocol):
    def etablissement(self, uai: str) -> Etablissement | None: ...

    def formation(self, cfd: str) -> Formation | None: ...

    def dispositifs(self, cfd: str) -> frozenset[str]:
        """Return the dispositif codes of the MEFs of this CFD."""
        ...

    def capacite(self, uai: str, cfd: str, dispositif: str, voie: Voie) -> int | None:
        """Return the capacity of the offer at its latest known rentrée, None if unknown."""
        ...

    def search_etablissements(
        self, text: str, code_region: str | None, uais: Iterable[str] | None, limit: int
    ) -> list[Etablissement]:
        """Return établissements whose UAI or name contains `text`, within a région or UAIs."""
        ...

    def libelles(self, uais: Iterable[str], cfds: Iterable[str]) -> Libelles:
        """Return the names of the given établissements and formations, in one call each."""
        ...

    def search_formations(self, text: str, limit: int) -> list[Formation]:
        """Return open vocational formations whose CFD or name contains `text`."""
        ...


@dataclass
class MemoryReferentiel:
    """A referentiel held in memory, filled by tests with a few synthetic rows."""

    etablissements: dict[str, Etablissement] = field(default_factory=dict)
    formations: dict[str, Formation] = field(default_factory=dict)
    dispositifs_par_cfd: dict[str, frozenset[str]] = field(default_factory=dict)
    capacites: dict[tuple[str, str, str, Voie], int] = field(default_factory=dict)

    def etablissement(self, uai: str) -> Etablissement | None:
        return self.etablissements.get(uai)

    def formation(self, cfd: str) -> Formation | None:
        return self.formations.get(cfd)

    def dispositifs(self, cfd: str) -> frozenset[str]:
        return self.dispositifs_par_cfd.get(cfd, frozenset())

    def capacite(self, uai: str, cfd: str, dispositif: str, voie: Voie) -> int | None:
        return self.capacites.get((uai, cfd, dispositif, voie))

    def search_etablissements(
        self, text: str, code_region: str | None, uais: Iterable[str] | None, limit: int
    ) -> list[Etablissement]:
        allowed = set(uais) if uais is not None else None
        needle = text.casefold()
        found = [
            e
            for e in self.etablissements.values()
            if (code_region is None or e.territoire.code_region == code_region)
            and (allowed is None or e.uai in allowed)
            and (needle in e.uai.casefold() or needle in e.libelle.casefold())
        ]
        return sorted(found, key=lambda e: e.uai)[:limit]

    def libelles(self, uais: Iterable[str], cfds: Iterable[str]) -> Libelles:
        return Libelles(
            {uai: self.etablissements[uai].libelle for uai in uais if uai in self.etablissements},
            {cfd: self.formations[cfd].libelle for cfd in cfds if cfd in self.formations},
        )

    def search_formations(self, text: str, limit: int) -> list[Formation]:
        needle = text.casefold()
        found = [
            f
            for f in self.formations.values()
            if f.is_vocational
            and f.date_fermeture is None
            and (needle in f.cfd.casefold() or needle in f.libelle.casefold())
        ]
        return sorted(found, key=lambda f: f.cfd)[:limit]


class WarehouseReferentiel:
    """A referentiel read from the warehouse tables through `orion_data.db`.

    `folder` is the warehouse folder, `orion_data.paths.warehouse_dir()` when None.
    """

    def __init__(self, folder: Path | None = None):
        self.folder = folder

    def _query(self, sql: str, params: list) -> pd.DataFrame:
        return db.query(sql, params, folder=self.folder)

    def etablissement(self, uai: str) -> Etablissement | None:
        rows = self._query(
            "SELECT uai, libelle, code_region, code_academie, code_departement "
            "FROM etablissements WHERE uai = ? LIMIT 1",
            [uai],
        )
        if rows.empty:
            return None
        return _etablissement(rows.iloc[0])

    def formation(self, cfd: str) -> Formation | None:
        rows = self._query(
            "SELECT cfd, libelle, niveau_diplome, CAST(date_fermeture AS DATE) AS date_fermeture "
            "FROM formations WHERE cfd = ? LIMIT 1",
            [cfd],
        )
        if rows.empty:
            return None
        return _formation(rows.iloc[0])

    def dispositifs(self, cfd: str) -> frozenset[str]:
        rows = self._query("SELECT DISTINCT dispositif FROM mef WHERE cfd = ?", [cfd])
        return frozenset(str(d) for d in rows["dispositif"] if d is not None)

    def capacite(self, uai: str, cfd: str, dispositif: str, voie: Voie) -> int | None:
        # NOTE: the capacity is summed over the MEFSTAT11 of the offer at its latest rentrée
        # with a known capacity. An offer listed under several MEFs of the same entry year
        # would then be counted once per MEF, which has not been checked on the real files.
        value = db.scalar(
            "SELECT SUM(capacite) FROM attractivite "
            "WHERE uai = ? AND cfd = ? AND dispositif = ? AND voie = ? AND rentree = ("
            "  SELECT MAX(rentree) FROM attractivite"
            "  WHERE uai = ? AND cfd = ? AND dispositif = ? AND voie = ?"
            "  AND capacite IS NOT NULL)",
            [uai, cfd, dispositif, voie.value] * 2,
            folder=self.folder,
        )
        return None if value is None else int(value)

    def search_etablissements(
        self, text: str, code_region: str | None, uais: Iterable[str] | None, limit: int
    ) -> list[Etablissement]:
        sql = (
            "SELECT uai, libelle, code_region, code_academie, code_departement "
            "FROM etablissements "
            "WHERE (uai ILIKE '%' || ? || '%' OR libelle ILIKE '%' || ? || '%')"
        )
        params: list = [text, text]
        if code_region is not None:
            sql += " AND code_region = ?"
            params.append(code_region)
        if uais is not None:
            sql += " AND list_contains(?, uai)"
            params.append(list(uais))
        sql += " ORDER BY uai LIMIT ?"
        params.append(int(limit))
        return [_etablissement(row) for _, row in self._query(sql, params).iterrows()]

    def libelles(self, uais: Iterable[str], cfds: Iterable[str]) -> Libelles:
        etablissements = self._query(
            "SELECT uai, libelle FROM etablissements WHERE list_contains(?, uai)",
            [sorted(set(uais))],
        )
        formations = self._query(
            "SELECT cfd, libelle FROM formations WHERE list_contains(?, cfd)", [sorted(set(cfds))]
        )
        return Libelles(
            dict(zip(etablissements["uai"], etablissements["libelle"], strict=True)),
            dict(zip(formations["cfd"], formations["libelle"], strict=True)),
        )

    def search_formations(self, text: str, limit: int) -> list[Formation]:
        rows = self._query(
            "SELECT cfd, libelle, niveau_diplome, CAST(date_fermeture AS DATE) AS date_fermeture "
            "FROM formations "
            "WHERE (cfd ILIKE '%' || ? || '%' OR libelle ILIKE '%' || ? || '%') "
            "AND date_fermeture IS NULL AND list_contains(?, niveau_diplome) "
            "ORDER BY cfd LIMIT ?",
            [text, text, sorted(VOCATIONAL_NIVEAUX), int(limit)],
        )
        return [_formation(row) for _, row in rows.iterrows()]


def _etablissement(row) -> Etablissement:
    territoire = Territoire(
        code_region=str(row["code_region"]),
        code_academie=str(row["code_academie"]),
        code_departement=str(row["code_departement"]),
    )
    return Etablissement(uai=str(row["uai"]), libelle=str(row["libelle"]), territoire=territoire)


def _formation(row) -> Formation:
    closing = row["date_fermeture"]
    return Formation(
        cfd=str(row["cfd"]),
        libelle=str(row["libelle"]),
        niveau_diplome=str(row["niveau_diplome"]),
        date_fermeture=None if pd.isna(closing) else pd.Timestamp(closing).date(),
    )
