#!/usr/bin/env bash
# Installs operating-system packages DHO Index uses from Debian's archive: haproxy, the load balancer in front of
# the gateway nodes of `./dho start --distributed` and the system test; chromium and chromium-driver, the headless
# browser the web app's browser test drives (Selenium through chromedriver). Idempotent and quiet when every
# package is present; needs root (or sudo) only when something is missing.
#   scripts/install-packages.sh haproxy [more packages ...]
set -euo pipefail
[ $# -gt 0 ] || set -- haproxy
# The command each package brings (the package's own name unless said here).
command_of() {
  case "$1" in
    chromium-driver) echo chromedriver ;;
    *) echo "$1" ;;
  esac
}
present() {
  local command; command=$(command_of "$1")
  command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ]
}
missing=()
for package in "$@"; do
  # The package's command on the PATH is what the launcher needs; dpkg's record alone is not enough.
  present "$package" || missing+=("$package")
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
  present "$package" || { echo "install-packages: $package still missing after apt-get" >&2; exit 1; }
done
