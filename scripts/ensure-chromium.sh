#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through playwright-core (Playwright's own browser
# download does not work on every network). Install it when it is missing, so that `npm test`
# works on a fresh Debian or Ubuntu machine; elsewhere, say what to install.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo_if_needed=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo_if_needed="sudo"; else
      echo "Chromium is missing at $chromium and installing it needs root: apt-get install -y chromium" >&2
      exit 1
    fi
  fi
  echo "Installing Debian's Chromium for the browser tests (apt-get install chromium)…" >&2
  $sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq chromium >/dev/null
  exit 0
fi

echo "The browser tests need Chromium at $chromium. Install it, or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
exit 1
