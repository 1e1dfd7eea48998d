# bench/lib.sh - what bench/run.sh (its home, district and pages modes) and
# bench/rush share. Sourced, never run.

# A free port below the ephemeral range: wrk's many client connections leave
# ports of that range in TIME-WAIT, where nginx could not bind.
free_port() {
	local low port
	low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
	while :; do
		port=$((10000 + RANDOM % (low > 12000 ? low - 10000 : 2000)))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
	done
}

# Numbers on stdin, one a line: the median; "lo-hi"; seconds as milliseconds.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }
ms() { awk -v s="$1" 'BEGIN { v = s * 1000; printf (v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f"), v }'; }

# wrk --latency's output on stdin: "REQUESTS/S P50 P99 ERRORS", the errors
# being non-2xx/3xx answers, socket errors, and a script's "not303: N" line.
wrk_summary() {
	awk '/^Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
		/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 }
		/^not303:/ { n += $2 } END { print rps, p50, p99, n + 0 }'
}

# ------------------------------------------- the district and pages modes
# Both measure a list of pages the same way. They set, index by index:
# labels (the report's), paths, cookies (the session's value, "" for
# none), and define `one I` (one request, sequential: "STATUS SECONDS
# BYTES") and `wrk_page I` (wrk --latency on it, its output on stdout; most
# pages: wrk_get); wants (the status each must answer) defaults to 200. Uses run.sh's variables rounds,
# conns, workers, secs and say.

# wrk on page I with its session (the default wrk_page).
wrk_get() {
	local c=${cookies[$1]}
	wrk -t"$threads" -c"$conns" -d"${secs}s" --latency ${c:+-H "Cookie: xs_session=$c"} "$base${paths[$1]}"
}

# The rounds' latencies of page I, one a line.
lat_of() { for r in $(seq 1 "$rounds"); do echo "${lat[$1,$r]}"; done; }

# Latency with curl: a warm-up, then --rounds requests; lat, errors, bytes.
declare -A lat wrkres
errors=() bytes=()
measure_latency() {
	local i r code t b want
	for i in "${!labels[@]}"; do
		want=${wants[$i]:-200}
		read -r code t b <<<"$(one "$i")"   # warm-up: stylesheets compiled, pages in the cache
		say "warm-up ${labels[$i]}: $code in ${t}s, $b bytes"
		errors[$i]=0
		bytes[$i]=$b
		[ "$code" = "$want" ] || { errors[$i]=1; say "${labels[$i]} answered $code"; }
		for r in $(seq 1 "$rounds"); do
			read -r code t b <<<"$(one "$i")"
			[ "$code" = "$want" ] || { errors[$i]=$((errors[i] + 1)); say "${labels[$i]} answered $code"; }
			lat[$i,$r]=$t
		done
		say "${labels[$i]}: $(lat_of "$i" | median)s (median of $rounds)"
	done
}

# Requests/s with wrk, for the pages fast enough for it: a page whose latency
# times connections / workers is over a quarter of --seconds (or 0.5 s)
# cannot be wrk'd in a few seconds (queued requests pass wrk's timeout) and
# keeps its curl latency only. The others take turns round by round.
measure_wrk() {
	local i r m out fast=()
	for i in "${!labels[@]}"; do
		m=$(lat_of "$i" | median)
		awk -v m="$m" -v c="$conns" -v w="$workers" -v s="$secs" \
			'BEGIN { exit !(m * c / w < s / 4 && m * c / w < 0.5) }' && fast+=("$i")
	done
	for r in $(seq 1 "$rounds"); do
		for i in "${fast[@]}"; do
			out=$(wrk_page "$i")
			wrkres[$i,$r]=$(wrk_summary <<<"$out")
			say "round $r ${labels[$i]}: ${wrkres[$i,$r]%% *} req/s"
			[ "${wrkres[$i,$r]##* }" = 0 ] ||
				say "round $r ${labels[$i]}: $(grep -E 'Socket errors|Non-2xx|^not303' <<<"$out" | tr -s ' \n' ' ')"
		done
	done
}

# The table: WIDTH of the page column; with "bytes", the size of each answer.
report_pages() {
	local width=$1 with_bytes=${2:-} i m sp lo hi rps rsp p50 p99 ratio errs med floor_rps="" fmt
	fmt="%-${width}s %10s %19s %11s %17s %9s %9s %7s %6s${with_bytes:+ %9s}\n"
	# shellcheck disable=SC2059
	printf "$fmt" page latency-ms "(min-max)" requests/s "(min-max)" wrk-p50 wrk-p99 x-floor errors ${with_bytes:+bytes}
	for i in "${!labels[@]}"; do
		m=$(lat_of "$i" | median)
		sp=$(lat_of "$i" | spread)
		lo=${sp%-*} hi=${sp#*-}
		rps=- rsp=- p50=- p99=- ratio=- errs=${errors[$i]}
		if [ -n "${wrkres[$i,1]:-}" ]; then
			med=$(for r in $(seq 1 "$rounds"); do echo "${wrkres[$i,$r]}"; done | sort -g -k1,1 |
				sed -n "$(( (rounds + 1) / 2 ))p")
			rsp=$(for r in $(seq 1 "$rounds"); do echo "${wrkres[$i,$r]}"; done | awk '{printf "%.0f\n", $1}' | spread)
			rsp="(${rsp%-*}-${rsp#*-})"
			read -r rps p50 p99 _ <<<"$med"
			errs=$((errs + $(for r in $(seq 1 "$rounds"); do echo "${wrkres[$i,$r]}"; done | awk '{n += $4} END {print n + 0}')))
			[ "$i" = 0 ] && floor_rps=$rps
			ratio=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')
			rps=$(printf '%.0f' "$rps")
		fi
		# shellcheck disable=SC2059
		printf "$fmt" "${labels[$i]}" "$(ms "$m")" "($(ms "$lo")-$(ms "$hi"))" "$rps" "$rsp" "$p50" "$p99" \
			"$ratio" "$errs" ${with_bytes:+"${bytes[$i]}"}
	done
}
