# shellcheck shell=bash
# Functions shared by run.sh and test.sh, which source this file from the repository root.

ORION_VENV=".venv"
ORION_STAMP="$ORION_VENV/.orion-requirements.sha256"

orion_log() {
    echo "[$(basename "$0")] $*" >&2
}

orion_fail() {
    orion_log "ERROR: $*"
    exit 1
}

# Print the command of a Python 3.11 interpreter: $PYTHON when set, else python3.11, else
# python3 when it is 3.11.
orion_find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            echo "$candidate"
            return 0
        fi
    done
    orion_fail "Python 3.11 not found. Install it, or set PYTHON to its path."
}

# Create .venv when it is missing, and install requirements.txt when the file changed since
# the last successful install. The stamp stores the file's SHA-256 and the Python version.
orion_ensure_venv() {
    if [ ! -x "$ORION_VENV/bin/python" ]; then
        local python
        python="$(orion_find_python)"
        orion_log "Creating $ORION_VENV with $python"
        "$python" -m venv "$ORION_VENV"
    fi
    "$ORION_VENV/bin/python" -c 'import sys' \
        || orion_fail "$ORION_VENV/bin/python does not run. Delete $ORION_VENV and try again."

    local wanted
    wanted="$("$ORION_VENV/bin/python" - <<'PY'
import hashlib
import sys

with open("requirements.txt", "rb") as requirements:
    digest = hashlib.sha256(requirements.read()).hexdigest()
print(f"{digest} python{sys.version_info[0]}.{sys.version_info[1]}")
PY
)"
    if [ -f "$ORION_STAMP" ] && [ "$(cat "$ORION_STAMP")" = "$wanted" ]; then
        return 0
    fi
    orion_log "Installing requirements.txt into $ORION_VENV"
    "$ORION_VENV/bin/python" -m pip install --disable-pip-version-check --no-input \
        -r requirements.txt
    echo "$wanted" >"$ORION_STAMP"
}

orion_has_warehouse() {
    local folder="${ORION_WAREHOUSE:-data/warehouse}"
    compgen -G "$folder/*.parquet" >/dev/null
}

orion_build_warehouse() {
    orion_log "Building the warehouse into ${ORION_WAREHOUSE:-data/warehouse}"
    "$ORION_VENV/bin/python" -m orion_data.build
    orion_has_warehouse || orion_fail "The build ended without writing a Parquet file."
}
