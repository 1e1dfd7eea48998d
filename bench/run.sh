#!/usr/bin/env bash
# Benchmark xueshi's pages against the FastCGI floor, in one run, through
# the same nginx on loopback. Prints requests/s and latency for each, the
# ratio to the floor, and the resident memory of one worker afterwards.
#
#   bench/run.sh [SECONDS]        (default 10 per target; needs a plain build in _build/plain)
#
# Not part of the test suite: numbers depend on the machine. See bench/README.md.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-10}
build="$top/_build/plain"
command -v wrk >/dev/null || { echo "bench: installing wrk" >&2; sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
[ -x "$build/xueshi-auth" ] || { echo "bench: build first (./xueshi.sh test or run)" >&2; exit 1; }

work=$(mktemp -d)
cleanup() { kill -TERM "$runpid" "$floorpid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

gcc -O2 -o "$work/floor" "$top/bench/floor.c" -lfcgi
LIBFCGI_OS_CLOSE_POLL_TIMEOUT=0 "$work/floor" "$work/floor.sock" & floorpid=$!
cat > "$work/extra.conf" <<CONF
location = /floor { include $top/deploy/fastcgi-params.conf; fastcgi_pass unix:$work/floor.sock; }
CONF
XUESHI_DATADIR="$top" "$build/xueshictl" demo "$work/xueshi.db" >/dev/null
port=$((20000 + RANDOM % 20000))
XUESHI_EXTRA_NGINX="$work/extra.conf" "$top/deploy/run-local.sh" --bindir "$build" --datadir "$top" \
	--state "$work" --port "$port" --workers 2 >/dev/null 2>&1 & runpid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

printf '%-28s %12s %10s %10s %8s\n' target requests/s p50 p99 x-floor
floor_rps=0
for target in /floor "/?format=xml" / ; do
	out=$(wrk -t2 -c16 -d"${secs}s" --latency "http://127.0.0.1:$port$target")
	rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
	p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
	[ "$target" = /floor ] && floor_rps=$rps
	ratio=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
	printf '%-28s %12s %10s %10s %8s\n' "$target" "$rps" "$p50" "$p99" "$ratio"
done
master=$(cat "$work/run/auth.pid")
worker=$(cut -d' ' -f1 "/proc/$master/task/$master/children")
echo "auth worker $worker: $(grep VmRSS "/proc/$worker/status" | tr -s ' ')"
