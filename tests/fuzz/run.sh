#!/usr/bin/env bash
# Fuzz the request parser with libFuzzer (clang, Debian's libclang-rt-14-dev).
#   tests/fuzz/run.sh [SECONDS]     default 60
# Crashes land in tests/fuzz/crashes/; each one becomes a regression test in
# tests/unit/test_http.c.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
secs=${1:-60}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
clang -g -O1 -fsanitize=fuzzer,address,undefined -I"$top/cgi-bin" \
	"$here/fuzz_http.c" "$top/cgi-bin/core/http.c" "$top/cgi-bin/core/arena.c" \
	"$top/cgi-bin/core/utf8.c" -o "$out/fuzz_http"
mkdir -p "$here/crashes" "$out/corpus"
cp "$here"/corpus/* "$out/corpus/"
"$out/fuzz_http" -dict="$here/http.dict" -max_total_time="$secs" -max_len=4096 \
	-artifact_prefix="$here/crashes/" "$out/corpus"
