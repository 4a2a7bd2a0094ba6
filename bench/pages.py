"""Time the rerun of every page after a filter change, with Streamlit's AppTest.

    python -m bench.pages [--reruns 12]

For each file of pages/, it opens Home.py in AppTest, switches to the page, runs once, then
times two passes of `--reruns` runs, each run after setting one filter widget
(`filter_changes()`):

- new values: each run sets a value the page has not shown yet in this process (real région
  codes, search texts, niveau lists), so every result cache keyed by that filter misses.
  When a widget has fewer values than runs, the values come round again, and the table gives
  how many were distinct.
- back and forth: the runs alternate between two values already shown, the path of a user
  who compares two territories, where caches hit.

A page without an entry there, or whose widget is missing, gets plain reruns, and the table
marks it. A page that a visitor cannot open is run logged in as an administrator of a
temporary demand store (ORION_DB) that contains one open campaign and one demand, whose id
the detail and edit pages get as `?id=`.

The floor is a bare page containing only `st.title`, written to a temporary file and rerun the
same way, without a widget to change. Target: every page's median, in both passes, within
1.5 × the floor's median + 100 ms.

To show where a rerun's time goes, `CALLS` lists functions whose time is summed per rerun:
the console query, every warehouse query (the console's included) and the two exports.
"""

from __future__ import annotations

import argparse
import itertools
import os
import secrets
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from streamlit.testing.v1 import AppTest

from bench.call_timer import CallTimer
from bench.machine import print_description
from bench.timing import Summary, summarize
from orion_data import console, db, exports
from orion_data.paths import PROJECT_DIR

TARGET_FACTOR: Final = 1.5
TARGET_MARGIN_S: Final = 0.100
HOME: Final = str(PROJECT_DIR / "Home.py")
PAGES_DIR: Final = PROJECT_DIR / "pages"
RUN_TIMEOUT_S: Final = 120
ADMIN: Final = "bench.admin"
CALLS: Final = {
    "console()": (console, "console"),
    "db.query": (db, "query"),
    "CSV": (exports, "to_csv_bytes"),
    "XLSX": (exports, "to_xlsx_bytes"),
}


@dataclass(frozen=True)
class FilterChange:
    """A widget of a page, by AppTest element type and key, and values that change the page.

    The first two values are those of the back-and-forth pass.
    """

    kind: str
    key: str
    values: tuple[Any, ...]


SEARCH_TEXTS: Final = (
    "berard", "jean moulin", "victor hugo", "marseille", "saint joseph", "lyon", "nantes",
    "jules ferry", "toulouse", "lille", "la rochelle", "pasteur", "bordeaux", "brest",
)
NIVEAUX: Final = ("400", "500", "320", "503", "403", "010", "323", "401")


def filter_changes() -> dict[str, FilterChange]:
    """Return the widget each page's reruns change, with values read from the warehouse."""
    from orion_data import nomenclatures

    regions = tuple(nomenclatures.regions()["code_region"])
    # Each région first, then "84" and "11" for the back-and-forth pass.
    regions = ("84", "11", *(code for code in regions if code not in ("84", "11")))
    niveaux = tuple([code] for code in NIVEAUX) + tuple(
        [first, second] for first, second in itertools.combinations(NIVEAUX[:4], 2)
    )
    types = tuple([kind] for kind in ("augmentation", "diminution", "ouverture", "fermeture",
                                      "transfert", "coloration", "ajustement"))
    types += tuple([first, second] for first, second in itertools.combinations(
        ("augmentation", "diminution", "ouverture", "fermeture"), 2))
    return {
        "console_formations.py": FilterChange("selectbox", "console_formation_region", regions),
        "console_etablissements.py": FilterChange(
            "selectbox", "console_offre_region", regions
        ),
        "insertion.py": FilterChange("selectbox", "insertion_region", regions),
        "metiers_avenir.py": FilterChange("multiselect", "metiers_niveaux", niveaux),
        "panorama_territoire.py": FilterChange("selectbox", "panorama_region", regions),
        "panorama_etablissement.py": FilterChange(
            "text_input", "etablissement_recherche", SEARCH_TEXTS
        ),
        "demandes.py": FilterChange("multiselect", "demandes_types", types),
        "demande_formulaire.py": FilterChange(
            "checkbox", "formulaire_coloration", (True, False)
        ),
        "demande_detail.py": FilterChange("checkbox", "demande_confirmer", (True, False)),
    }


# Pages opened with the stored demand's id as `?id=`.
PAGES_WITH_ID: Final = ("demande_detail.py", "demande_formulaire.py")


@dataclass(frozen=True)
class Session:
    """A logged-in administrator: the session token and the id of the stored demand."""

    token: str
    demande_id: int


@dataclass(frozen=True)
class Result:
    """The reruns of one page: who opened it, what changed and how long it took.

    `back_and_forth` is None for plain reruns, which have a single pass.
    """

    page: str
    title: str
    errors: int
    logged_in: bool
    through_home: bool
    changed: str
    new_values: Summary
    back_and_forth: Summary | None
    inside: dict[str, float]


def _admin_session(store_path: Path) -> Session:
    """Create an administrator, an open campaign and one demand, then log the user in."""
    from orion_data.auth import accounts, sessions
    from orion_data.auth.model import Role, User
    from orion_data.demandes import campaigns, service
    from orion_data.demandes.model import Campagne, StatutCampagne
    from orion_data.demandes.referentiel import WarehouseReferentiel
    from orion_data.store import open_store

    password = secrets.token_urlsafe(24) + "-Aa1"
    store = open_store(store_path)
    try:
        accounts.create_user(store, ADMIN, Role.ADMIN, password, nom="Mesure Orion")
        year = store.now().year
        campagne = Campagne(year, date(year, 1, 1), date(year, 12, 31), StatutCampagne.EN_COURS)
        campaigns.save_campagne(store, User(ADMIN, Role.ADMIN), campagne)
        # A real offer of the warehouse: BTS Gestion de la PME (32031409, dispositif 311)
        # at the lycée 0010014K, 30 places in voie scolaire.
        form = {
            "uai": "0010014K",
            "cfd": "32031409",
            "dispositif": "311",
            "rentree": str(year + 1),
            "type_demande": "augmentation",
            "capacite_scolaire_actuelle": "30",
            "capacite_scolaire_future": "40",
            "motifs": ["besoin_recrutement_local"],
        }
        demande = service.create_demande(
            store, WarehouseReferentiel(), store.get_user(ADMIN), form, service.new_form_key()
        )
        _, token = sessions.login(store, ADMIN, password)
    finally:
        store.close()
    return Session(token, demande.id)


def _open(page: Path, session: Session | None) -> AppTest:
    """Run Home.py, as a visitor or logged in, then switch to `page` and run it."""
    from orion_data.auth import streamlit_login

    app = AppTest.from_file(HOME, default_timeout=RUN_TIMEOUT_S)
    if session is not None:
        app.session_state[streamlit_login.TOKEN_STATE_KEY] = session.token
        if page.name in PAGES_WITH_ID:
            app.query_params["id"] = str(session.demande_id)
    app.run()
    app.switch_page(str(page.relative_to(PROJECT_DIR)))
    app.run()
    return app


def _ran_home(app: AppTest) -> bool:
    """Return whether the last run went through Home.py, whose sidebar shows the account box.

    NOTE: AppTest 1.67 reruns a page whose URL path equals its file name without Home.py,
    so such a page's timing leaves out the navigation and the account box.
    """
    keys = {widget.key for widget in [*app.text_input, *app.button]}
    return "login_username" in keys or "logout" in keys


def _widget(app: AppTest, change: FilterChange):
    try:
        return getattr(app, change.kind)(key=change.key)
    except KeyError:
        return None


def time_reruns(
    app: AppTest, change: FilterChange | None, values: list[Any], timer: CallTimer
) -> tuple[list[float], dict[str, float]]:
    """Time one run of the app per item of `values`, after setting the widget of `change`.

    Without a change, it times `len(values)` plain reruns. Returns the durations and the
    median seconds per rerun inside each function of `timer`. Raises RuntimeError when a
    run raises an exception in the page.
    """
    samples = []
    inside: dict[str, list[float]] = {label: [] for label in CALLS}
    for value in values:
        if change is not None:
            _widget(app, change).set_value(value)
        timer.take()
        samples.append(_timed_run(app))
        for label, seconds in timer.take().items():
            inside[label].append(seconds)
        if app.exception:
            raise RuntimeError(f"a rerun raised an exception: {app.exception[0].value}")
    medians = {label: statistics.median(times) for label, times in inside.items()}
    return samples, medians


def _timed_run(app: AppTest) -> float:
    start = time.perf_counter()
    app.run()
    return time.perf_counter() - start


def _new_values(change: FilterChange, current: Any, reruns: int) -> list[Any]:
    """Return `reruns` values in order, starting after the one the widget holds.

    Consecutive values always differ; the values come round again when there are fewer
    than `reruns`.
    """
    values = list(change.values)
    start = values.index(current) + 1 if current in values else 0
    return [values[(start + index) % len(values)] for index in range(reruns)]


def _back_and_forth(change: FilterChange, current: Any, reruns: int) -> list[Any]:
    """Return `reruns` values alternating between the first two, starting with a change."""
    pair = change.values[:2] if current != change.values[0] else change.values[1::-1]
    return [pair[index % 2] for index in range(reruns)]


def measure_floor(folder: Path, reruns: int, timer: CallTimer) -> Summary:
    """Time the reruns of a bare page that contains only `st.title`."""
    bare = folder / "bare_page.py"
    bare.write_text('import streamlit as st\n\nst.title("Page vide")\n')
    app = AppTest.from_file(str(bare), default_timeout=RUN_TIMEOUT_S)
    app.run()
    samples, _ = time_reruns(app, None, [None] * reruns, timer)
    return summarize(samples)


def measure_page(
    page: Path, change: FilterChange | None, session: Session, reruns: int, timer: CallTimer
) -> Result:
    """Time one page, as a visitor when the navigation offers it, else logged in."""
    logged_in = False
    try:
        app = _open(page, None)
    except ValueError:
        # AppTest raises ValueError when the navigation of this user has no such page.
        logged_in = True
        app = _open(page, session)
    if app.exception:
        raise RuntimeError(f"{page.name} raised an exception: {app.exception[0].value}")

    widget = _widget(app, change) if change is not None else None
    if widget is None:
        changed = "plain reruns" + (f": no {change.kind} {change.key!r}" if change else "")
        samples, inside = time_reruns(app, None, [None] * reruns, timer)
        new_values, back_and_forth = summarize(samples), None
    else:
        first = _new_values(change, widget.value, reruns)
        distinct = len({repr(value) for value in first})
        samples, inside = time_reruns(app, change, first, timer)
        new_values = summarize(samples)
        current = _widget(app, change).value
        pair = _back_and_forth(change, current, reruns)
        changed = f"{change.kind} {change.key}: {distinct} values, then {pair[0]!r} ↔ {pair[1]!r}"
        samples, _ = time_reruns(app, change, pair, timer)
        back_and_forth = summarize(samples)

    title = app.title[0].value if len(app.title) else "–"
    return Result(
        page.name, title, len(app.error), logged_in, _ran_home(app), changed,
        new_values, back_and_forth, inside,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    parser.add_argument("--reruns", type=int, default=12, help="timed reruns per page")
    args = parser.parse_args(argv)
    if args.reruns < 10:
        parser.error(f"--reruns must be at least 10, got {args.reruns}")

    print_description()
    with tempfile.TemporaryDirectory(prefix="orion-bench-pages-") as name:
        folder = Path(name)
        # The app reads both at run time: a throw-away store, and a cookie key that keeps
        # Orion from writing one to .streamlit/secrets.toml.
        os.environ["ORION_DB"] = str(folder / "orion.sqlite")
        os.environ["ORION_COOKIE_KEY"] = secrets.token_urlsafe(32)
        session = _admin_session(folder / "orion.sqlite")
        with CallTimer(CALLS).active() as timer:
            floor = measure_floor(folder, args.reruns, timer)
            changes = filter_changes()
            results = [
                measure_page(page, changes.get(page.name), session, args.reruns, timer)
                for page in sorted(PAGES_DIR.glob("*.py"))
            ]
    _print_results(floor, results)
    return 0


def _print_results(floor: Summary, results: list[Result]) -> None:
    limit = TARGET_FACTOR * floor.median + TARGET_MARGIN_S
    print(f"\nfloor (bare page, st.title only): median / p90 / min {floor.milliseconds()} ms; "
          f"limit {TARGET_FACTOR} × {floor.median * 1e3:.1f} + {TARGET_MARGIN_S * 1e3:.0f} = "
          f"{limit * 1e3:.0f} ms\n")
    print("| page | title | st.error shown | logged in | through Home.py | rerun changes "
          "| new values: median / p90 / min (ms) | max (ms) "
          "| back and forth: median / p90 / min (ms) | target |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    rows_inside = []
    for result in results:
        worst = max(result.new_values.median,
                    result.back_and_forth.median if result.back_and_forth else 0.0)
        verdict = "met" if worst <= limit else "missed"
        back = result.back_and_forth.milliseconds() if result.back_and_forth else "–"
        print(f"| {result.page} | {result.title} | {result.errors} "
              f"| {'yes' if result.logged_in else 'no'} "
              f"| {'yes' if result.through_home else 'no'} | {result.changed} "
              f"| {result.new_values.milliseconds()} | {result.new_values.maximum * 1e3:.1f} "
              f"| {back} | ≤ {limit * 1e3:.0f} ms: {verdict} |")
        cells = " | ".join(f"{result.inside[label] * 1e3:.0f}" for label in CALLS)
        rows_inside.append(f"| {result.page} | {result.new_values.median * 1e3:.0f} | {cells} |")

    print("\nMedian ms per rerun over new values inside each function; db.query includes "
          "the console's query.\n")
    print(f"| page | rerun | {' | '.join(CALLS)} |")
    print("|---|---|" + "---|" * len(CALLS))
    print("\n".join(rows_inside))


if __name__ == "__main__":
    raise SystemExit(main())
