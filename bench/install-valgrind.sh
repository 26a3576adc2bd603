#!/usr/bin/env bash
# Installs Debian's `valgrind`, whose callgrind tool `npm run bench:instructions` runs, unless a
# `valgrind` binary is already on PATH. Idempotent. Needs root (or sudo) and Debian's package mirror.
set -euo pipefail

if command -v valgrind >/dev/null 2>&1; then
  echo "valgrind is installed: $(valgrind --version)"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-valgrind: not root and no sudo: run 'apt-get install valgrind' as root" >&2
    exit 1
  fi
  as_root=(sudo)
fi

"${as_root[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends valgrind
echo "valgrind is installed: $(valgrind --version)"
