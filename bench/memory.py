"""Measure the resident memory of the real app after Chromium opens every page.

    python -m bench.memory

It starts `python -m orion_data.serve Home.py` (`streamlit run`) on a free port of 127.0.0.1, reads the page
links of the rendered sidebar navigation, then opens each link in headless Chromium
(Playwright) and waits until Streamlit reports that the script has finished. After each
page it reads VmRSS in /proc/<pid>/status of the server and its child processes, and at the
end the server's peak (VmHWM). The server runs on a temporary demand store and cookie key,
so it writes nothing in the repository, and it is stopped by its pid.

Only the pages of a visitor who is not logged in are in the navigation, so the demand pages
are not opened. Target: less than 400 MB resident after every page.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from playwright.sync_api import Page, expect, sync_playwright

from bench.machine import print_description
from orion_data.paths import PROJECT_DIR

TARGET_MB: Final = 400
CHROMIUM_PATH: Final = "/usr/bin/chromium"
CHROMIUM_ARGS: Final = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
STARTUP_TIMEOUT_S: Final = 90.0
STOP_TIMEOUT_S: Final = 10.0
# A first run of a console page computes its derived tables, so allow a slow, busy machine.
RENDER_TIMEOUT_MS: Final = 120_000

# urllib honours http_proxy, so the health check opens a direct connection.
_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status_kib(pid: int, field: str) -> int:
    """Return a `kB` field of /proc/<pid>/status, such as VmRSS or VmHWM, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(f"/proc/{pid}/status has no {field} line")


def _descendants(pid: int) -> list[int]:
    """Return the pids of every process below `pid`, read from /proc/*/stat."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # The command name in brackets may contain spaces, so split after its closing one.
        fields = text.rsplit(")", 1)[1].split()
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, pending = [], list(parents.get(pid, []))
    while pending:
        child = pending.pop()
        found.append(child)
        pending.extend(parents.get(child, []))
    return found


def resident_mb(pid: int) -> tuple[float, int]:
    """Return the summed VmRSS of `pid` and its descendants in MB, and how many processes."""
    pids = [pid, *_descendants(pid)]
    kib = 0
    for member in pids:
        try:
            kib += _status_kib(member, "VmRSS")
        except (FileNotFoundError, ProcessLookupError):
            continue
    return kib * 1024 / 1e6, len(pids)


@contextmanager
def streamlit_server(log_path: Path, store_path: Path) -> Iterator[tuple[str, int]]:
    """Run Home.py on a free port and yield its URL and pid, then stop it by its pid."""
    port = _free_port()
    command = [
        sys.executable, "-m", "orion_data.serve", "Home.py",
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]
    environment = dict(os.environ)
    environment["ORION_DB"] = str(store_path)
    environment["ORION_COOKIE_KEY"] = secrets.token_urlsafe(32)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log_path)
        yield url, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {process.returncode} at start-up:\n"
                f"{log_path.read_text()[-2000:]}"
            )
        try:
            with _direct.open(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        # The health endpoint answers at once and cannot be asked to wait, so it is polled.
        time.sleep(0.25)
    raise TimeoutError(
        f"streamlit at {url} was not healthy after {STARTUP_TIMEOUT_S:.0f} s, its log ends:\n"
        f"{log_path.read_text()[-2000:]}"
    )


def wait_rendered(page: Page) -> None:
    """Wait until the script run of the page has finished and no status widget shows."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning",
                                  timeout=RENDER_TIMEOUT_MS)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=RENDER_TIMEOUT_MS)


def navigation_links(page: Page) -> list[tuple[str, str]]:
    """Return the label and URL of every link of the sidebar navigation.

    A link's text is its icon, a line break, then the page title, so the title is its last line.
    """
    links = page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink")
    expect(links.first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    found = []
    for link in links.all():
        title = link.inner_text().strip().splitlines()[-1]
        found.append((title, link.get_attribute("href")))
    return found


def measure(url: str, pid: int) -> list[tuple[str, str, float, int, int]]:
    """Open every page and return its label, URL, resident MB, processes and exceptions."""
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            wait_rendered(page)
            for label, href in navigation_links(page):
                # A fresh load starts in the "initial" script state, so waiting for
                # "notRunning" cannot pass before this page's own run.
                page.goto(href)
                wait_rendered(page)
                errors = page.get_by_test_id("stException").count()
                megabytes, processes = resident_mb(pid)
                rows.append((label, href.removeprefix(url), megabytes, processes, errors))
        finally:
            browser.close()
    return rows


def _verdict(megabytes: float) -> str:
    return "met" if megabytes < TARGET_MB else "missed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.parse_args(argv)
    print_description()

    with tempfile.TemporaryDirectory(prefix="orion-bench-memory-") as folder:
        log_path = Path(folder) / "streamlit.log"
        with streamlit_server(log_path, Path(folder) / "orion.sqlite") as (url, pid):
            idle, idle_processes = resident_mb(pid)
            print(f"- server pid: {pid}")
            rows = measure(url, pid)
            peak = _status_kib(pid, "VmHWM") * 1024 / 1e6

    print("\n| page | path | resident after the page (MB) | processes | exceptions |")
    print("|---|---|---|---|---|")
    print(f"| (server started, no page opened) | – | {idle:.0f} | {idle_processes} | – |")
    for label, path, megabytes, processes, errors in rows:
        print(f"| {label} | {path or '/'} | {megabytes:.0f} | {processes} | {errors} |")
    final = rows[-1][2] if rows else idle
    highest = max([idle, *(row[2] for row in rows)])
    print(f"\n- after the last page: {final:.0f} MB, target < {TARGET_MB} MB: {_verdict(final)}")
    print(f"- highest after any page: {highest:.0f} MB, target < {TARGET_MB} MB: "
          f"{_verdict(highest)}")
    print(f"- peak of the server process (VmHWM), between two readings too: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
