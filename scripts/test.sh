#!/usr/bin/env bash
# Run every test: unit, full MkDocs builds, and headless Chromium (sets up
# .venv, chromium and fonts first). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh browser
exec .venv/bin/python -m pytest "$@"
