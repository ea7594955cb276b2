#!/usr/bin/env bash
# make bench: installs what the benchmark needs (Debian packages; Pagefind and Playwright in
# bench/.venv), then runs bench/run.py, which writes BENCHMARKS.md. Arguments go to bench/run.py,
# e.g. `bash bench/run.sh --pages 1000,10000,100000`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-packages.sh hugo cmark-gfm time gcc libcmark-gfm-dev libcmark-gfm-extensions-dev chromium python3-venv git
VENV=bench/.venv
if [ ! -f "$VENV/.installed" ] || [ bench/requirements.txt -nt "$VENV/.installed" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r bench/requirements.txt
  touch "$VENV/.installed"
fi
exec "$VENV/bin/python" bench/run.py "$@"
