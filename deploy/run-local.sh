#!/usr/bin/env bash
# Start nginx and the xueshi programs from a build tree, in the foreground.
# Everything lives under the state directory: the nginx config written here,
# sockets, logs, temporary files, the database. Ctrl-C (or SIGTERM) stops
# everything this script started.
#
#   deploy/run-local.sh --bindir DIR --datadir DIR --state DIR [--port 8080]
#                       [--workers 2] [--host 127.0.0.1] [--store DIR] [--hosts 1]
# --hosts N starts N sets of the programs (as N web hosts would run them:
# deploy/run-host.sh, each with its own run/, logs/ and tmp/ in hostK/ of the
# state directory) on the one store, behind one nginx upstream per program.
# The server block is deploy/nginx/xueshi.conf itself, paths replaced.
# XUESHI_EXTRA_NGINX names a file of extra locations for the server block
# (the benchmarks add the FastCGI floor this way); XUESHI_NGINX_LIMITS=off
# leaves out the per-address limits (benchmarks, the test suite).
set -euo pipefail

bindir= datadir= state= store= port=8080 workers=2 host=127.0.0.1 hosts=1
while [ $# -gt 0 ]; do
	case "$1" in
	--bindir) bindir=$2; shift 2 ;;
	--datadir) datadir=$2; shift 2 ;;
	--state) state=$2; shift 2 ;;
	--port) port=$2; shift 2 ;;
	--workers) workers=$2; shift 2 ;;
	--host) host=$2; shift 2 ;;
	--store) store=$2; shift 2 ;;
	--hosts) hosts=$2; shift 2 ;;
	*) echo "run-local.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
[ -n "$bindir" ] && [ -n "$datadir" ] && [ -n "$state" ] || {
	echo "usage: run-local.sh --bindir DIR --datadir DIR --state DIR [--port N] [--workers N]" >&2
	exit 2
}
case "$port" in (*[!0-9]*|'') echo "run-local.sh: bad port $port" >&2; exit 2 ;; esac
case "$hosts" in ([1-9]|[1-9][0-9]) ;; (*) echo "run-local.sh: --hosts takes 1 to 99" >&2; exit 2 ;; esac

nginx_bin=${XUESHI_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
bindir=$(cd "$bindir" && pwd)
datadir=$(cd "$datadir" && pwd)
mkdir -p "$state"
state=$(cd "$state" && pwd)
mkdir -p "$state/run" "$state/logs" "$state/nginx-tmp"

# --store DIR keeps the database and the evidence there (default: the state
# directory); deploy/run-host.sh gives the programs their settings.
store=${store:-$state}

# nginx's workers must reach our sockets: as root, they run as the same user.
user_line=""
if [ "$(id -u)" = 0 ]; then
	user_line="user $(id -un) $(id -gn);"
fi

programs="auth teacher school district"

# The server block is the shipped site file, deploy/nginx/xueshi.conf, with
# its installed paths replaced by this tree's: the quick start and the test
# suite run the very limits, timeouts, upload routes and error pages a
# deployment gets. Each replaced string must occur (a site file that drifts
# fails here, loudly).
site_file="$datadir/deploy/nginx/xueshi.conf"
site=$(<"$site_file")
subst() {
	case "$site" in
	(*"$1"*) site=${site//"$1"/"$2"} ;;
	(*) echo "run-local.sh: $site_file no longer holds \"$1\"" >&2; exit 1 ;;
	esac
}
subst "/usr/local/share/xueshi/errors/" "$state/errors/"
subst "/usr/local/share/xueshi/htdocs/" "$datadir/htdocs/"
subst "/usr/local/share/xueshi/deploy/" "$datadir/deploy/"
upstreams=""
if [ "$hosts" -gt 1 ]; then
	# Round robin over the hosts; a host that is down (its socket refuses)
	# is skipped for the next, which is safe for a POST too: nginx passes a
	# request on only when the first host took none of it. max_fails=0: a
	# local socket refuses at once, so nginx tries every host every time
	# rather than leaving one out for a while (hosts on a network keep
	# nginx's default; docs/operations.md).
	for prog in $programs; do
		subst "unix:/run/xueshi/$prog.sock;" "xueshi_$prog;"
		upstreams+="	upstream xueshi_$prog {"$'\n'
		for h in $(seq 1 "$hosts"); do
			upstreams+="		server unix:$state/host$h/run/$prog.sock max_fails=0;"$'\n'
		done
		upstreams+="	}"$'\n'
	done
fi
subst "/run/xueshi/" "$state/run/"
subst "/var/log/nginx/xueshi-" "$state/logs/"
subst "	listen [::]:80;
" ""
extra=""
[ -n "${XUESHI_EXTRA_NGINX:-}" ] && extra="
	include ${XUESHI_EXTRA_NGINX};"
subst "	listen 80;" "	listen $host:$port;$extra"
# XUESHI_NGINX_LIMITS=off leaves out the per-address request and connection
# limits (the zones stay defined): for benchmarks and for the test suite's
# own rapid requests from 127.0.0.1. tests/integration/test_limits.c runs
# with them on.
if [ "${XUESHI_NGINX_LIMITS:-on}" = off ]; then
	site=$(printf '%s\n' "$site" | grep -v -E '^[[:space:]]*limit_(req|conn) [a-z_]*zone=|^[[:space:]]*limit_conn xueshi_')
fi

# nginx's static error pages (413, 429, 503), from the string table.
sh "$datadir/deploy/error-pages.sh" "$datadir" "$state/errors"

cat > "$state/nginx.conf" <<CONF
# Written by deploy/run-local.sh; regenerated at every start.
$user_line
worker_processes 1;
# Room for slow clients beside normal traffic (docs/operations.md, Limits):
# each proxied request holds two connections.
worker_rlimit_nofile 8192;
pid $state/run/nginx.pid;
error_log $state/logs/nginx-error.log warn;
daemon off;
events { worker_connections 4096; }
http {
	types {
		text/html html; text/css css; application/javascript js;
		image/png png; image/svg+xml svg; image/x-icon ico;
	}
	default_type application/octet-stream;
	client_body_temp_path $state/nginx-tmp/body;
	fastcgi_temp_path $state/nginx-tmp/fastcgi;
	proxy_temp_path $state/nginx-tmp/proxy;
	uwsgi_temp_path $state/nginx-tmp/uwsgi;
	scgi_temp_path $state/nginx-tmp/scgi;

$upstreams
# ---- $site_file, paths replaced
$site
}
CONF

pids=()
cleanup() {
	trap - INT TERM EXIT
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 0' INT TERM

# The programs, through deploy/run-host.sh: one host in the state directory
# itself, or with --hosts N one in host1/ ... hostN/ of it, sharing the store.
hstates=()
for h in $(seq 1 "$hosts"); do
	hstate=$state
	[ "$hosts" -gt 1 ] && hstate="$state/host$h"
	bash "$datadir/deploy/run-host.sh" --bindir "$bindir" --datadir "$datadir" \
		--state "$hstate" --store "$store" --workers "$workers" &
	pids+=($!)
	hstates+=("$hstate")
done
for i in "${!hstates[@]}"; do
	until [ -e "${hstates[$i]}/run/ready" ]; do
		kill -0 "${pids[$i]}" 2>/dev/null || { echo "run-local.sh: a host's programs did not start (see ${hstates[$i]}/logs/)" >&2; exit 1; }
		sleep 0.1
	done
done

"$nginx_bin" -p "$state" -c "$state/nginx.conf" -e "$state/logs/nginx-error.log" &
pids+=($!)
echo "xueshi: listening on http://$host:$port/ (state in $state; Ctrl-C stops)"
if [ "$hosts" -gt 1 ]; then
	# Several hosts: one may stop and start again (deploy/run-host.sh) while
	# the others carry on; everything stops when nginx ends.
	wait "${pids[-1]}" || true
else
	# Stop everything as soon as any one of them ends.
	wait -n "${pids[@]}" || true
fi
