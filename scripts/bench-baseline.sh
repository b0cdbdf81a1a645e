#!/usr/bin/env bash
# Runs benchmarks that compare this tree's library with an earlier build of it, side by side in one
# BenchmarkDotNet run (one process per benchmark class, both assemblies loaded in it).
#
#   bash scripts/bench-baseline.sh [REVISION] [BenchmarkDotNet arguments...]
#
# REVISION defaults to 1373ab0, the last commit before the version, date, negation, ignoreCase,
# number-list and IP-range conditions. Its ProactiveMessaging.Core is built from `git archive`
# under artifacts/baseline/REVISION as the assembly ProactiveMessaging.Core.Baseline; the
# benchmark project references it under the extern alias `baseline` when the MSBuild property
# BaselineCoreAssembly names it (an environment variable, so that BenchmarkDotNet's own build of
# the project sees it too), which compiles the classes guarded by #if BASELINE.
set -euo pipefail
cd "$(dirname "$0")/.."

revision=1373ab0
if [[ $# -gt 0 && $1 != -* ]]; then
  revision=$1
  shift
fi
if [[ $# -eq 0 ]]; then
  set -- --filter '*AgainstBaseline*'
fi

commit=$(git rev-parse --short=12 "$revision^{commit}")
tree=artifacts/baseline/$commit
if [[ ! -f $tree/.extracted ]]; then
  rm -rf "$tree"
  mkdir -p "$tree"
  # The library and what its build reads; never the benchmark project (its name must stay unique).
  paths=(src/ProactiveMessaging.Core)
  for file in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json nuget.config BannedSymbols.txt README.md; do
    if git cat-file -e "$commit:$file" 2>/dev/null; then
      paths+=("$file")
    fi
  done
  git archive "$commit" -- "${paths[@]}" | tar -x -C "$tree"
  touch "$tree/.extracted"
fi

# SourceLink has no repository to read in an extracted tree; the baseline needs none.
dotnet build "$tree/src/ProactiveMessaging.Core/ProactiveMessaging.Core.csproj" -c Release \
  -p:AssemblyName=ProactiveMessaging.Core.Baseline -p:EnableSourceLink=false \
  -p:EnableSourceControlManagerQueries=false -p:GenerateDocumentationFile=false \
  -p:ContinuousIntegrationBuild=false -nologo -v:q

BaselineCoreAssembly=$(pwd)/$tree/src/ProactiveMessaging.Core/bin/Release/net10.0/ProactiveMessaging.Core.Baseline.dll
export BaselineCoreAssembly
if [[ ! -f $BaselineCoreAssembly ]]; then
  echo "The baseline build did not produce $BaselineCoreAssembly." >&2
  exit 1
fi

echo "Baseline: $(git log -1 --format='%h %s' "$commit" | cut -c1-100)"
dotnet run -c Release --project benchmarks/ProactiveMessaging.Benchmarks -- "$@"
