#!/usr/bin/env bash
# Brings the system tools the tests need on a fresh Debian machine: Chromium (e2e), socat (pty
# pairs), udev (udevadm, which serialport's port listing needs). Installs only what is missing,
# and says so. Runs before `npm test` (the `pretest` script).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v udevadm >/dev/null 2>&1 || missing+=(udev)
command -v python3 >/dev/null 2>&1 || missing+=(python3)

if [ ${#missing[@]} -eq 0 ]; then
  echo "[test setup] system tools present: chromium, socat, udevadm, python3"
  exit 0
fi

echo "[test setup] missing system packages: ${missing[*]}; installing them with apt-get"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[test setup] apt-get is not available: install ${missing[*]} by hand, then run the tests again" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "[test setup] not root and no sudo: install ${missing[*]} by hand, then run the tests again" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}"
echo "[test setup] installed: ${missing[*]}"
