#!/usr/bin/env bash
# Installs Debian packages the tests need, when the machine allows it (root, or sudo without a
# password):
#
#   bash scripts/apt-install.sh PACKAGE...
#
# Never fails its caller: it says why when it cannot install, and the caller's own check reports
# what is still missing. The package lists are updated at most once an hour (a stamp under
# artifacts/), so the scripts that install one after the other in a build share one update.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -eq 0 ]]; then
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo_cmd=(sudo -n)
  else
    echo "Could not install $*: not root, and sudo needs a password." >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null; then
  echo "Could not install $*: apt-get is missing (not a Debian-based machine)." >&2
  exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Another install on the machine may hold dpkg's lock: wait for it rather than fail.
apt=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
stamp=artifacts/apt-lists-updated
if [[ -z $(find "$stamp" -mmin -60 2>/dev/null) ]]; then
  if "${apt[@]}" update -qq >"$log" 2>&1; then
    mkdir -p artifacts
    touch "$stamp"
  else
    echo "apt-get update failed; installing from the lists the machine has. apt-get said:" >&2
    tail -n 20 "$log" >&2
  fi
fi
if ! "${apt[@]}" install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
  echo "Could not install $*. apt-get said:" >&2
  tail -n 20 "$log" >&2
fi
