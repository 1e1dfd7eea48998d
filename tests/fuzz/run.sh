#!/usr/bin/env bash
# Fuzz the parsers with libFuzzer (clang, Debian's libclang-rt-14-dev):
#   fuzz_http             the request parser (core/http.c)
#   fuzz_sheet_csv        the CSV reader (core/sheet.c)
#   fuzz_sheet_xlsx_part  the .xlsx part reader: worksheet and shared strings,
#                         DTDs and entities (core/sheet.c)
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]    default 60 seconds each, all targets
#
# Each target starts from its seed corpus (corpus/, corpus-sheet-csv/,
# corpus-sheet-xlsx/). Crashes land in tests/fuzz/crashes/; each one becomes
# a regression test in tests/unit/test_http.c or tests/unit/test_sheet.c.
# The sheet targets run with a 1 GB RSS limit (ASan alone holds ~400 MB) and a 10 s per-input timeout,
# so an input that expands (an entity bomb) is reported as a crash too.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_http fuzz_sheet_csv fuzz_sheet_xlsx_part)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cflags=(-g -O1 -fsanitize=fuzzer,address,undefined -I"$top/cgi-bin")
xml_cflags=$(pkg-config --cflags libxml-2.0 libzip)
sheet_libs=$(pkg-config --libs libxml-2.0 libzip)
mkdir -p "$here/crashes"

for t in "${targets[@]}"; do
	case "$t" in
	fuzz_http)
		clang "${cflags[@]}" "$here/fuzz_http.c" "$top/cgi-bin/core/http.c" \
			"$top/cgi-bin/core/arena.c" "$top/cgi-bin/core/utf8.c" -o "$out/$t"
		corpus=corpus dict=http.dict maxlen=4096 extra=() ;;
	fuzz_sheet_csv|fuzz_sheet_xlsx_part)
		# shellcheck disable=SC2086
		clang "${cflags[@]}" $xml_cflags "$here/$t.c" "$top/cgi-bin/core/sheet.c" \
			"$top/cgi-bin/core/arena.c" -o "$out/$t" -lcsv $sheet_libs -lm
		if [ "$t" = fuzz_sheet_csv ]; then corpus=corpus-sheet-csv; else corpus=corpus-sheet-xlsx; fi
		dict=sheet.dict maxlen=65536 extra=(-rss_limit_mb=1024 -timeout=10) ;;
	*) echo "run.sh: unknown target $t" >&2; exit 2 ;;
	esac
	mkdir -p "$out/$corpus"
	cp "$here/$corpus"/* "$out/$corpus/"
	echo "run.sh: $t for ${secs}s" >&2
	"$out/$t" -dict="$here/$dict" -max_total_time="$secs" -max_len="$maxlen" \
		"${extra[@]}" -artifact_prefix="$here/crashes/$t-" "$out/$corpus"
done
