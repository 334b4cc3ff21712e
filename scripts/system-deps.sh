#!/usr/bin/env bash
# Install the Debian packages the project needs that a fresh machine may lack.
# Usage: scripts/system-deps.sh PACKAGE:COMMAND ...   (installs PACKAGE when COMMAND is missing)
# COMMAND may also be a path: an executable, or a file a library package installs
# (e.g. libpango-1.0-0:/usr/lib/x86_64-linux-gnu/libpango-1.0.so.0).
set -euo pipefail
missing=()
for pair in "$@"; do
  package=${pair%%:*}
  command=${pair#*:}
  if ! command -v "$command" >/dev/null 2>&1 && [ ! -x "$command" ] && [ ! -e "$command" ]; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them (as root: apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
