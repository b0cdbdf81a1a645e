#!/usr/bin/env bash
# Packs the proactive tool into OUTPUT (default artifacts/packages): the pointer package that
# `dotnet tool install ProactiveMessaging.Tool` reads, and one package per runtime it names
# (ToolPackageRuntimeIdentifiers in src/ProactiveMessaging.Tool/ProactiveMessaging.Tool.csproj):
#   linux-x64       the native executable, compiled ahead of time (only on a linux-x64 machine:
#                   native code is compiled for the machine that builds it)
#   linux-musl-x64  the portable build (Alpine cannot run the glibc executable)
#   any             the portable build on the installed .NET runtime, for every other machine
# Expects the solution built in Release (./build.sh build); builds only the tool's own project again.
set -euo pipefail
cd "$(dirname "$0")/.."

output=${1:-artifacts/packages}
project=src/ProactiveMessaging.Tool/ProactiveMessaging.Tool.csproj
mkdir -p "$output"

dotnet pack "$project" -c Release --no-build -o "$output"
for rid in linux-musl-x64 any; do
  dotnet pack "$project" -c Release -r "$rid" -p:PublishAot=false -p:BuildProjectReferences=false -o "$output"
done

host=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
if [[ $host == linux-x64 ]]; then
  bash scripts/install-native-toolchain.sh
  dotnet pack "$project" -c Release -r linux-x64 -p:BuildProjectReferences=false -o "$output"
else
  echo "pack-tool: the native linux-x64 package is built on a linux-x64 machine only (this is $host)." >&2
fi
