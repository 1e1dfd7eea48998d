# bench/district.sh - the district mode of bench/run.sh (sourced by it, once
# the servers answer): logs in, measures the district and school pages and
# `xueshictl assess`, and reports every worker's resident memory.
# Uses run.sh's variables: base work builddir top secs rounds threads conns
# workers teachers schools first_school gen_secs, and say and login.

year=$(sqlite3 "$work/xueshi.db" "SELECT y.label FROM school_year y JOIN district d ON d.id = y.district_id
	WHERE d.code = 'wuhua' AND y.is_current = 1" 2>/dev/null ||
	XUESHI_DATADIR="$top" "$builddir/xueshictl" assess "$work/xueshi.db" --district wuhua --year x 2>&1 |
	grep -o '[0-9]\{4\}-[0-9]\{4\}' | head -1)
[ -n "$year" ] || year=2025-2026

district_cookie=$(login wuhua-admin)
school_cookie=$(login wh-s001-admin)
[ -n "$district_cookie" ] && [ -n "$school_cookie" ] || { say "login failed"; exit 1; }

# The pages: label, path, whose session.
labels=("/floor" "/district/stats" "/district/stats?format=xml" "/district" "/school" "/school/summary"
	"/school/summary?format=xml" "/school/stats")
cookies=("" "$district_cookie" "$district_cookie" "$district_cookie" "$school_cookie" "$school_cookie"
	"$school_cookie" "$school_cookie")

# One request, sequential: "STATUS SECONDS".
one() {
	curl -s -o /dev/null -w '%{http_code} %{time_total}\n' ${2:+-H "Cookie: xs_session=$2"} "$base$1"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }
ms() { awk -v s="$1" 'BEGIN { v = s * 1000; printf (v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f"), v }'; }

# ------------------------------------------------------- latency, with curl
declare -A lat wrkres
errors=()
for i in "${!labels[@]}"; do
	p=${labels[$i]} c=${cookies[$i]}
	read -r code t <<<"$(one "$p" "$c")"   # warm-up: stylesheets compiled, pages in the cache
	say "warm-up $p: $code in ${t}s"
	errors[$i]=0
	[ "$code" = 200 ] || { errors[$i]=1; say "$p answered $code"; }
	for r in $(seq 1 "$rounds"); do
		read -r code t <<<"$(one "$p" "$c")"
		[ "$code" = 200 ] || { errors[$i]=$((errors[i] + 1)); say "$p answered $code"; }
		lat[$i,$r]=$t
	done
	say "$p: $(for r in $(seq 1 "$rounds"); do echo "${lat[$i,$r]}"; done | median)s (median of $rounds)"
done

# ---------------------------------------------- requests/s, with wrk (fast pages)
# A page that keeps the workers busy for long cannot be wrk'd in a few
# seconds (queued requests pass wrk's 2 s timeout): one whose latency times
# connections / workers is over a quarter of --seconds keeps its curl
# latency only. The others take turns round by round.
fast=()
for i in "${!labels[@]}"; do
	m=$(for r in $(seq 1 "$rounds"); do echo "${lat[$i,$r]}"; done | median)
	awk -v m="$m" -v c="$conns" -v w="$workers" -v s="$secs" \
		'BEGIN { exit !(m * c / w < s / 4 && m * c / w < 0.5) }' && fast+=("$i")
done
for r in $(seq 1 "$rounds"); do
	for i in "${fast[@]}"; do
		c=${cookies[$i]}
		out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency ${c:+-H "Cookie: xs_session=$c"} "$base${labels[$i]}")
		rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
		p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
		p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
		errs=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")
		wrkres[$i,$r]="$rps $p50 $p99 $errs"
		say "round $r ${labels[$i]}: $rps req/s"
	done
done

# ------------------------------------------------------- the workers' memory
mem=$(for prog in auth teacher school district; do
	master=$(cat "$work/run/$prog.pid")
	for worker in $(cat "/proc/$master/task/$master/children"); do
		printf 'xueshi-%s worker %s: VmRSS %s, VmHWM %s\n' "$prog" "$worker" \
			"$(awk '/^VmRSS/ {print $2, $3}' "/proc/$worker/status")" \
			"$(awk '/^VmHWM/ {print $2, $3}' "/proc/$worker/status")"
	done
done)

# ------------------------------------------------------------ xueshictl assess
assess=()
for r in $(seq 1 "$rounds"); do
	/usr/bin/time -f '%e %M' -o "$work/assess.time" env XUESHI_DATADIR="$top" \
		"$builddir/xueshictl" assess "$work/xueshi.db" --district wuhua --year "$year" >/dev/null
	assess+=("$(tail -1 "$work/assess.time")")
	say "xueshictl assess, round $r: ${assess[-1]} (s, max RSS kB)"
done

# ------------------------------------------------ the catalogue editor's impact
# A change of 校本培训's hours, not confirmed: the whole year's results are
# recomputed in a transaction that is rolled back, and the teachers whose
# result changes listed (409 catalogue_locked when a confirmed school's
# teachers are among them: computed all the same). Nothing is saved.
ydb=$(sqlite3 "$work/xueshi.db" "SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id
	WHERE d.code = 'wuhua' AND y.is_current = 1")
xbpx=$(sqlite3 "$work/xueshi.db" "SELECT id FROM item WHERE school_year_id = $ydb AND code = 'xbpx'")
dcsrf=$(curl -s -H "Cookie: xs_session=$district_cookie" "$base/?format=xml" | grep -o 'csrf token="[0-9a-f]*"' |
	head -1 | sed 's/.*token="//; s/"$//')
impact=()
for r in $(seq 1 "$rounds"); do
	impact+=("$(curl -s -o "$work/impact.xml" -w '%{http_code} %{time_total}' -H "Cookie: xs_session=$district_cookie" \
		-H "Origin: $base" --data-urlencode "csrf=$dcsrf" --data-urlencode code=xbpx \
		--data-urlencode category=培训活动 --data-urlencode name=校本培训 --data-urlencode hours=40 \
		--data-urlencode unit=一学年 --data-urlencode rule_type=per_unit --data-urlencode cap=48 \
		"$base/district/items/$xbpx?format=xml")")
	say "catalogue impact, round $r: ${impact[-1]} (status, s)"
done
changed=$(grep -o 'changed="[0-9]*"' "$work/impact.xml" | head -1 | tr -dc 0-9)

# ------------------------------------------------------------------ report
printf '# %s, %s, %s cores; %s in %ss; nginx + %s workers per program\n' \
	"$(date -u +%FT%TZ)" "$(uname -srm)" "$(nproc)" "$(sed 's/^gen: //' "$work/gen.out")" "$gen_secs" "$workers"
printf '# latency: curl, one request at a time, median (min-max) of %s; wrk -t%s -c%s, median of %s rounds of %ss\n' \
	"$rounds" "$threads" "$conns" "$rounds" "$secs"
printf '%-28s %10s %19s %11s %17s %9s %9s %7s %6s\n' page latency-ms "(min-max)" requests/s "(min-max)" \
	wrk-p50 wrk-p99 x-floor errors
floor_rps=""
for i in "${!labels[@]}"; do
	m=$(for r in $(seq 1 "$rounds"); do echo "${lat[$i,$r]}"; done | median)
	sp=$(for r in $(seq 1 "$rounds"); do echo "${lat[$i,$r]}"; done | spread)
	lo=${sp%-*} hi=${sp#*-}
	rps=- rsp=- p50=- p99=- ratio=- errs=${errors[$i]}
	if [ -n "${wrkres[$i,1]:-}" ]; then
		med=$(for r in $(seq 1 "$rounds"); do echo "${wrkres[$i,$r]}"; done | sort -g -k1,1 |
			sed -n "$(( (rounds + 1) / 2 ))p")
		rsp=$(for r in $(seq 1 "$rounds"); do echo "${wrkres[$i,$r]}"; done | awk '{print $1}' | spread)
		rsp="(${rsp%-*}-${rsp#*-})"
		read -r rps p50 p99 _ <<<"$med"
		errs=$((errs + $(for r in $(seq 1 "$rounds"); do echo "${wrkres[$i,$r]}"; done | awk '{n += $4} END {print n + 0}')))
		[ "$i" = 0 ] && floor_rps=$rps
		ratio=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')
		rps=$(printf '%.0f' "$rps")
	fi
	printf '%-28s %10s %19s %11s %17s %9s %9s %7s %6s\n' "${labels[$i]}" "$(ms "$m")" \
		"($(ms "$lo")-$(ms "$hi"))" "$rps" "$rsp" "$p50" "$p99" "$ratio" "$errs"
done
am=$(printf '%s\n' "${assess[@]}" | awk '{print $1}' | median)
asp=$(printf '%s\n' "${assess[@]}" | awk '{print $1}' | spread)
ar=$(printf '%s\n' "${assess[@]}" | awk '{print $2}' | median)
printf 'xueshictl assess --district wuhua --year %s: %s s (%s), max RSS %s MB (median of %s)\n' \
	"$year" "$am" "$asp" "$(awk -v k="$ar" 'BEGIN { printf "%.1f", k / 1024 }')" "$rounds"
im=$(printf '%s\n' "${impact[@]}" | awk '{print $2}' | median)
isp=$(printf '%s\n' "${impact[@]}" | awk '{print $2}' | spread)
printf 'catalogue impact (POST /district/items/{xbpx}, hours 48 -> 40, not saved): %s ms (%s-%s), status %s, %s teachers changed\n' \
	"$(ms "$im")" "$(ms "${isp%-*}")" "$(ms "${isp#*-}")" "$(printf '%s\n' "${impact[@]}" | awk 'NR == 1 {print $1}')" "${changed:-?}"
printf 'after the pages:\n%s\n' "$mem"
