#!/usr/bin/env bash
# The fuzz smoke test `./xueshi.sh test` runs once, after make check:
# every target of run.sh briefly from its seed corpus (FUZZ_SMOKE_SECONDS,
# 12 s each; about 2 minutes with the build on two cores), which must find
# nothing. libFuzzer's -max_total_time bounds each run by the clock, and the
# per-input timeout is a generous 60 s, so a loaded machine makes the runs
# shallower, not failed.
#
# fuzz_sheet_xls only replays its corpus: libfreexl 1.0.6 still has memory
# errors of its own on mutated files (tests/fuzz/freexl-open/), which a run
# of a few seconds finds; until the .xls reader no longer runs the library
# in the worker, mutating it here would fail every suite.
#
# The build is kept in _build/fuzz (only changed sources are compiled
# again). Prints run.sh's "run.sh: TARGET: ok|FAILED" lines; exits 1 when
# one failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
secs=${FUZZ_SMOKE_SECONDS:-12}
status=0
export FUZZ_KEEP="$top/_build/fuzz" FUZZ_TIMEOUT=60
"$here/run.sh" "$secs" fuzz_http fuzz_multipart fuzz_sheet_csv fuzz_sheet_xlsx_part \
	fuzz_sheet_xlsx fuzz_import_rows || status=1
"$here/run.sh" 0 fuzz_sheet_xls || status=1
exit "$status"
