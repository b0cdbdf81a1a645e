#!/usr/bin/env bash
# Starts the servers the integration tests need, on loopback and free ports, and writes their
# addresses to artifacts/test-services/env (read by build.sh and the test fixtures):
#   PROACTIVE_REDIS           a standalone redis-server, persistence off
#   PROACTIVE_REDIS_CLUSTER   a three-primary Redis Cluster
# Installs Debian's redis-server when it is missing and the machine allows it. Stop everything
# with scripts/stop-test-services.sh (build.sh does it on exit, also on failure).
set -euo pipefail
cd "$(dirname "$0")/.."
state=artifacts/test-services
mkdir -p "$state"
: >"$state/env"

if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  echo "redis-server is missing: installing Debian's package." >&2
  bash scripts/apt-install.sh redis-server
  command -v redis-server >/dev/null || echo "redis-server is still missing; the Redis tests will fail." >&2
fi
command -v redis-server >/dev/null || exit 0

# A free loopback port: nothing answers there and no other server of this run took it.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! grep -qx "$port" "$state/ports" 2>/dev/null; then
      echo "$port" >>"$state/ports"
      echo "$port"
      return 0
    fi
  done
  echo "No free port found." >&2
  return 1
}

start_server() { # port, extra arguments...
  local port=$1
  shift
  local dir="$state/redis-$port"
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
    --dir "$(pwd)/$dir" --pidfile "$(pwd)/$dir/redis.pid" --logfile "$(pwd)/$dir/redis.log" "$@"
  for _ in $(seq 1 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "redis-server on port $port did not start; see $dir/redis.log" >&2
  return 1
}

standalone=$(free_port)
start_server "$standalone"
echo "PROACTIVE_REDIS=127.0.0.1:$standalone" >>"$state/env"

nodes=()
for _ in 1 2 3; do
  port=$(free_port)
  start_server "$port" --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000
  nodes+=("127.0.0.1:$port")
done
redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$state/cluster-create.log" 2>&1
for _ in $(seq 1 200); do
  if redis-cli -p "${nodes[0]##*:}" cluster info 2>/dev/null | grep -q 'cluster_state:ok'; then
    echo "PROACTIVE_REDIS_CLUSTER=$(IFS=,; echo "${nodes[*]}")" >>"$state/env"
    cat "$state/env"
    exit 0
  fi
  sleep 0.05
done
echo "The Redis Cluster did not become ready; see $state/cluster-create.log" >&2
exit 1
