"""The SQLite schema of the store, as ordered migrations.

Each entry of MIGRATIONS runs once, in order, inside the start-up transaction, and its
number is then recorded in `schema_version`. Add a migration at the end to change the
schema, never edit a released one.

Demand, campaign, avis, login and audit tables are append-only, and triggers reject any
UPDATE or DELETE on them. `demandes_vivantes` is the exception. It is an index of the live
demands that the UNIQUE constraint uses to reject a second live demand on the same
campaign, UAI, CFD, dispositif and rentrée. A row leaves it when its demand is soft-deleted
or re-keyed, but that demand's history stays whole in `demande_versions`. `utilisateurs`
and `sessions` update their status columns, and each account change also appends a row
to `utilisateur_evenements`.
"""

from __future__ import annotations

from typing import Final

_APPEND_ONLY: Final = (
    "campagnes",
    "campagnes_regionales",
    "demandes",
    "demande_versions",
    "transitions",
    "avis",
    "utilisateur_evenements",
    "connexions",
    "verrous",
)


def _append_only_triggers() -> str:
    statements = []
    for table in _APPEND_ONLY:
        for event in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
            )
    return "\n".join(statements)


_V1: Final = """
CREATE TABLE campagnes (
    annee INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    date_debut TEXT NOT NULL,
    date_fin TEXT NOT NULL,
    statut TEXT NOT NULL CHECK (statut IN ('en_attente', 'en_cours', 'terminee')),
    enregistre_par TEXT NOT NULL,
    enregistre_le TEXT NOT NULL,
    PRIMARY KEY (annee, version)
);

CREATE TABLE campagnes_regionales (
    annee INTEGER NOT NULL,
    code_region TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    date_debut TEXT NOT NULL,
    date_fin TEXT NOT NULL,
    date_vote TEXT,
    saisie_perdir INTEGER NOT NULL CHECK (saisie_perdir IN (0, 1)),
    enregistre_par TEXT NOT NULL,
    enregistre_le TEXT NOT NULL,
    PRIMARY KEY (annee, code_region, version)
);

CREATE TABLE demandes (
    id INTEGER PRIMARY KEY,
    numero TEXT NOT NULL UNIQUE,
    annee_campagne INTEGER NOT NULL,
    code_region TEXT NOT NULL,
    demande_origine_id INTEGER REFERENCES demandes (id),
    cree_par TEXT NOT NULL,
    cree_le TEXT NOT NULL
);

CREATE TABLE demande_versions (
    demande_id INTEGER NOT NULL REFERENCES demandes (id),
    version INTEGER NOT NULL CHECK (version >= 1),
    statut TEXT NOT NULL,
    uai TEXT NOT NULL,
    cfd TEXT NOT NULL,
    dispositif TEXT NOT NULL,
    rentree INTEGER NOT NULL,
    type_demande TEXT NOT NULL,
    code_region TEXT NOT NULL,
    code_academie TEXT NOT NULL,
    code_departement TEXT NOT NULL,
    champs TEXT NOT NULL,
    motif_refus TEXT NOT NULL DEFAULT '',
    cle_idempotence TEXT NOT NULL UNIQUE,
    enregistre_par TEXT NOT NULL,
    enregistre_le TEXT NOT NULL,
    PRIMARY KEY (demande_id, version)
);
CREATE INDEX demande_versions_region ON demande_versions (code_region, statut);
CREATE INDEX demande_versions_uai ON demande_versions (uai);

CREATE TABLE demandes_vivantes (
    demande_id INTEGER PRIMARY KEY REFERENCES demandes (id),
    annee_campagne INTEGER NOT NULL,
    uai TEXT NOT NULL,
    cfd TEXT NOT NULL,
    dispositif TEXT NOT NULL,
    rentree INTEGER NOT NULL,
    UNIQUE (annee_campagne, uai, cfd, dispositif, rentree)
);

CREATE TABLE transitions (
    id INTEGER PRIMARY KEY,
    demande_id INTEGER NOT NULL REFERENCES demandes (id),
    version INTEGER NOT NULL,
    de_statut TEXT,
    vers_statut TEXT NOT NULL,
    par TEXT NOT NULL,
    le TEXT NOT NULL,
    commentaire TEXT NOT NULL DEFAULT ''
);
CREATE INDEX transitions_demande ON transitions (demande_id);

CREATE TABLE avis (
    id INTEGER PRIMARY KEY,
    demande_id INTEGER NOT NULL REFERENCES demandes (id),
    type_avis TEXT NOT NULL CHECK (type_avis IN ('prealable', 'consultatif', 'final')),
    sens TEXT NOT NULL CHECK (sens IN ('favorable', 'defavorable', 'reserve')),
    commentaire TEXT NOT NULL,
    restreint INTEGER NOT NULL CHECK (restreint IN (0, 1)),
    par TEXT NOT NULL,
    le TEXT NOT NULL
);
CREATE INDEX avis_demande ON avis (demande_id);

CREATE TABLE utilisateurs (
    username TEXT PRIMARY KEY,
    nom TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    code_region TEXT,
    uais TEXT NOT NULL DEFAULT '[]',
    actif INTEGER NOT NULL DEFAULT 1 CHECK (actif IN (0, 1)),
    password_hash TEXT,
    cree_le TEXT NOT NULL,
    modifie_le TEXT NOT NULL
);

CREATE TABLE utilisateur_evenements (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL,
    par TEXT NOT NULL,
    le TEXT NOT NULL
);

CREATE TABLE connexions (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    reussie INTEGER NOT NULL CHECK (reussie IN (0, 1)),
    le TEXT NOT NULL
);
CREATE INDEX connexions_username ON connexions (username, id);

CREATE TABLE verrous (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    debut TEXT NOT NULL,
    fin TEXT NOT NULL
);
CREATE INDEX verrous_username ON verrous (username, id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    cree_le TEXT NOT NULL,
    expire_le TEXT NOT NULL,
    revoquee_le TEXT
);
CREATE INDEX sessions_username ON sessions (username);
"""

# Version 2: the idempotency key of the avis form, so a form submitted twice stores one avis.
# Avis given before it have no key, and SQLite's UNIQUE lets several rows be NULL.
_V2: Final = """
ALTER TABLE avis ADD COLUMN cle_idempotence TEXT;
CREATE UNIQUE INDEX avis_cle_idempotence ON avis (cle_idempotence);
"""

MIGRATIONS: Final[tuple[str, ...]] = (_V1 + _append_only_triggers(), _V2)
