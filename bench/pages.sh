# bench/pages.sh - the pages mode of bench/run.sh (sourced by it, once the
# servers answer): the pages people wait on, at the bench/gen sizes, beside
# the floor in one run, then every worker's resident memory.
#
#   the teacher dashboard          GET /teacher                 a teacher of an open school
#   the record form                GET /teacher/records/new?item=ID
#   a record submit with evidence  POST /teacher/records/new    multipart, a 300 KB PDF, 303
#   the school summary             GET /school/summary          the first school (--first-school teachers)
#   the district statistics        GET /district/stats          the whole district
#   a batch print of the cards     GET /school/bundle           every card of the first school
#   the school's .xlsx exports     GET /school/records.xlsx, /school/summary.xlsx
#
# Latency with curl (median of --rounds, at least 3) for every page, and
# requests/s with wrk for the pages fast enough for it, as bench/district.sh
# decides. Each POST creates a record (another teacher of the same school
# than the dashboard's, so that the dashboard measured is the same page
# all along); a POST answered other than 303 counts as an error.
# Uses run.sh's variables: base work builddir top secs rounds threads conns
# workers teachers schools first_school gen_secs, say, login and rss, and
# bench/lib.sh's measuring and report.

sq() { sqlite3 "$work/xueshi.db" "$1"; }
year_id=$(sq "SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id
	WHERE d.code = 'wuhua' AND y.is_current = 1")
year_start=$(sq "SELECT starts_on FROM school_year WHERE id = $year_id")
# The school whose teachers register: the first open one (bench/gen: 3 in 10).
open_school=$(sq "SELECT s.code FROM school s JOIN school_year_state sys ON sys.school_id = s.id
	AND sys.school_year_id = $year_id WHERE sys.state = 'open' ORDER BY s.id LIMIT 1")
[ -n "$open_school" ] || { say "no open school in the generated district"; exit 1; }
read -r t_dash t_post <<<"$(sq "SELECT t.staff_no FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id
	JOIN school s ON s.id = ty.school_id WHERE ty.school_year_id = $year_id AND s.code = '$open_school'
	AND ty.status = 'in_post' AND t.active = 1 ORDER BY t.staff_no LIMIT 2" | tr '\n' ' ')"
# A plain item: hours by the half day, no cap, no project.
item=$(sq "SELECT id FROM item WHERE school_year_id = $year_id AND code = 'ztpx'")
[ -n "$t_dash" ] && [ -n "$t_post" ] && [ -n "$item" ] || { say "no teachers or item to register"; exit 1; }
first=$(sq "SELECT s.code FROM school s JOIN teacher_year ty ON ty.school_id = s.id
	WHERE ty.school_year_id = $year_id GROUP BY s.id ORDER BY s.id LIMIT 1")
first_n=$(sq "SELECT count(*) FROM teacher_year ty JOIN school s ON s.id = ty.school_id
	WHERE ty.school_year_id = $year_id AND s.code = '$first'")

district_cookie=$(login wuhua-admin)
school_cookie=$(login "$first-admin")
dash_cookie=$(login "$t_dash")
post_cookie=$(login "$t_post")
[ -n "$district_cookie" ] && [ -n "$school_cookie" ] && [ -n "$dash_cookie" ] && [ -n "$post_cookie" ] ||
	{ say "login failed"; exit 1; }
# The poster's csrf token: its session's, as every page of it carries.
post_csrf=$(curl -s -H "Cookie: xs_session=$post_cookie" "$base/teacher?format=xml" |
	grep -o 'csrf token="[0-9a-f]*"' | head -1 | sed 's/.*token="//; s/"$//')
[ -n "$post_csrf" ] || { say "no csrf token for $t_post"; exit 1; }

# The evidence: a 300 KB PDF (bench's own: a valid header, comment lines, one empty page).
pdf="$work/evidence.pdf"
{
	printf '%%PDF-1.4\n%% xueshi bench/pages.sh\n'
	head -c 150000 /dev/urandom | od -An -tx1 -v | tr -d ' \n' | fold -w 64 | sed 's/^/%/'
	printf '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
	printf '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n'
} >"$pdf"
pdf_kb=$(( $(wc -c <"$pdf") / 1024 ))
desc="bench pages.sh"
post_fields=(csrf "$post_csrf" item "$item" started_on "$year_start" ended_on "$year_start" quantity 1
	organiser "bench" description "$desc" action submit)

# wrk's POST: the multipart body built once (the Lua script reads the PDF), every answer but 303 counted.
cat >"$work/post.lua" <<'LUA'
local boundary = "xueshibenchboundary7MA4YWxkTrZu0gW"
local parts = {}
local function field(name, value)
	parts[#parts + 1] = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name ..
		"\"\r\n\r\n" .. value .. "\r\n"
end
local i = 1
local spec = os.getenv("XS_FIELDS")
local list = {}
for v in string.gmatch(spec, "([^\t]*)\t") do list[#list + 1] = v end
while i < #list do field(list[i], list[i + 1]); i = i + 2 end
local f = assert(io.open(os.getenv("XS_PDF"), "rb"))
local pdf = f:read("*a")
f:close()
parts[#parts + 1] = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"evidence.pdf\"\r\n" ..
	"Content-Type: application/pdf\r\n\r\n" .. pdf .. "\r\n--" .. boundary .. "--\r\n"
wrk.method = "POST"
wrk.body = table.concat(parts)
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.headers["Cookie"] = "xs_session=" .. os.getenv("XS_COOKIE")
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function init(args) not303 = 0 end
function response(status, headers, body) if status ~= 303 then not303 = not303 + 1 end end
function done(summary, latency, requests)
	local n = 0
	for _, t in ipairs(threads) do n = n + t:get("not303") end
	io.write(string.format("not303: %d\n", n))
end
LUA
xs_fields=$(printf '%s\t' "${post_fields[@]}")

# The pages: label, method and path, whose session, the status it must answer.
labels=("/floor" "/teacher" "/teacher/records/new?item=$item" "POST /teacher/records/new"
	"/school/summary" "/district/stats" "/school/bundle" "/school/records.xlsx" "/school/summary.xlsx")
paths=("/floor" "/teacher" "/teacher/records/new?item=$item" "/teacher/records/new"
	"/school/summary" "/district/stats" "/school/bundle" "/school/records.xlsx" "/school/summary.xlsx")
cookies=("" "$dash_cookie" "$dash_cookie" "$post_cookie" "$school_cookie" "$district_cookie"
	"$school_cookie" "$school_cookie" "$school_cookie")
wants=(200 200 200 303 200 200 200 200 200)
post_i=3

# One request, sequential: "STATUS SECONDS BYTES".
one() {
	if [ "$1" = "$post_i" ]; then
		local form=() k
		for ((k = 0; k < ${#post_fields[@]}; k += 2)); do
			form+=(--form-string "${post_fields[k]}=${post_fields[k + 1]}")
		done
		curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' -H "Cookie: xs_session=${cookies[$1]}" \
			"${form[@]}" -F "evidence=@$pdf;type=application/pdf;filename=evidence.pdf" "$base${paths[$1]}"
	else
		curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' \
			${cookies[$1]:+-H "Cookie: xs_session=${cookies[$1]}"} "$base${paths[$1]}"
	fi
}
wrk_page() {
	if [ "$1" = "$post_i" ]; then
		XS_FIELDS="$xs_fields" XS_PDF="$pdf" XS_COOKIE="${cookies[$1]}" \
			wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$work/post.lua" "$base${paths[$1]}"
	else
		wrk_get "$1"
	fi
}

measure_latency
measure_wrk
posted=$(sq "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id
	JOIN teacher t ON t.id = ty.teacher_id WHERE t.staff_no = '$t_post' AND r.description = '$desc'")

# ------------------------------------------------------- the workers' memory
mem=$(for prog in auth teacher school district; do rss "$work/run/$prog.pid" "xueshi-$prog"; done)

# ------------------------------------------------------------------ report
printf '# %s, %s, %s cores; %s in %ss; nginx + %s workers per program\n' \
	"$(date -u +%FT%TZ)" "$(uname -srm)" "$(nproc)" "$(sed 's/^gen: //' "$work/gen.out")" "$gen_secs" "$workers"
printf '# teacher %s (dashboard, form) and %s (submit) of %s; school %s (%s teachers); %s KB PDF\n' \
	"$t_dash" "$t_post" "$open_school" "$first" "$first_n" "$pdf_kb"
printf '# latency: curl, one request at a time, median (min-max) of %s; wrk -t%s -c%s, median of %s rounds of %ss\n' \
	"$rounds" "$threads" "$conns" "$rounds" "$secs"
report_pages 34 bytes
printf 'records the submit created: %s (each answered 303, or counted in errors)\n' "$posted"
printf 'after the pages:\n%s\n' "$mem"
