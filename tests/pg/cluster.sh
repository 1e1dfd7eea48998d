#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (issue 18): made in a
# temporary directory with initdb, started with pg_ctl on a unix socket
# only (no TCP port), and removed after. As root, the cluster belongs to an
# unprivileged user (postgres, else nobody): PostgreSQL refuses to run as
# root.
#
#   tests/pg/cluster.sh start DIR    make and start a cluster in DIR (new or
#                                    empty); prints the connection string,
#                                    postgresql:///xueshi?host=DIR/socket
#   tests/pg/cluster.sh stop DIR     stop it (fast shutdown) and remove DIR
#   tests/pg/cluster.sh kill DIR     SIGKILL the server (the durability test),
#                                    leaving DIR for a start again
#
# PostgreSQL 15 (Debian's postgresql-15) is looked for in /usr/lib/postgresql;
# XUESHI_PG_BINDIR overrides. The server keeps fsync on: the durability test
# kills it and checks that nothing acknowledged is lost.
set -euo pipefail

cmd=${1:-} dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: tests/pg/cluster.sh start|stop|kill DIR" >&2; exit 2; }

bindir=${XUESHI_PG_BINDIR:-}
if [ -z "$bindir" ]; then
	for v in 15 16 17; do
		[ -x "/usr/lib/postgresql/$v/bin/initdb" ] && { bindir=/usr/lib/postgresql/$v/bin; break; }
	done
fi
[ -n "$bindir" ] && [ -x "$bindir/pg_ctl" ] || { echo "cluster.sh: PostgreSQL's initdb and pg_ctl not found (apt-get install postgresql)" >&2; exit 1; }

# As root: run PostgreSQL's programs as an unprivileged user that owns DIR.
as_owner=()
owner=""
if [ "$(id -u)" = 0 ]; then
	owner=postgres
	id "$owner" >/dev/null 2>&1 || owner=nobody
	as_owner=(setpriv --reuid="$(id -u "$owner")" --regid="$(id -g "$owner")" --clear-groups --)
fi
run() { "${as_owner[@]}" "$@"; }

case "$cmd" in
start)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[ -n "$owner" ] && chown "$owner" "$dir" && chmod 0700 "$dir"
	# The directory's parents must let the owner in (a test's mkdtemp is 0700 under /tmp).
	if [ -n "$owner" ]; then
		p=$(dirname "$dir")
		while [ "$p" != / ]; do
			[ -x "$p" ] || break
			if ! run test -x "$p"; then chmod o+x "$p"; fi
			p=$(dirname "$p")
		done
	fi
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		run mkdir -p "$dir/data" "$dir/socket"
		run "$bindir/initdb" -D "$dir/data" -U xueshi --auth=trust --encoding=UTF8 \
			--locale=C.UTF-8 --no-instructions >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; exit 1; }
	fi
	# Unix socket only; small, and fsync kept on.
	run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir/socket' -c max_connections=200 -c shared_buffers=32MB -c fsync=on" \
		start >/dev/null || { tail -n 20 "$dir/server.log" >&2; exit 1; }
	run "$bindir/psql" -X -q -h "$dir/socket" -U xueshi -d postgres \
		-c "SELECT 1 FROM pg_database WHERE datname = 'xueshi'" -At | grep -q 1 ||
		run "$bindir/createdb" -h "$dir/socket" -U xueshi xueshi
	echo "postgresql:///xueshi?host=$dir/socket&user=xueshi"
	;;
stop)
	[ -d "$dir" ] || exit 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		run "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 120 stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
kill)
	[ -f "$dir/data/postmaster.pid" ] || exit 0
	pid=$(head -n 1 "$dir/data/postmaster.pid")
	kill -KILL "$pid" 2>/dev/null || true
	# Its backends end when the postmaster is gone. Wait until none is left
	# and the postmaster is reaped (a zombie's pid would still be "running"
	# to the next start's check of postmaster.pid).
	for _ in $(seq 1 600); do
		[ -e "/proc/$pid" ] || pgrep -P "$pid" >/dev/null 2>&1 || break
		sleep 0.1
	done
	;;
*)
	echo "usage: tests/pg/cluster.sh start|stop|kill DIR" >&2
	exit 2
	;;
esac
