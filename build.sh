#!/usr/bin/env bash
# Build script for ProactiveMessaging.Core.
#   ./build.sh test    restore, build Release, run every test project, print "N passed, N failed, N skipped"
#   ./build.sh build   restore and build Release
#   ./build.sh pack    build the NuGet packages into artifacts/packages
#   ./build.sh bench   run the benchmarks (BenchmarkDotNet arguments follow, such as --filter)
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

solution=ProactiveMessaging.Core.sln
command=${1:-test}
shift || true

build() {
  dotnet restore "$solution"
  dotnet build "$solution" -c Release --no-restore
}

# Sums the counters of every TRX file below the folder given: prints "passed failed skipped total".
sum_results() {
  local passed=0 failed=0 skipped=0 total=0 file counters value
  while IFS= read -r -d '' file; do
    counters=$(grep -o '<Counters [^>]*' "$file" | head -n 1 || true)
    [[ -n $counters ]] || continue
    for key in total passed failed error timeout aborted notExecuted; do
      value=$(sed -n "s/.* $key=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
      value=${value:-0}
      case $key in
        total) total=$((total + value)) ;;
        passed) passed=$((passed + value)) ;;
        failed | error | timeout | aborted) failed=$((failed + value)) ;;
        notExecuted) skipped=$((skipped + value)) ;;
      esac
    done
  done < <(find "$1" -name '*.trx' -print0)
  echo "$passed $failed $skipped $total"
}

case $command in
  build)
    build
    ;;
  test)
    # The web host sample's browser tests drive Debian's chromium (installed when missing).
    bash scripts/install-chromium.sh
    # The packed-tool tests build the tool's native linux-x64 package (a C linker when missing).
    bash scripts/install-native-toolchain.sh
    if [[ -f scripts/prepare-test-services.sh ]]; then
      # The servers stop when this script ends, whatever the outcome.
      trap 'bash scripts/stop-test-services.sh' EXIT
      bash scripts/prepare-test-services.sh
      set -a
      # shellcheck disable=SC1091
      source artifacts/test-services/env
      # Here a missing server is a failure, never a silent skip.
      PROACTIVE_REQUIRE_SERVICES=1
      set +a
    fi
    build
    results=artifacts/test-results
    rm -rf "$results"
    mkdir -p "$results"
    status=0
    dotnet test --solution "$solution" -c Release --no-build --results-directory "$results" \
      --no-progress "$@" || status=$?
    read -r passed failed skipped total < <(sum_results "$results")
    echo
    echo "$passed passed, $failed failed, $skipped skipped"
    if [[ $total -eq 0 ]]; then
      echo "No test ran." >&2
      exit 1
    fi
    # One report per test project (tests/Directory.Build.targets names each): a missing one is a
    # project whose tests were not counted.
    projects=$(find tests -name '*.csproj' | wc -l)
    reports=$(find "$results" -name '*.trx' | wc -l)
    if [[ $reports -ne $projects ]]; then
      echo "Expected $projects test reports, found $reports: some tests were not counted." >&2
      exit 1
    fi
    if [[ $failed -gt 0 || $status -ne 0 ]]; then
      exit 1
    fi
    ;;
  pack)
    build
    dotnet pack "$solution" -c Release --no-build -o artifacts/packages
    # The tool's packages per runtime (the native linux-x64 executable, the portable builds).
    bash scripts/pack-tool.sh artifacts/packages
    ;;
  bench)
    dotnet run -c Release --project benchmarks/ProactiveMessaging.Benchmarks -- "$@"
    ;;
  *)
    echo "usage: ./build.sh [test|build|pack|bench]" >&2
    exit 2
    ;;
esac
