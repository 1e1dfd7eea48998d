#!/usr/bin/env bash
# Benchmark xueshi's home page against the FastCGI floor, in one run,
# through the same nginx on loopback (deploy/run-local.sh, with the floor's
# locations added). Prints requests/s and latency (p50, p99) for each
# target, the ratio to the floor, and the resident memory of one
# xueshi-auth worker after the run.
#
#   bench/run.sh [--seconds 10] [--rounds 3] [--builddir DIR] [--workers 2]
#                [--threads 2] [--connections 16]
#   bench/run.sh SECONDS            (the same as --seconds SECONDS)
#   bench/run.sh district [--teachers 20000] [--schools 100] [--first-school 300]
#                [--seconds 5] [--rounds 3] [--builddir DIR] [--workers 2] ...
#
# The district mode generates a district with bench/gen (the first school
# holding --first-school teachers), serves it, logs in as the district's
# admin and the first school's admin, and measures the district and school
# pages beside the floor: each page's single-request latency with curl
# (median of --rounds, at least 3), and requests/s with wrk for the pages
# fast enough for it; then `xueshictl assess` for the district (wall time,
# max RSS) and the resident memory of every worker afterwards.
#
# --builddir names a configured and built tree; by default _build/plain
# (./xueshi.sh run or test makes it), else the tree is built into
# _build/bench. The floor (bench/floor.c) is compiled here with gcc.
# Not part of the test suite: numbers depend on the machine. See bench/README.md.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
secs=10 rounds=3 builddir="" workers=2 threads=2 conns=16
mode=home teachers=20000 schools=100 first_school=300
if [ "${1:-}" = district ]; then
	mode=district secs=5
	shift
fi
while [ $# -gt 0 ]; do
	case "$1" in
	--teachers) teachers=$2; shift 2 ;;
	--schools) schools=$2; shift 2 ;;
	--first-school) first_school=$2; shift 2 ;;
	--seconds) secs=$2; shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	--builddir) builddir=$2; shift 2 ;;
	--workers) workers=$2; shift 2 ;;
	--threads) threads=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	[0-9]*) secs=$1; shift ;;
	*) echo "usage: bench/run.sh [district [--teachers N] [--schools N] [--first-school N]] [--seconds N] [--rounds N] [--builddir DIR] [--workers N] [--threads N] [--connections N]" >&2; exit 2 ;;
	esac
done
say() { printf 'bench: %s\n' "$*" >&2; }

# ------------------------------------------------------------ what it needs
need_pkg() {
	command -v "$1" >/dev/null && return 0
	say "installing $2"
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need_pkg wrk wrk
need_pkg curl curl
need_pkg gcc build-essential

if [ -z "$builddir" ]; then
	if [ -x "$top/_build/plain/xueshi-auth" ]; then
		builddir="$top/_build/plain"
	else
		builddir="$top/_build/bench"
		say "building xueshi into $builddir"
		[ -x "$top/configure" ] || (cd "$top" && autoreconf -fi >/dev/null)
		mkdir -p "$builddir"
		(cd "$builddir" && { [ -f Makefile ] || "$top/configure" --quiet; } && make -j"$(nproc)" >/dev/null)
	fi
fi
builddir=$(cd "$builddir" && pwd)
[ -x "$builddir/xueshi-auth" ] && [ -x "$builddir/xueshictl" ] ||
	{ say "$builddir holds no built xueshi-auth and xueshictl"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/xs-bench-XXXXXX")
runpid="" floorpids=()
cleanup() {
	trap - EXIT INT TERM
	for p in "${floorpids[@]}" $runpid; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${floorpids[@]}" $runpid; do wait "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fcgi_flags=$(pkg-config --cflags --libs fcgi 2>/dev/null || echo -lfcgi)
# shellcheck disable=SC2086
gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -o "$work/floor" "$top/bench/floor.c" $fcgi_flags

# ------------------------------------------------------------------ servers
# The floor twice: as xueshi runs (no wait after each response), and with
# libfcgi's default (it polls up to 2 s for the server to close first).
mkdir -p "$work/run"
LIBFCGI_OS_CLOSE_POLL_TIMEOUT=0 "$work/floor" "$work/run/floor.sock" "$workers" &
floorpids+=($!)
env -u LIBFCGI_OS_CLOSE_POLL_TIMEOUT "$work/floor" "$work/run/floor-poll.sock" "$workers" &
floorpids+=($!)
cat > "$work/extra.conf" <<CONF
location = /floor { include $top/deploy/fastcgi-params.conf; fastcgi_pass unix:$work/run/floor.sock; }
location = /floor-poll { include $top/deploy/fastcgi-params.conf; fastcgi_pass unix:$work/run/floor-poll.sock; }
CONF

if [ "$mode" = district ]; then
	[ "$rounds" -ge 3 ] || rounds=3
	say "generating a district of $teachers teachers in $schools schools"
	gen_start=$(date +%s.%N)
	XUESHI_BUILDDIR="$builddir" "$top/bench/gen" district --teachers "$teachers" --schools "$schools" \
		--first-school "$first_school" "$work/xueshi.db" >"$work/gen.out"
	gen_secs=$(awk -v a="$gen_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	say "$(cat "$work/gen.out") in ${gen_secs}s"
else
	XUESHI_DATADIR="$top" "$builddir/xueshictl" demo "$work/xueshi.db" >/dev/null
fi

# A port below the ephemeral range: wrk's many client connections leave
# ports of that range in TIME-WAIT, where nginx could not bind.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
pick_port() { echo $((10000 + RANDOM % (low > 12000 ? low - 10000 : 2000))); }
port=$(pick_port)
while ! port_free "$port"; do port=$(pick_port); done
XUESHI_NGINX_LIMITS=off XUESHI_EXTRA_NGINX="$work/extra.conf" "$top/deploy/run-local.sh" --bindir "$builddir" \
	--datadir "$top" --state "$work" --port "$port" --workers "$workers" \
	>"$work/run-local.out" 2>&1 &
runpid=$!
base="http://127.0.0.1:$port"
for t in /floor /floor-poll "/?format=xml" /; do
	for _ in $(seq 1 100); do
		curl -sf -o /dev/null "$base$t" && break
		kill -0 "$runpid" 2>/dev/null || { cat "$work/run-local.out" >&2; say "run-local.sh ended"; exit 1; }
		sleep 0.1
	done
	curl -sf -o /dev/null "$base$t" || { say "$base$t does not answer 200"; cat "$work/run-local.out" >&2; exit 1; }
done

[ "$mode" = district ] && { . "$top/bench/district.sh"; exit 0; }

# ------------------------------------------------------------------ measure
# The targets take turns, ROUNDS times over: a loaded or noisy machine (a
# VM, a neighbour's build) then hits them all alike, and the median round
# of each is reported with the spread of its requests/s.
targets=(/floor /floor-poll "/?format=xml" /)
labels=("/floor (poll timeout 0)" "/floor-poll (libfcgi default)" "/?format=xml (home, XML)" "/ (home, HTML)")
declare -A res
for i in "${!targets[@]}"; do
	# A short warm-up: stylesheets compiled, pages in the cache.
	wrk -t"$threads" -c"$conns" -d2s "$base${targets[$i]}" >/dev/null
done
for r in $(seq 1 "$rounds"); do
	for i in "${!targets[@]}"; do
		out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$base${targets[$i]}")
		rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
		p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
		p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
		errs=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")
		res[$i,$r]="$rps $p50 $p99 $errs"
		say "round $r ${targets[$i]}: $rps req/s"
	done
done

printf '# %s, %s, %s cores; nginx + %s workers per program; wrk -t%s -c%s, %s rounds of %ss\n' \
	"$(date -u +%FT%TZ)" "$(uname -srm)" "$(nproc)" "$workers" "$threads" "$conns" "$rounds" "$secs"
printf '%-30s %11s %17s %10s %10s %8s %7s\n' target requests/s "(min-max)" p50 p99 x-floor errors
floor_rps=0
for i in "${!targets[@]}"; do
	# The median round by requests/s; errors over all rounds.
	median=$(for r in $(seq 1 "$rounds"); do echo "${res[$i,$r]}"; done | sort -n -k1,1 |
		sed -n "$(( (rounds + 1) / 2 ))p")
	spread=$(for r in $(seq 1 "$rounds"); do echo "${res[$i,$r]}"; done | sort -n -k1,1 |
		awk 'NR == 1 {lo = $1} {hi = $1} END {printf "(%.0f-%.0f)", lo, hi}')
	errs=$(for r in $(seq 1 "$rounds"); do echo "${res[$i,$r]}"; done | awk '{n += $4} END {print n + 0}')
	read -r rps p50 p99 _ <<<"$median"
	[ "$i" = 0 ] && floor_rps=$rps
	ratio=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
	printf '%-30s %11.0f %17s %10s %10s %8s %7s\n' "${labels[$i]}" "$rps" "$spread" "$p50" "$p99" "$ratio" "$errs"
done

master=$(cat "$work/run/auth.pid")
for worker in $(cat "/proc/$master/task/$master/children"); do
	printf 'one xueshi-auth worker (pid %s) after the run: VmRSS %s\n' "$worker" \
		"$(awk '/^VmRSS/ {print $2, $3}' "/proc/$worker/status")"
	break
done
