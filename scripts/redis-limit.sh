#!/usr/bin/env bash
# The practical limit of a decision that shows a message, on this machine: redis-benchmark runs
# the Redis stores' own scripts (read from their sources) against a redis-server on loopback with
# the round trips a shown decision makes, one after the other:
#   1. the frequency store's compare-and-set (EVALSHA), the visitor's state as stored and sent back
#      unchanged in size: GET, compare, answer 1;
#   2. the metrics store's count (EVALSHA) for a visitor already counted as sent: HGET, answer 0.
# For 1 caller and for 32 and 64 in flight (-c, one request each: -P 1) it prints each script's
# requests per second and the decisions per second the two allow together: 1 / (1/a + 1/b).
#
#   scripts/redis-limit.sh [--port PORT] [--requests N] [--repeat R]
#
# Without --port it starts its own redis-server on a free 127.0.0.1 port, persistence off, and
# stops it on exit (also on failure). Compare with RedisDecisionBenchmarks (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."

port=""
requests=100000
repeat=3
state_bytes=${STATE_BYTES:-67}
while [[ $# -gt 0 ]]; do
  case $1 in
    --port) port=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "usage: scripts/redis-limit.sh [--port PORT] [--requests N] [--repeat R]" >&2; exit 2 ;;
  esac
done

for tool in redis-server redis-cli redis-benchmark; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is not installed (Debian: apt-get install redis-server redis-tools): no limit measured." >&2
    exit 1
  fi
done

if [[ -z $port ]]; then
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  dir=$(mktemp -d)
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
  for _ in $(seq 1 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.05
  done
fi
cli() { redis-cli -p "$port" "$@"; }

# A C# raw string constant's text, its indentation removed.
script_of() { # file, constant name
  awk -v name="$2" '
    $0 ~ "const string " name " = \"\"\"" { inside = 1; next }
    inside && /^ *""";/ { exit }
    inside { sub(/^        /, ""); print }
  ' "$1"
}

compare_and_set=$(script_of src/ProactiveMessaging.Redis/RedisFrequencyStore.cs CompareAndSet)
count=$(script_of src/ProactiveMessaging.Redis/RedisMetricsStore.cs Count)
[[ -n $compare_and_set && -n $count ]] || { echo "The scripts were not found in the stores' sources." >&2; exit 1; }
cas_sha=$(cli script load "$compare_and_set")
count_sha=$(cli script load "$count")

# Keys and values shaped like the benchmark's: a visitor's state of $state_bytes bytes, a message
# id of 32 characters, and the visitor already counted as sent.
state=$(head -c "$state_bytes" /dev/zero | tr '\0' 's')
visitor=visitor-single-0
frequency_key="pm:{ws-bench:$visitor}:f"
message_tag="pm:{ws-bench:0123456789abcdef0123456789abcdef}"
cli set "$frequency_key" "$state" >/dev/null
cli hset "$message_tag:v" "$visitor" 1 >/dev/null

# The paths measured must be the ones described above, not errors.
[[ $(cli evalsha "$cas_sha" 1 "$frequency_key" "$state" "$state" 0) == 1 ]] || { echo "The compare-and-set did not answer 1." >&2; exit 1; }
[[ $(cli evalsha "$count_sha" 2 "$message_tag:v" "$message_tag:c" "$visitor" 1 sent) == 0 ]] || { echo "The count did not answer 0." >&2; exit 1; }

# Requests per second of one command, the median of $repeat runs.
rps() { # clients, command...
  local clients=$1 runs=() value
  shift
  for _ in $(seq 1 "$repeat"); do
    value=$(redis-benchmark -p "$port" -c "$clients" -P 1 -n "$requests" --csv "$@" | tail -n 1 | cut -d, -f2 | tr -d '"')
    runs+=("$value")
  done
  printf '%s\n' "${runs[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

echo "redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p'), $(nproc) cores, $requests requests, median of $repeat runs"
printf '%-10s %18s %18s %22s\n' callers "compare-and-set/s" "count/s" "shown decisions/s"
for clients in 1 32 64; do
  a=$(rps "$clients" evalsha "$cas_sha" 1 "$frequency_key" "$state" "$state" 0)
  b=$(rps "$clients" evalsha "$count_sha" 2 "$message_tag:v" "$message_tag:c" "$visitor" 1 sent)
  both=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.0f", 1 / (1 / a + 1 / b) }')
  printf '%-10s %18.0f %18.0f %22s\n' "$clients" "$a" "$b" "$both"
done
