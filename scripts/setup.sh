#!/usr/bin/env bash
# Set-up shared by scripts/build.sh and scripts/test.sh: a .venv with the
# pinned packages and this project installed; with "browser", Debian's
# chromium and Korean fonts too. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=${1:-}
python=${PYTHON:-python3}

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$python" -m venv .venv
fi

stamp=.venv/.mailflow-kb-installed
digest=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
  echo "setup: installing pinned Python packages"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  echo "$digest" > "$stamp"
fi

if [ "$want_browser" = "browser" ] && { [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; }; then
  echo "setup: installing Debian's chromium and fonts-noto-cjk"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
