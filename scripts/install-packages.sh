#!/usr/bin/env bash
# Installs operating-system packages DHO Index uses from Debian's archive (today: haproxy, the load balancer in
# front of the gateway nodes of `./dho start --distributed` and the system test). Idempotent and quiet when every
# package is present; needs root (or sudo) only when something is missing.
#   scripts/install-packages.sh haproxy [more packages ...]
set -euo pipefail
[ $# -gt 0 ] || set -- haproxy
missing=()
for package in "$@"; do
  # The package's command on the PATH is what the launcher needs; dpkg's record alone is not enough.
  command -v "$package" >/dev/null 2>&1 || [ -x "/usr/sbin/$package" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-packages: ${missing[*]} missing and no apt-get here; install ${missing[*]} with your system's package manager" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-packages: ${missing[*]} missing; run as root: apt-get install ${missing[*]}" >&2; exit 1; }
  as_root=(sudo -n)
fi
echo "install-packages: installing ${missing[*]} from the Debian archive ..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  "${as_root[@]}" apt-get update -qq >/dev/null
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for package in "${missing[@]}"; do
  command -v "$package" >/dev/null 2>&1 || [ -x "/usr/sbin/$package" ] || { echo "install-packages: $package still missing after apt-get" >&2; exit 1; }
done
