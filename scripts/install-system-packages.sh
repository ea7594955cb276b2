#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are not installed yet.
# As root on Debian: apt-get update, then apt-get install. Otherwise: print the exact command and fail.
set -euo pipefail
missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
command="apt-get install -y ${missing[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Guidebook needs these system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo $command" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
$command
