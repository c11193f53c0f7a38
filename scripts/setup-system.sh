#!/usr/bin/env bash
# The system packages the test suite needs, installed with apt-get only when one is missing
# (idempotent: a machine that has them all runs no apt-get at all):
#   python3 make g++      compile better-sqlite3 (apps/web) where no prebuilt binary fits
#   chromium              the browser tests (packages/browser-tests, packages/pack-tests, apps/web)
#   postgresql            the web app's second storage backend
#   fonts-dejavu-core     text in the Chromium screenshots and SVG checks
#   redis-server          the job queue's tests
# Needs root or sudo when something is missing. Set USERALIGN_SKIP_SYSTEM_SETUP=1 to skip.
set -euo pipefail
if [ "${USERALIGN_SKIP_SYSTEM_SETUP:-}" = "1" ]; then exit 0; fi

missing=()
need() { # need PACKAGE [COMMAND-OR-PATH]: missing when neither the command nor dpkg knows it
  local pkg="$1" probe="${2:-}"
  if [ -n "$probe" ] && { command -v "$probe" >/dev/null 2>&1 || [ -e "$probe" ]; }; then return; fi
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then return; fi
  missing+=("$pkg")
}
need python3 python3
need make make
need g++ g++
need chromium /usr/bin/chromium
need postgresql /usr/lib/postgresql
need fonts-dejavu-core /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
need redis-server redis-server

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-system: python3 make g++ chromium postgresql fonts-dejavu-core redis-server are installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: missing ${missing[*]}, and this system has no apt-get: install them by hand" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
echo "setup-system: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
