#!/usr/bin/env bash
# Makes sure the system tools the tests use are present: espeak-ng and sox make test speech,
# espeak-ng-data feeds the stand-in Piper voice, chromium runs the end-to-end tests, bzip2 packs the
# test voice archives. Installs them with apt-get when running as root; otherwise prints the command.
set -euo pipefail
packages=(espeak-ng espeak-ng-data sox chromium bzip2)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing test tools: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null
else
  echo "The tests need: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
