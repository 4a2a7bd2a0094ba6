"""The SQLite store: schema, append-only versions, duplicates and idempotency."""

from __future__ import annotations

import sqlite3

import pytest
from factories import ADMIN, BAC_PRO, UAI, create, form, move

from orion_data.auth.model import Role, User
from orion_data.demandes import queries, service
from orion_data.demandes.model import Statut
from orion_data.errors import Conflict, DuplicateDemand
from orion_data.store.migrations import MIGRATIONS
from orion_data.store.sqlite import SqliteStore


def test_schema_created_at_last_version(store):
    assert store.schema_version() == len(MIGRATIONS)


def test_reopening_keeps_schema(store, tmp_path):
    reopened = SqliteStore(tmp_path / "orion.sqlite")
    assert reopened.schema_version() == len(MIGRATIONS)
    reopened.close()


def test_version_1_file_migrates_with_its_avis(tmp_path):
    path = tmp_path / "ancien.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
        + MIGRATIONS[0]
        + "INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00.000000Z');"
        "INSERT INTO avis (demande_id, type_avis, sens, commentaire, restreint, par, le) "
        "VALUES (1, 'final', 'favorable', 'avant la clé', 0, 'admin', "
        "'2026-01-01T00:00:00.000000Z');"
    )
    connection.commit()
    connection.close()

    migrated = SqliteStore(path)
    assert migrated.schema_version() == len(MIGRATIONS)
    assert [avis.commentaire for avis in migrated.list_avis(1)] == ["avant la clé"]
    migrated.close()


def test_wal_and_full_sync(store):
    connection = store._connection()
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2


def test_numero_readable_and_unique(store, referentiel, campagne):
    first = create(store, referentiel)
    second = create(store, referentiel, cfd="50022135", dispositif="241")
    assert first.numero == "2026-11-00001"
    assert second.numero == "2026-11-00002"


def test_stored_fields_round_trip(store, referentiel, campagne):
    created = create(store, referentiel, observations="Atelier <b>neuf</b>")
    loaded = store.get_demande(created.id)
    assert loaded == created
    assert loaded.champs.observations == "Atelier <b>neuf</b>"
    assert loaded.champs.capacites.scolaire_future == 30


def test_duplicate_names_existing(store, referentiel, campagne):
    first = create(store, referentiel)
    with pytest.raises(DuplicateDemand) as raised:
        create(store, referentiel)
    assert raised.value.numero == first.numero
    assert first.numero in str(raised.value)


def test_duplicate_rejected_by_database(store, referentiel, campagne):
    first = create(store, referentiel)
    with store.write() as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute(
            "INSERT INTO demandes_vivantes (demande_id, annee_campagne, uai, cfd, dispositif, "
            "rentree) VALUES (?, 2026, ?, ?, '247', 2027)",
            (first.id + 1000, UAI, BAC_PRO),
        )


def test_other_rentree_not_duplicate(store, referentiel, campagne):
    create(store, referentiel)
    other = create(store, referentiel, rentree="2028")
    assert other.champs.rentree == 2028


def test_soft_delete_frees_key(store, referentiel, campagne):
    first = create(store, referentiel)
    move(store, first, Statut.SUPPRIMEE)
    again = create(store, referentiel)
    assert again.id != first.id


def test_edit_onto_live_key_rejected(store, referentiel, campagne):
    first = create(store, referentiel)
    second = create(store, referentiel, rentree="2028")
    with pytest.raises(DuplicateDemand) as raised:
        service.update_demande(
            store, referentiel, ADMIN, second.id, second.version, form(), service.new_form_key()
        )
    assert raised.value.numero == first.numero


def test_same_key_returns_same_demand(store, referentiel, campagne):
    key = service.new_form_key()
    first = service.create_demande(store, referentiel, ADMIN, form(), key)
    second = service.create_demande(store, referentiel, ADMIN, form(), key)
    assert second.id == first.id
    assert len(queries.list_demandes(store, ADMIN)) == 1


def test_same_key_edit_stores_one_version(store, referentiel, campagne):
    created = create(store, referentiel)
    key = service.new_form_key()
    edited = form(capacite_scolaire_future="32")
    for _ in range(2):
        service.update_demande(store, referentiel, ADMIN, created.id, 1, edited, key)
    assert len(store.list_versions(created.id)) == 2


def test_edit_appends_version(store, referentiel, campagne):
    created = create(store, referentiel)
    edited = service.update_demande(
        store,
        referentiel,
        ADMIN,
        created.id,
        created.version,
        form(capacite_scolaire_future="36"),
        service.new_form_key(),
    )
    versions = store.list_versions(created.id)
    assert edited.version == 2
    assert [v.champs.capacites.scolaire_future for v in versions] == [30, 36]
    assert queries.list_demandes(store, ADMIN)[0].version == 2


def test_stale_version_conflict(store, referentiel, campagne):
    created = create(store, referentiel)
    move(store, created, Statut.DOSSIER_COMPLET)
    with pytest.raises(Conflict):
        service.update_demande(
            store, referentiel, ADMIN, created.id, 1, form(), service.new_form_key()
        )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE demande_versions SET statut = 'brouillon'",
        "DELETE FROM demande_versions",
        "DELETE FROM demandes",
        "UPDATE transitions SET par = 'x'",
        "DELETE FROM avis",
        "DELETE FROM campagnes",
        "UPDATE campagnes_regionales SET saisie_perdir = 0",
        "DELETE FROM verrous",
        "DELETE FROM connexions",
        "DELETE FROM utilisateur_evenements",
    ],
)
def test_append_only_tables(store, referentiel, campagne, statement):
    created = create(store, referentiel)
    store.insert_lock("someone", store.now())
    service.give_avis(store, ADMIN, created.id, "prealable", "favorable",
        cle=service.new_form_key(),
    )
    store.record_login("someone", success=False)
    store.insert_user(User("someone", Role.PILOTE), None, "test")
    with store.write() as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute(statement)


def test_soft_delete_keeps_history(store, referentiel, campagne):
    created = create(store, referentiel)
    move(store, created, Statut.SUPPRIMEE)
    assert [v.statut for v in store.list_versions(created.id)] == [
        Statut.PROPOSITION,
        Statut.SUPPRIMEE,
    ]


def test_avis_same_key_stored_once(store, referentiel, campagne):
    created = create(store, referentiel)
    first = service.give_avis(store, ADMIN, created.id, "final", "favorable", cle="avis-form")
    second = service.give_avis(store, ADMIN, created.id, "final", "favorable", cle="avis-form")
    assert second.id == first.id
    assert len(store.list_avis(created.id)) == 1


def test_avis_key_of_other_user_rejected(store, referentiel, campagne):
    created = create(store, referentiel)
    service.give_avis(store, ADMIN, created.id, "final", "favorable", cle="avis-form")
    other = User("admin.bis", Role.ADMIN)
    with pytest.raises(Conflict):
        service.give_avis(store, other, created.id, "final", "reserve", cle="avis-form")
    assert len(store.list_avis(created.id)) == 1


def test_avis_key_of_other_demand_rejected(store, referentiel, campagne):
    created = create(store, referentiel)
    autre = create(store, referentiel, rentree="2028")
    service.give_avis(store, ADMIN, created.id, "final", "favorable", cle="avis-form")
    with pytest.raises(Conflict):
        service.give_avis(store, ADMIN, autre.id, "final", "favorable", cle="avis-form")
    assert store.list_avis(autre.id) == []
