#!/usr/bin/env bash
# One web host's xueshi programs (auth, teacher, school, district), in the
# foreground, without a web server: what each host of a deployment of
# several runs behind one nginx upstream (docs/operations.md, "Several web
# hosts"). deploy/run-local.sh starts one of these per host it is asked for.
#
#   deploy/run-host.sh --bindir DIR --datadir DIR --state DIR --store DIR
#                      [--workers 2]
#
# --state is this host's own: run/ (sockets, pidfiles), logs/, tmp/ (the
# argon2id lock files that bound password hashing per host, upload
# temporaries). --store is what every host shares: the database and
# evidence/. With SQLite the hosts must be processes of one machine (SQLite's
# locks do not hold across NFS); hosts on several machines share PostgreSQL.
# When the programs listen, run/ready appears. SIGTERM stops them gracefully
# (each worker finishes its request); so does the end of any one of them.
set -euo pipefail

bindir= datadir= state= store= workers=2
while [ $# -gt 0 ]; do
	case "$1" in
	--bindir) bindir=$2; shift 2 ;;
	--datadir) datadir=$2; shift 2 ;;
	--state) state=$2; shift 2 ;;
	--store) store=$2; shift 2 ;;
	--workers) workers=$2; shift 2 ;;
	*) echo "run-host.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
[ -n "$bindir" ] && [ -n "$datadir" ] && [ -n "$state" ] && [ -n "$store" ] || {
	echo "usage: run-host.sh --bindir DIR --datadir DIR --state DIR --store DIR [--workers N]" >&2
	exit 2
}
case "$workers" in (*[!0-9]*|'') echo "run-host.sh: bad worker count $workers" >&2; exit 2 ;; esac
mkdir -p "$state/run" "$state/logs" "$state/tmp" "$store/evidence"
state=$(cd "$state" && pwd)
store=$(cd "$store" && pwd)
rm -f "$state/run/ready"
echo $$ > "$state/run/host.pid"

# The database: the store's SQLite file, or a PostgreSQL database when
# XUESHI_DB is already a postgresql:// URL (a consolidated deployment; the
# store then holds the evidence only, on a directory every host shares).
case "${XUESHI_DB:-}" in
postgresql://*|postgres://*) ;;
*) export XUESHI_DB="$store/xueshi.db" ;;
esac
export XUESHI_DATADIR="$datadir"
export XUESHI_TMPDIR="$state/tmp"
export XUESHI_EVIDENCE="$store/evidence"
export LIBFCGI_OS_CLOSE_POLL_TIMEOUT=0

programs="auth teacher school district"
pids=()
cleanup() {
	trap - INT TERM EXIT
	rm -f "$state/run/ready" "$state/run/host.pid"
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 0' INT TERM

for prog in $programs; do
	"$bindir/xueshi-$prog" --listen "unix:$state/run/$prog.sock" \
		--workers "$workers" --pidfile "$state/run/$prog.pid" \
		2>>"$state/logs/$prog.log" &
	pids+=($!)
done
# Each program opens the database and brings its schema up to date before it
# listens: after a crash the first one recovers the WAL while the others
# wait, and on a loaded machine that has taken more than 10 s. 60 s in all.
for prog in $programs; do
	while [ ! -S "$state/run/$prog.sock" ] && [ "$SECONDS" -lt 60 ]; do
		sleep 0.1
	done
	[ -S "$state/run/$prog.sock" ] || { echo "run-host.sh: xueshi-$prog did not start within 60 s (see $state/logs/$prog.log)" >&2; exit 1; }
done
: > "$state/run/ready"
# Stop every program as soon as any one of them ends.
wait -n "${pids[@]}" || true
