#!/usr/bin/env bash
# Benchmark xueshi's home page and the teacher dashboard against the
# FastCGI floor and against a PHP peer, in one run, through the same nginx
# on loopback (deploy/run-local.sh, with the floor's and the PHP peer's
# locations added). Prints requests/s and latency (p50, p99) for each
# target, the ratio to the floor, xueshi / PHP for the dashboard, and the
# resident memory of the workers after the run.
#
#   bench/run.sh [--seconds 10] [--rounds 3] [--builddir DIR] [--workers 2]
#                [--threads 2] [--connections 16] [--teacher WTQ00062]
#   bench/run.sh SECONDS            (the same as --seconds SECONDS)
#   bench/run.sh district [--teachers 20000] [--schools 100] [--first-school 300]
#                [--seconds 5] [--rounds 3] [--builddir DIR] [--workers 2] ...
#   bench/run.sh pages [--teachers 20000] [--schools 100] [--first-school 300] ...
#
# The district mode generates a district with bench/gen (the first school
# holding --first-school teachers), serves it, logs in as the district's
# admin and the first school's admin, and measures the district and school
# pages beside the floor: each page's single-request latency with curl
# (median of --rounds, at least 3), and requests/s with wrk for the pages
# fast enough for it; then `xueshictl assess` for the district (wall time,
# max RSS) and the resident memory of every worker afterwards.
#
# The pages mode (bench/pages.sh) generates the district the same way and
# measures the pages people wait on beside the floor: a teacher's dashboard,
# the record form, a record submitted with a 300 KB PDF, the 300-teacher
# school's summary, the district's statistics, the batch print of that
# school's 300 cards and its .xlsx exports; then every worker's memory.
#
# The home mode logs in as the demo teacher --teacher (a session cookie,
# which wrk sends) for /teacher, /teacher?format=xml and the PHP peer's
# /php/teacher (bench/php/dashboard.php under php-fpm, started here with
# bench/php/php-fpm.conf, as many workers as each program; skipped, with a
# message, where php-fpm8.2 cannot be had, or with XUESHI_BENCH_PHP=off).
#
# --builddir names a configured and built tree; by default _build/plain
# (./xueshi.sh run or test makes it), else the tree is built into
# _build/bench. The floor (bench/floor.c) is compiled here with gcc.
# Not part of the test suite: numbers depend on the machine. See bench/README.md.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
secs=10 rounds=3 builddir="" workers=2 threads=2 conns=16
mode=home teachers=20000 schools=100 first_school=300 teacher=WTQ00062
if [ "${1:-}" = district ] || [ "${1:-}" = pages ]; then
	mode=$1 secs=5
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
	--teacher) teacher=$2; shift 2 ;;
	[0-9]*) secs=$1; shift ;;
	*) echo "usage: bench/run.sh [district [--teachers N] [--schools N] [--first-school N]] [--seconds N] [--rounds N] [--builddir DIR] [--workers N] [--threads N] [--connections N] [--teacher LOGIN]; bench/run.sh pages [the district options] ..." >&2; exit 2 ;;
	esac
done
say() { printf 'bench: %s\n' "$*" >&2; }
. "$top/bench/lib.sh"

# ------------------------------------------------------------ what it needs
need_pkg() {
	command -v "$1" >/dev/null && return 0
	say "installing $2"
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $2 >/dev/null
}
need_pkg wrk wrk
need_pkg curl curl
need_pkg gcc build-essential
[ "$mode" = home ] || need_pkg sqlite3 sqlite3

# The PHP peer (home mode): php-fpm with the XML/XSLT, SQLite and opcache
# modules. Installed like the rest; where it cannot be, the run goes on without it.
php_fpm="" php_skip=""
if [ "$mode" = home ] && [ "${XUESHI_BENCH_PHP:-}" = off ]; then
	say "skipping the PHP peer: XUESHI_BENCH_PHP=off"
	php_skip="XUESHI_BENCH_PHP=off"
elif [ "$mode" = home ]; then
	php_fpm=$(command -v php-fpm8.2 || { [ -x /usr/sbin/php-fpm8.2 ] && echo /usr/sbin/php-fpm8.2; } || true)
	if [ -z "$php_fpm" ]; then
		need_pkg php-fpm8.2 "php8.2-fpm php8.2-xml php8.2-sqlite3 php8.2-opcache" 2>/dev/null ||
			say "could not install php8.2-fpm"
		php_fpm=$(command -v php-fpm8.2 || { [ -x /usr/sbin/php-fpm8.2 ] && echo /usr/sbin/php-fpm8.2; } || true)
	fi
	if [ -n "$php_fpm" ]; then
		mods=$("$php_fpm" -m 2>/dev/null || true)
		for m in xsl sqlite3 dom "Zend OPcache"; do
			grep -qx "$m" <<<"$mods" || php_skip="php-fpm8.2 lacks the module $m"
		done
	else
		php_skip="php-fpm8.2 is not installed"
	fi
	[ -z "$php_skip" ] || { say "skipping the PHP peer: $php_skip"; php_fpm=""; }
fi

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
runpid="" phppid="" floorpids=()
cleanup() {
	trap - EXIT INT TERM
	for p in "${floorpids[@]}" $runpid $phppid; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${floorpids[@]}" $runpid $phppid; do wait "$p" 2>/dev/null || true; done
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

# The PHP peer: php-fpm in the foreground, opcache on (the script compiled
# once, timestamps never checked), pm = static with the programs' workers.
phppid=""
if [ -n "$php_fpm" ]; then
	mkdir -p "$work/php"
	root_flag=""
	[ "$(id -u)" = 0 ] && root_flag=-R
	XS_PHP_DIR="$work/php" XS_PHP_WORKERS="$workers" XS_PHP_USER="$(id -un)" XS_PHP_GROUP="$(id -gn)" \
		"$php_fpm" -y "$top/bench/php/php-fpm.conf" -F $root_flag \
		-d opcache.enable=1 -d opcache.validate_timestamps=0 >"$work/php/stdout" 2>&1 &
	phppid=$!
	cat >> "$work/extra.conf" <<CONF
location = /php/teacher {
	include $top/deploy/fastcgi-params.conf;
	fastcgi_param SCRIPT_FILENAME $top/bench/php/dashboard.php;
	fastcgi_param XUESHI_DB $work/xueshi.db;
	fastcgi_param XUESHI_DATADIR $top;
	fastcgi_pass unix:$work/php/php-fpm.sock;
}
CONF
fi

if [ "$mode" != home ]; then
	[ "$rounds" -ge 3 ] || rounds=3
	say "generating a district of $teachers teachers in $schools schools"
	gen_start=$(date +%s.%N)
	XUESHI_BUILDDIR="$builddir" "$top/bench/gen" district --teachers "$teachers" --schools "$schools" \
		--first-school "$first_school" "$work/xueshi.db" >"$work/gen.out"
	gen_secs=$(awk -v a="$gen_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	say "$(cat "$work/gen.out") in ${gen_secs}s"
	if [ "$mode" = pages ]; then
		# The record submit needs a teacher who may register today: in the
		# generated wuhua (五华区) only the schools register, and its current
		# year's registration deadline lies in the past of a later clock.
		# The pages mode lets teachers register and lifts that deadline.
		sqlite3 "$work/xueshi.db" "UPDATE district SET self_registration = 1 WHERE code = 'wuhua';
			UPDATE school_year SET register_deadline = NULL WHERE is_current = 1
			AND district_id = (SELECT id FROM district WHERE code = 'wuhua')"
	fi
else
	XUESHI_DATADIR="$top" "$builddir/xueshictl" demo "$work/xueshi.db" >/dev/null
fi

port=$(free_port)   # below the ephemeral range (bench/lib.sh)
XUESHI_NGINX_LIMITS=off XUESHI_EXTRA_NGINX="$work/extra.conf" "$top/deploy/run-local.sh" --bindir "$builddir" \
	--datadir "$top" --state "$work" --port "$port" --workers "$workers" \
	>"$work/run-local.out" 2>&1 &
runpid=$!
base="http://127.0.0.1:$port"
ready=(/floor /floor-poll "/?format=xml" /)
[ -n "$php_fpm" ] && ready+=(/php/teacher)   # a 303 to /login without a session: php-fpm answers
for t in "${ready[@]}"; do
	for _ in $(seq 1 100); do
		curl -sf -o /dev/null "$base$t" && break
		kill -0 "$runpid" 2>/dev/null || { cat "$work/run-local.out" >&2; say "run-local.sh ended"; exit 1; }
		sleep 0.1
	done
	curl -sf -o /dev/null "$base$t" || { say "$base$t does not answer 200"; cat "$work/run-local.out" >&2; exit 1; }
done

# login LOGIN: prints the session cookie's value. The login form wants the
# csrf token of the anonymous page (and its cookie) and an Origin header.
password=xueshi-demo-2026   # the demo password (cgi-bin/demo.h), which bench/gen gives every account
login() {
	local jar="$work/jar-$1" csrf
	csrf=$(curl -sf -c "$jar" -b "$jar" "$base/?format=xml" | grep -o 'csrf token="[0-9a-f]*"' | head -1 |
		sed 's/.*token="//; s/"$//')
	[ -n "$csrf" ] || { say "no csrf token on $base/?format=xml"; exit 1; }
	curl -sf -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base" --data-urlencode "login=$1" \
		--data-urlencode "password=$password" --data-urlencode "csrf=$csrf" "$base/login"
	awk '$6 == "xs_session" { print $7 }' "$jar"
}

# rss PIDFILE LABEL: one line per child of the master named in PIDFILE.
rss() {
	local master
	master=$(cat "$1")
	for worker in $(cat "/proc/$master/task/$master/children"); do
		printf '%s worker %s: VmRSS %s, VmHWM %s\n' "$2" "$worker" \
			"$(awk '/^VmRSS/ {print $2, $3}' "/proc/$worker/status")" \
			"$(awk '/^VmHWM/ {print $2, $3}' "/proc/$worker/status")"
	done
}

[ "$mode" = district ] && { . "$top/bench/district.sh"; exit 0; }
[ "$mode" = pages ] && { . "$top/bench/pages.sh"; exit 0; }

# ------------------------------------------------------------------ measure
# The demo teacher's session, for the dashboard: xueshi's and the PHP peer's.
cookie=$(login "$teacher")
[ -n "$cookie" ] || { say "login as $teacher failed"; exit 1; }
ck="Cookie: xs_session=$cookie"

# The targets take turns, ROUNDS times over: a loaded or noisy machine (a
# VM, a neighbour's build) then hits them all alike, and the median round
# of each is reported with the spread of its requests/s.
targets=(/floor /floor-poll "/?format=xml" / "/teacher?format=xml" /teacher)
labels=("/floor (poll timeout 0)" "/floor-poll (libfcgi default)" "/?format=xml (home, XML)" "/ (home, HTML)"
	"/teacher?format=xml (XML)" "/teacher (dashboard, HTML)")
heads=("" "" "" "" "$ck" "$ck")
if [ -n "$php_fpm" ]; then
	targets+=("/php/teacher?format=xml" /php/teacher)
	labels+=("/php/teacher?format=xml (PHP)" "/php/teacher (PHP, HTML)")
	heads+=("$ck" "$ck")
fi
for i in "${!targets[@]}"; do
	code=$(curl -s -o "$work/page.out" -w '%{http_code}' ${heads[$i]:+-H "${heads[$i]}"} "$base${targets[$i]}")
	[ "$code" = 200 ] || { say "${targets[$i]} answered $code"; cat "$work/page.out" "$work/php/php-fpm.log" >&2 2>/dev/null; exit 1; }
done
if [ -n "$php_fpm" ]; then
	# The peer's page must be xueshi's: the same HTML, byte for byte.
	curl -s -o "$work/c.html" -H "$ck" "$base/teacher"
	curl -s -o "$work/p.html" -H "$ck" "$base/php/teacher"
	if cmp -s "$work/c.html" "$work/p.html"; then
		php_same="the same HTML as xueshi's ($(wc -c <"$work/c.html") bytes)"
	else
		php_same="HTML DIFFERS from xueshi's (bench/php/compare.sh shows where)"
	fi
	say "the PHP peer's dashboard: $php_same"
fi
declare -A res
for i in "${!targets[@]}"; do
	# A short warm-up: stylesheets compiled, pages in the cache.
	wrk -t"$threads" -c"$conns" -d2s ${heads[$i]:+-H "${heads[$i]}"} "$base${targets[$i]}" >/dev/null
done
for r in $(seq 1 "$rounds"); do
	for i in "${!targets[@]}"; do
		out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency ${heads[$i]:+-H "${heads[$i]}"} "$base${targets[$i]}")
		res[$i,$r]=$(wrk_summary <<<"$out")
		say "round $r ${targets[$i]}: ${res[$i,$r]%% *} req/s"
	done
done

printf '# %s, %s, %s cores; nginx + %s workers per program%s; wrk -t%s -c%s, %s rounds of %ss\n' \
	"$(date -u +%FT%TZ)" "$(uname -srm)" "$(nproc)" "$workers" \
	"${php_fpm:+, php-fpm $("$php_fpm" -v | awk 'NR == 1 {print $2}') pm=static $workers workers, opcache on}" \
	"$threads" "$conns" "$rounds" "$secs"
[ -n "$php_fpm" ] || printf '# the PHP peer skipped: %s\n' "$php_skip"
printf '# the dashboard as teacher %s\n' "$teacher"
printf '%-30s %11s %17s %10s %10s %8s %7s\n' target requests/s "(min-max)" p50 p99 x-floor errors
floor_rps=0
declare -A med
for i in "${!targets[@]}"; do
	# The median round by requests/s; errors over all rounds.
	median=$(for r in $(seq 1 "$rounds"); do echo "${res[$i,$r]}"; done | sort -n -k1,1 |
		sed -n "$(( (rounds + 1) / 2 ))p")
	spread=$(for r in $(seq 1 "$rounds"); do echo "${res[$i,$r]}"; done | sort -n -k1,1 |
		awk 'NR == 1 {lo = $1} {hi = $1} END {printf "(%.0f-%.0f)", lo, hi}')
	errs=$(for r in $(seq 1 "$rounds"); do echo "${res[$i,$r]}"; done | awk '{n += $4} END {print n + 0}')
	read -r rps p50 p99 _ <<<"$median"
	med[${targets[$i]}]=$rps
	[ "$i" = 0 ] && floor_rps=$rps
	ratio=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
	printf '%-30s %11.0f %17s %10s %10s %8s %7s\n' "${labels[$i]}" "$rps" "$spread" "$p50" "$p99" "$ratio" "$errs"
done
if [ -n "$php_fpm" ]; then
	printf 'xueshi ÷ PHP (dashboard HTML): %s\n' \
		"$(awk -v a="${med[/teacher]}" -v b="${med[/php/teacher]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
	printf 'xueshi ÷ PHP (dashboard XML): %s\n' \
		"$(awk -v a="${med[/teacher?format=xml]}" -v b="${med[/php/teacher?format=xml]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
	printf 'the PHP peer: %s\n' "$php_same"
	# Where the peer's time goes (one CLI process): what php-fpm cannot keep between requests.
	if command -v php >/dev/null; then
		php "$top/bench/php/phases.php" "$work/xueshi.db" "$top" "$cookie" 200 || say "phases.php failed"
	fi
fi

printf 'after the run:\n'
rss "$work/run/auth.pid" xueshi-auth
rss "$work/run/teacher.pid" xueshi-teacher
[ -z "$php_fpm" ] || rss "$work/php/php-fpm.pid" php-fpm
