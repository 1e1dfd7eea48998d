# bench/district.sh - the district mode of bench/run.sh (sourced by it, once
# the servers answer): logs in, measures the district and school pages and
# `xueshictl assess`, and reports every worker's resident memory.
# Uses run.sh's variables: base work builddir top secs rounds threads conns
# workers teachers schools first_school gen_secs, say, login and rss, and
# bench/lib.sh's measuring and report.

year=$(sqlite3 "$work/xueshi.db" "SELECT y.label FROM school_year y JOIN district d ON d.id = y.district_id
	WHERE d.code = 'wuhua' AND y.is_current = 1" 2>/dev/null ||
	XUESHI_DATADIR="$top" "$builddir/xueshictl" assess "$work/xueshi.db" --district wuhua --year x 2>&1 |
	grep -o '[0-9]\{4\}-[0-9]\{4\}' | head -1)
[ -n "$year" ] || year=2025-2026

district_cookie=$(login wuhua-admin)
school_cookie=$(login wh-s001-admin)
[ -n "$district_cookie" ] && [ -n "$school_cookie" ] || { say "login failed"; exit 1; }

# The pages: label (the path), whose session.
labels=("/floor" "/district/stats" "/district/stats?format=xml" "/district" "/school" "/school/summary"
	"/school/summary?format=xml" "/school/stats")
paths=("${labels[@]}")
cookies=("" "$district_cookie" "$district_cookie" "$district_cookie" "$school_cookie" "$school_cookie"
	"$school_cookie" "$school_cookie")

# One request, sequential: "STATUS SECONDS BYTES".
one() {
	curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' \
		${cookies[$1]:+-H "Cookie: xs_session=${cookies[$1]}"} "$base${paths[$1]}"
}
wrk_page() { wrk_get "$1"; }

measure_latency
measure_wrk

# ------------------------------------------------------- the workers' memory
mem=$(for prog in auth teacher school district; do rss "$work/run/$prog.pid" "xueshi-$prog"; done)

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
report_pages 28
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
