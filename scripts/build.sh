#!/usr/bin/env bash
# Build the site from the shipped content into site/ (sets up .venv first).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python -m generator build "$@"
