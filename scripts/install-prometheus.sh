#!/usr/bin/env bash
# npm run prometheus:install: installs Debian's `prometheus` package, which
# test/metrics/prometheus-dashboard.test.ts runs as a child process (never as a service), unless a
# `prometheus` binary is already on PATH. Idempotent: a second run changes nothing. Needs root (or
# sudo) and Debian's package mirror. The package's post-install step may try to start the service;
# without systemd that fails harmlessly, and the binary is what the test uses.
set -euo pipefail

if command -v prometheus >/dev/null 2>&1; then
  echo "prometheus is installed: $(prometheus --version 2>&1 | head -n 1)"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-prometheus: not root and no sudo: run 'apt-get install prometheus' as root" >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "install-prometheus: apt-get update"
"${as_root[@]}" apt-get update
echo "install-prometheus: apt-get install -y --no-install-recommends prometheus"
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends prometheus

echo "prometheus is installed: $(prometheus --version 2>&1 | head -n 1)"
