#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (INFRA.md): install it when it is missing.
# A test tool that downloads its own browser cannot work on these machines.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then exit 0; fi
echo "Chromium is missing at $path: installing Debian's package (apt-get)..." >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo > /dev/null; then sudo="sudo"; else
  echo "cannot install Chromium: not root and no sudo; install the 'chromium' package or set CHROMIUM_PATH" >&2
  exit 1
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium > /dev/null
"$path" --version >&2
