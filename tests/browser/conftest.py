"""Browser-test harness: a real `streamlit run` on 127.0.0.1, driven by Debian's Chromium.

Fixtures:

- `start_streamlit(script, env=None, *, timeout=60.0)` (session) starts `streamlit run` on
  `script` at a free port and returns the base URL, e.g. "http://127.0.0.1:41234". The same
  script with the same `env` reuses one server, and every server stops at the end of the
  session.
- `orion_app` (session) is the base URL of the project's Home.py, run with `orion_app_env`.
- `browser` (session) is one headless Chromium, and `context` and `page` are fresh per test.

Mark browser tests with `pytest.mark.browser`. They are skipped when Chromium is missing,
unless the CI environment variable is set, in which case they fail.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

logger = logging.getLogger(__name__)

PROJECT_DIR: Final = Path(__file__).resolve().parents[2]
# ORION_CHROMIUM_PATH overrides the path on machines that keep Chromium elsewhere.
CHROMIUM_PATH: Final = Path(os.environ.get("ORION_CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS: Final = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
STARTUP_TIMEOUT_S: Final = 60.0
STOP_TIMEOUT_S: Final = 10.0
HEALTH_POLL_S: Final = 0.25
START_ATTEMPTS: Final = 3
# Playwright's default of 5 s can be too short for a first Streamlit run on a busy machine.
EXPECT_TIMEOUT_MS: Final = 15_000
ACTION_TIMEOUT_MS: Final = 15_000

# urllib honours http_proxy, so the health check opens a direct connection instead.
_direct_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_environment(env: Mapping[str, str]) -> dict[str, str]:
    """Return the parent's environment without ORION_* and STREAMLIT_* variables, plus `env`.

    The project directory goes first on PYTHONPATH so that a script outside the repository
    can import orion_data.
    """
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("ORION_", "STREAMLIT_"))
    }
    python_path = [str(PROJECT_DIR), environment.get("PYTHONPATH", "")]
    environment["PYTHONPATH"] = os.pathsep.join(part for part in python_path if part)
    environment["PYTHONUNBUFFERED"] = "1"
    environment.update(env)
    return environment


class StreamlitServer:
    """One `streamlit run` subprocess listening on 127.0.0.1, with its output in a log file.

    The working directory is the project, so .streamlit/config.toml applies. The command-line
    flags override its address and port.
    """

    def __init__(self, script: Path, env: Mapping[str, str], log_path: Path):
        self.script = script
        self.env = _server_environment(env)
        self.log_path = log_path
        self.url = ""
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = STARTUP_TIMEOUT_S) -> str:
        """Start the server, wait until its health endpoint responds, and return its URL.

        A server that exits during start-up, for example because another process took the
        free port first, is started again on a new port, up to 3 times in all.
        """
        for attempt in range(1, START_ATTEMPTS + 1):
            exit_code = self._start_once(timeout)
            if exit_code is None:
                return self.url
            logger.warning(
                "streamlit run %s exited with code %s (attempt %d of %d)",
                self.script,
                exit_code,
                attempt,
                START_ATTEMPTS,
            )
        raise RuntimeError(
            f"streamlit run {self.script} exited during start-up {START_ATTEMPTS} times, "
            f"last with code {exit_code}.\n{self._log_tail()}"
        )

    def _start_once(self, timeout: float) -> int | None:
        """Launch the process and return None once it is healthy, or its code if it exits."""
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        command = [
            sys.executable,
            "-m",
            "orion_data.serve",
            str(self.script),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=PROJECT_DIR,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        deadline = time.monotonic() + timeout
        while not self._is_healthy():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop()
                raise TimeoutError(
                    f"streamlit run {self.script} did not respond on {self.url}/_stcore/health "
                    f"within {timeout:.0f} s.\n{self._log_tail()}"
                )
            # Waiting on the process paces the polling and notices an early exit at once.
            try:
                return self.process.wait(timeout=min(HEALTH_POLL_S, remaining))
            except subprocess.TimeoutExpired:
                pass
        return None

    def _is_healthy(self) -> bool:
        try:
            with _direct_opener.open(f"{self.url}/_stcore/health", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def _log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return f"(no log at {self.log_path})"
        tail = "\n".join(text.splitlines()[-lines:])
        return f"Last lines of {self.log_path}:\n{tail}"

    def stop(self) -> None:
        """Send SIGTERM to the server's pid, then SIGKILL if it is still running 10 s later."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            logger.warning("streamlit pid %d ignored SIGTERM, killing it", self.process.pid)
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def start_streamlit(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Return a function that starts `streamlit run` on a script and returns its base URL."""
    servers: dict[tuple[Path, tuple[tuple[str, str], ...]], StreamlitServer] = {}
    log_dir = tmp_path_factory.mktemp("streamlit-logs")

    def start(
        script: str | Path,
        env: Mapping[str, str] | None = None,
        *,
        timeout: float = STARTUP_TIMEOUT_S,
    ) -> str:
        script = Path(script).resolve()
        if not script.is_file():
            raise FileNotFoundError(f"Streamlit script not found: {script}")
        key = (script, tuple(sorted((env or {}).items())))
        if key not in servers:
            log_path = log_dir / f"{script.stem}-{len(servers)}.log"
            server = StreamlitServer(script, env or {}, log_path)
            try:
                server.start(timeout)
            except BaseException:
                server.stop()
                raise
            servers[key] = server
        return servers[key].url

    yield start
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def orion_app_env(tmp_path_factory) -> dict[str, str]:
    """Return the environment of the `orion_app` server.

    ORION_WAREHOUSE is passed on when set, so the built warehouse is used. The demand store
    is a new SQLite file, and the cookie key a fixed test value.
    """
    env = {
        "ORION_DB": str(tmp_path_factory.mktemp("orion-db") / "orion.sqlite"),
        "ORION_COOKIE_KEY": "browser-tests-only-cookie-key",
    }
    if "ORION_WAREHOUSE" in os.environ:
        env["ORION_WAREHOUSE"] = os.environ["ORION_WAREHOUSE"]
    return env


@pytest.fixture(scope="session")
def orion_app(start_streamlit, orion_app_env) -> str:
    """Return the base URL of a server running the project's Home.py."""
    return start_streamlit(PROJECT_DIR / "Home.py", orion_app_env)


def _require_chromium() -> None:
    if CHROMIUM_PATH.exists():
        return
    message = (
        f"Chromium not found at {CHROMIUM_PATH}. Install Debian's chromium package "
        "(apt-get install -y chromium) or run bash scripts/test.sh, which installs it."
    )
    if _running_in_ci():
        pytest.fail(f"{message} Browser tests are not skipped when CI is set.")
    pytest.skip(message)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright) -> Iterator[Browser]:
    """Launch Debian's Chromium once for the session, so no browser build is downloaded."""
    _require_chromium()
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def context(browser) -> Iterator[BrowserContext]:
    """Open a browser context with no cookies or storage from other tests."""
    fresh = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    fresh.set_default_timeout(ACTION_TIMEOUT_MS)
    yield fresh
    fresh.close()


@pytest.fixture
def page(context) -> Page:
    return context.new_page()
