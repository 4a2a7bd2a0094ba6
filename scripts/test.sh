#!/usr/bin/env bash
# Run the test suite from a fresh clone: virtualenv, requirements, Debian's chromium for the
# browser tests, the warehouse, then `python -m pytest` with this script's arguments.
# Exits with pytest's code, except that "no tests collected" (5) counts as a failure.
# ORION_TEST_TIMEOUT bounds the pytest run in seconds (3600 by default).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

orion_install_chromium() {
    [ -x /usr/bin/chromium ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        orion_log "WARNING: /usr/bin/chromium is missing and apt-get is not available." \
            "Browser tests will be skipped, or fail when CI is set."
        return 0
    fi
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    orion_log "Installing Debian's chromium with apt-get"
    ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update
    ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
    [ -x /usr/bin/chromium ] || orion_fail "apt-get installed chromium but /usr/bin/chromium is missing."
}

orion_ensure_venv
orion_install_chromium
if ! orion_has_warehouse; then
    # NOTE: without an importable orion_data.build the suite still runs, and the tests that
    # need a warehouse fail or skip on their own.
    if "$ORION_VENV/bin/python" -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("orion_data.build") is None)'; then
        orion_build_warehouse
    else
        orion_log "WARNING: orion_data.build not found, so the warehouse is not built."
    fi
fi

limit="${ORION_TEST_TIMEOUT:-3600}"
status=0
# SIGINT lets pytest run its teardowns (and stop the Streamlit servers) before it exits.
timeout --foreground --signal=INT --kill-after=60 "$limit" \
    "$ORION_VENV/bin/python" -m pytest "$@" || status=$?

case "$status" in
    5)
        orion_log "ERROR: pytest collected no tests."
        exit 1
        ;;
    124 | 137)
        orion_log "ERROR: pytest did not finish within $limit s (ORION_TEST_TIMEOUT)."
        ;;
esac
exit "$status"
