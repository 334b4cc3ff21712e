#!/usr/bin/env bash
# Serve Overgang as in production (docs/deployment.md): a worker for the background jobs
# beside the web server (gunicorn), both stopped together by Ctrl-C.
set -euo pipefail
BIN=${BIN:-.venv/bin}
"$BIN/python" -m django migrate --noinput --verbosity 0 --settings="${DJANGO_SETTINGS_MODULE:-overgang.web.settings}"
"$BIN/overgang" worker &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT
"$BIN/overgang" serve --port "${PORT:-8000}" --processes "${OVERGANG_PROCESSES:-2}"
