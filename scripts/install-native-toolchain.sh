#!/usr/bin/env bash
# Installs what the .NET SDK's Native AOT compiler links the proactive tool's linux-x64 package with
# (a C compiler driver, clang or gcc, and objcopy to split the debug symbols) when the machine lacks
# it. Only on linux-x64, the one runtime whose package is native (scripts/pack-tool.sh). Prints why
# when it cannot install: the pack, or the packed-tool tests, then fail naming the missing linker.
set -euo pipefail

if [[ $(uname -s) != Linux || $(uname -m) != x86_64 ]]; then
  exit 0
fi

missing=()
if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  missing+=(gcc)
fi
if ! command -v objcopy >/dev/null && ! command -v llvm-objcopy >/dev/null; then
  missing+=(binutils)
fi
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "The native tool's linker is missing: installing Debian's ${missing[*]}." >&2
bash "$(dirname "$0")/apt-install.sh" "${missing[@]}"
exit 0
