#!/usr/bin/env bash
# Stops the servers scripts/prepare-test-services.sh started.
set -uo pipefail
cd "$(dirname "$0")/.."
state=artifacts/test-services
[[ -f $state/ports ]] || exit 0
while read -r port; do
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
done <"$state/ports"
rm -f "$state/ports" "$state/env"
