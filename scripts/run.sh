#!/usr/bin/env bash
# Start Orion on http://127.0.0.1:8501 (.streamlit/config.toml) from a fresh clone: create the
# virtualenv, install the requirements, build the warehouse when it is missing. Extra
# arguments go to `streamlit run`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

orion_ensure_venv
orion_has_warehouse || orion_build_warehouse
exec "$ORION_VENV/bin/python" -m orion_data.serve Home.py "$@"
