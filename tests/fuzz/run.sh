#!/usr/bin/env bash
# Fuzz every parser with libFuzzer (clang, Debian's libclang-rt-14-dev):
#   fuzz_http             the request parser: query, cookies, urlencoded (core/http.c)
#   fuzz_multipart        the multipart/form-data body: delimiters split across
#                         reads, part headers, uploads to temporary files (core/http.c)
#   fuzz_sheet_csv        the CSV reader (core/sheet.c)
#   fuzz_sheet_xlsx_part  the .xlsx part reader: worksheet and shared strings,
#                         DTDs and entities (core/sheet.c)
#   fuzz_sheet_xlsx       the whole .xlsx reader: the input is the zip (libzip),
#                         workbook, rels, every worksheet (core/sheet.c)
#   fuzz_sheet_xls        the .xls reader: the input is the BIFF/OLE2 file that
#                         libfreexl reads from a temporary copy (core/sheet.c)
#   fuzz_import_rows      the roster import's checks: header row, columns,
#                         each row's problems (pages/roster_import.c)
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]    default 60 seconds each, all targets
#
# SECONDS 0 runs each target on its seed corpus only (a replay, no mutation).
# Each target starts from its seed corpus (corpus/, corpus-*/, copied: the
# tree's corpus is not changed) with its dictionary (*.dict). All targets
# run even when one fails; each ends with a line "run.sh: TARGET: ok" or
# "run.sh: TARGET: FAILED" (xueshi.sh test counts these), and the exit
# status is 1 when any failed. Crashes land in tests/fuzz/crashes/; each
# one becomes a regression test in tests/unit/test_http.c or
# tests/unit/test_sheet.c. The sheet targets run with a 1 GB RSS limit
# (ASan alone holds ~400 MB) and, like the others, a per-input timeout
# (FUZZ_TIMEOUT, 10 s; an input that expands, an entity bomb, is reported
# as a crash too). The .xls reader's temporary copies go to a private
# TMPDIR that must be empty when the run ends.
#
# FUZZ_JOBS (default 2) compiles that many sources at once; FUZZ_KEEP=DIR
# keeps the build (the targets and objects) in DIR instead of a temporary
# directory. `./xueshi.sh test` runs this briefly (tests/fuzz/smoke.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
secs=${1:-60}
shift || true
targets=("$@")
all=(fuzz_http fuzz_multipart fuzz_sheet_csv fuzz_sheet_xlsx_part fuzz_sheet_xlsx fuzz_sheet_xls fuzz_import_rows)
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
timeout=${FUZZ_TIMEOUT:-10}
jobs=${FUZZ_JOBS:-2}
if [ -n "${FUZZ_KEEP:-}" ]; then
	out=$FUZZ_KEEP
	mkdir -p "$out"
else
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out/obj" "$here/crashes"
command -v clang >/dev/null || { echo "run.sh: clang is not installed (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }

# The parsers and what they call are instrumented (coverage, ASan, UBSan);
# the rest that fuzz_import_rows links (the request context, the store, the
# renderer: never reached by the checks) is compiled plainly, which is faster.
fuzz_flags=(-std=c11 -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined)
plain_flags=(-std=c11 -g -O0)
# shellcheck disable=SC2207
cppflags=(-D_GNU_SOURCE -I"$top/cgi-bin" -DXS_DATADIR='"/nonexistent"' -DXS_DBPATH='"/nonexistent"'
	-DXS_EVIDENCEDIR='"/nonexistent"' $(pkg-config --cflags libxml-2.0 libxslt libzip libpq))
# shellcheck disable=SC2207
libs=($(pkg-config --libs libxslt libexslt libxml-2.0 libzip sqlite3 libpq libsodium libqrencode freexl xlsxwriter)
	-lcsv -lmagic -lfcgi -lm)
instrumented="core/http.c core/arena.c core/utf8.c core/sheet.c core/strings.c domain/idcard.c pages/roster_import.c"
plain="core/app.c core/auth.c core/config.c core/db.c core/db_pg.c core/failure.c core/form.c core/nav.c
	core/render.c core/html_out.c core/sheet_write.c domain/assess.c domain/rules.c store/assess.c store/audit.c
	store/notify.c store/roster.c store/roster_import.c store/scope.c store/session.c store/store.c
	core/qr.c core/files.c store/verify.c domain/verify.c"

# obj SOURCE: the object of cgi-bin/SOURCE in $out/obj, rebuilt when the
# source or any header under cgi-bin/ is newer (a kept build stays right).
obj() { echo "$out/obj/$(echo "$1" | tr / _ | sed 's/\.c$/.o/')"; }
compile() {
	local src=$1 o
	o=$(obj "$src")
	if [ "$o" -nt "$top/cgi-bin/$src" ] &&
	    [ -z "$(find "$top/cgi-bin" -name '*.h' -newer "$o" -print -quit)" ]; then
		return 0
	fi
	case " $instrumented " in
	*" $src "*) clang "${fuzz_flags[@]}" "${cppflags[@]}" -c "$top/cgi-bin/$src" -o "$o" ;;
	*) clang "${plain_flags[@]}" "${cppflags[@]}" -c "$top/cgi-bin/$src" -o "$o" ;;
	esac
}
export -f compile obj
export out top
export fuzz_flags_s="${fuzz_flags[*]}" plain_flags_s="${plain_flags[*]}"

need=()
for t in "${targets[@]}"; do
	case "$t" in
	fuzz_http|fuzz_multipart) need+=(core/http.c core/arena.c core/utf8.c) ;;
	fuzz_sheet_*) need+=(core/sheet.c core/arena.c) ;;
	fuzz_import_rows) need+=($instrumented $plain) ;;
	*) echo "run.sh: unknown target $t (one of: ${all[*]})" >&2; exit 2 ;;
	esac
done
# shellcheck disable=SC2016
printf '%s\n' "${need[@]}" | sort -u | xargs -P "$jobs" -I{} bash -c '
	set -e
	read -r -a fuzz_flags <<<"$fuzz_flags_s"; read -r -a plain_flags <<<"$plain_flags_s"
	instrumented="'"$instrumented"'"
	cppflags=('"$(printf "%q " "${cppflags[@]}")"')
	compile "$1"' _ {}

objs() { local s; for s in "$@"; do obj "$s"; done; }
failed=0
for t in "${targets[@]}"; do
	extra=() lsan=
	case "$t" in
	fuzz_http|fuzz_multipart)
		srcs=(core/http.c core/arena.c core/utf8.c)
		if [ "$t" = fuzz_http ]; then corpus=corpus dict=http.dict; else corpus=corpus-multipart dict=multipart.dict; fi
		maxlen=4096 main=$t.c def=() ;;
	fuzz_sheet_csv|fuzz_sheet_xlsx_part)
		srcs=(core/sheet.c core/arena.c)
		if [ "$t" = fuzz_sheet_csv ]; then corpus=corpus-sheet-csv; else corpus=corpus-sheet-xlsx; fi
		dict=sheet.dict maxlen=65536 main=$t.c def=() extra=(-rss_limit_mb=1024) ;;
	fuzz_sheet_xlsx)
		srcs=(core/sheet.c core/arena.c)
		corpus=corpus-sheet-xlsx-zip dict=xlsx-zip.dict maxlen=65536 main=fuzz_sheet_file.c
		def=(-DFUZZ_FILENAME='"fuzz.xlsx"') extra=(-rss_limit_mb=1024) ;;
	fuzz_sheet_xls)
		srcs=(core/sheet.c core/arena.c)
		corpus=corpus-sheet-xls dict=xls.dict maxlen=65536 main=fuzz_sheet_file.c
		def=(-DFUZZ_FILENAME='"fuzz.xls"') extra=(-rss_limit_mb=1024)
		lsan=suppressions=$here/lsan.supp ;;
	fuzz_import_rows)
		# shellcheck disable=SC2206
		srcs=($instrumented $plain)
		corpus=corpus-import-rows dict=import.dict maxlen=16384 main=$t.c
		def=(-DFUZZ_XSL_DIR="\"$top/xsl\"") ;;
	esac
	# shellcheck disable=SC2046
	clang "${fuzz_flags[@]/fuzzer-no-link/fuzzer}" "${cppflags[@]}" "${def[@]}" "$here/$main" \
		$(objs "${srcs[@]}") -o "$out/$t" "${libs[@]}"
	rm -rf "$out/$corpus" "$out/tmp"
	mkdir -p "$out/$corpus" "$out/tmp"
	cp "$here/$corpus"/* "$out/$corpus/"
	if [ "$secs" = 0 ]; then
		echo "run.sh: $t on its corpus" >&2
		how=(-runs=0)
	else
		echo "run.sh: $t for ${secs}s" >&2
		how=(-max_total_time="$secs")
	fi
	if TMPDIR="$out/tmp" LSAN_OPTIONS="$lsan" "$out/$t" -dict="$here/$dict" "${how[@]}" -max_len="$maxlen" \
	    -timeout="$timeout" "${extra[@]}" -artifact_prefix="$here/crashes/$t-" \
	    -print_final_stats=1 "$out/$corpus" 2>"$out/$t.log" &&
	    [ -z "$(ls -A "$out/tmp")" ]; then
		grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$out/$t.log" >&2 || true
		echo "run.sh: $t: ok"
	else
		tail -n 60 "$out/$t.log" >&2
		ls -A "$out/tmp" | sed 's/^/run.sh: left in TMPDIR: /' >&2
		echo "run.sh: $t: FAILED"
		failed=1
	fi
done
exit "$failed"
