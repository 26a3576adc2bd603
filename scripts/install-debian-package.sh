#!/usr/bin/env bash
# bash scripts/install-debian-package.sh <package> [binary]: installs Debian's <package> with
# apt-get unless <binary> (default: the package's name) is already on PATH. Idempotent: a second
# run changes nothing. Needs root (or sudo) and Debian's package mirror. Used by
# `npm run prometheus:install` (the dashboard test runs `prometheus` as a child process, never as a
# service: the package's post-install step may try to start it, which without systemd fails
# harmlessly) and by `npm run bench:instructions` (`valgrind`, whose callgrind tool it runs).
set -euo pipefail

package="${1:?usage: install-debian-package.sh <package> [binary]}"
binary="${2:-$package}"

if command -v "$binary" >/dev/null 2>&1; then
  echo "$package is installed: $("$binary" --version 2>&1 | head -n 1)"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-debian-package: not root and no sudo: run 'apt-get install $package' as root" >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "install-debian-package: apt-get update"
"${as_root[@]}" apt-get update
echo "install-debian-package: apt-get install -y --no-install-recommends $package"
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends "$package"

echo "$package is installed: $("$binary" --version 2>&1 | head -n 1)"
