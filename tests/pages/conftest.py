"""Fixtures for AppTest runs of the pages on the real warehouse.

`open_app(page, query)` runs Home.py (the navigation), with `query` as the URL's query
parameters, then switches to `page` (a path such as "pages/console_formations.py").
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from orion_data.paths import PROJECT_DIR

HOME = str(PROJECT_DIR / "Home.py")


def open_app(page: str | None = None, query: dict | None = None) -> AppTest:
    app = AppTest.from_file(HOME, default_timeout=60)
    for name, value in (query or {}).items():
        app.query_params[name] = value
    app.run()
    if page is not None:
        app.switch_page(page)
        app.run()
    return app


@pytest.fixture(autouse=True)
def demand_store(tmp_path, monkeypatch):
    """Point ORION_DB at a new SQLite file, because Home.py opens the store for its login box.

    Without it, every AppTest run would create data/orion.sqlite in the repository.
    """
    monkeypatch.setenv("ORION_DB", str(tmp_path / "orion.sqlite"))


@pytest.fixture
def open_page(warehouse):
    """Return `open_app`, with the real warehouse built."""
    return open_app
