#!/usr/bin/env bash
# Records the library's public API in PublicAPI.Unshipped.txt: adds every symbol the Public API
# analyzer reports as undeclared (RS0016) and drops every declared symbol it no longer finds (RS0017).
# Run it after a deliberate change to the public surface, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/; do
  name=$(basename "$project")
  unshipped="$project/PublicAPI.Unshipped.txt"
  [[ -f $unshipped ]] || continue
  for _ in 1 2 3; do
    log=$(dotnet build "$project/$name.csproj" -c Release --no-incremental 2>&1 || true)
    added=$(grep -o "error RS0016: Symbol '.*' is not part of the declared public API" <<<"$log" |
      sed -e "s/^error RS0016: Symbol '//" -e "s/' is not part of the declared public API$//" | sort -u || true)
    removed=$(grep -o "error RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" <<<"$log" |
      sed -e "s/^error RS0017: Symbol '//" -e "s/' is part of the declared API.*$//" | sort -u || true)
    [[ -z $added && -z $removed ]] && break
    {
      echo '#nullable enable'
      { grep -v '^#nullable enable$' "$unshipped" | grep -v '^$' | grep -Fxv -f <(printf '%s\n' "$removed") || true
        if [[ -n $added ]]; then printf '%s\n' "$added"; fi
      } | LC_ALL=C sort -u
    } >"$unshipped.tmp"
    mv "$unshipped.tmp" "$unshipped"
  done
done
