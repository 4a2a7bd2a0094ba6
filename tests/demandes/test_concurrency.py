"""Concurrent submissions and a process killed during a burst of writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from burst_writer import champs_for
from factories import ADMIN, BAC_PRO, CAP, UAI, UAI_2, form

from orion_data.demandes import queries, service
from orion_data.errors import DuplicateDemand
from orion_data.paths import PROJECT_DIR
from orion_data.store.sqlite import SqliteStore

THREADS = 20


def run_together(target, count: int = THREADS) -> list:
    """Run `target(i)` in `count` threads released at once; return results or exceptions."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index: int) -> None:
        barrier.wait()
        try:
            results[index] = target(index)
        except Exception as error:  # collected for the test to inspect
            results[index] = error

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def key_counts(store) -> list[int]:
    with store.read() as connection:
        rows = connection.execute(
            "SELECT COUNT(*) FROM demande_versions GROUP BY cle_idempotence"
        ).fetchall()
    return [row[0] for row in rows]


def test_threads_store_each_once(store, referentiel, campagne):
    # Distinct offers: two UAIs × two formations × four rentrées (the campaign's horizon).
    offers = [
        {"uai": uai, "cfd": cfd, "dispositif": dispositif, "rentree": str(rentree)}
        for uai in (UAI, UAI_2)
        for cfd, dispositif in ((BAC_PRO, "247"), (CAP, "241"))
        for rentree in range(2027, 2031)
    ]

    def submit(i: int):
        return service.create_demande(store, referentiel, ADMIN, form(**offers[i]), f"form-{i}")

    results = run_together(submit, len(offers))
    listed = queries.list_demandes(store, ADMIN)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert len(listed) == len(offers)
    assert key_counts(store) == [1] * len(offers)
    assert len({d.numero for d in listed}) == len(offers)


def test_threads_same_key_one_demand(store, referentiel, campagne):
    results = run_together(
        lambda i: service.create_demande(store, referentiel, ADMIN, form(), "same-form")
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    assert len({r.id for r in results}) == 1
    assert len(queries.list_demandes(store, ADMIN)) == 1


def test_threads_same_avis_key_one_avis(store, referentiel, campagne):
    demande = service.create_demande(store, referentiel, ADMIN, form(), "avis-target")
    results = run_together(
        lambda i: service.give_avis(
            store, ADMIN, demande.id, "consultatif", "favorable", cle="same-avis-form"
        )
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    assert len({r.id for r in results}) == 1
    assert len(store.list_avis(demande.id)) == 1


def test_threads_same_offer_one_live(store, referentiel, campagne):
    results = run_together(
        lambda i: service.create_demande(store, referentiel, ADMIN, form(), f"form-{i}")
    )
    stored = [r for r in results if not isinstance(r, Exception)]
    rejected = [r for r in results if isinstance(r, DuplicateDemand)]
    assert len(stored) == 1
    assert len(rejected) == THREADS - 1


def test_kill_during_burst_keeps_acknowledged(tmp_path):
    path = tmp_path / "orion.sqlite"
    SqliteStore(path).close()
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("burst_writer.py")), str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
    )
    acknowledged = []
    for line in child.stdout:
        acknowledged.append(line.split())
        if len(acknowledged) >= 200:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    # Lines printed after the last one read are acknowledged too: read them all.
    acknowledged += [line.split() for line in child.stdout.read().splitlines()]

    reopened = SqliteStore(path)
    assert child.returncode == -signal.SIGKILL
    assert reopened.integrity_check() == "ok"
    for demande_id, numero, rentree in acknowledged:
        stored = reopened.get_demande(int(demande_id))
        assert stored is not None, f"demand {demande_id} lost"
        assert stored.numero == numero
        assert stored.champs == champs_for(int(rentree))
    reopened.close()
