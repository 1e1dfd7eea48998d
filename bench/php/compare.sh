#!/usr/bin/env bash
# Compare xueshi's teacher dashboard with the PHP peer's, for the teachers
# named, on a running server that serves both (bench/run.sh's nginx, or any
# with the /php/teacher location of bench/README.md, "The PHP peer"):
#
#   bench/php/compare.sh BASE LOGIN...       e.g. http://127.0.0.1:8080 WTQ00062 WH00031
#
# For each teacher: logs in (the demo password, as bench/gen and the demo
# give every account), fetches /teacher?format=xml and /php/teacher?format=xml
# and compares them canonicalised (xmllint --noblanks, then --c14n: the same
# up to whitespace and attribute order), then /teacher and /php/teacher (the
# HTML), byte for byte. Prints one line per teacher and a closing
# "N passed, M failed"; exits 1 when any differs (the diff is printed).
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: bench/php/compare.sh BASE LOGIN..." >&2; exit 2; }
base=$1
shift
password=${XUESHI_PASSWORD:-xueshi-demo-2026}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xs-compare-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

login() {
	local jar="$tmp/jar" csrf
	rm -f "$jar"
	csrf=$(curl -sf -c "$jar" -b "$jar" "$base/?format=xml" | grep -o 'csrf token="[0-9a-f]*"' | head -1 |
		sed 's/.*token="//; s/"$//')
	[ -n "$csrf" ] || return 1
	curl -sf -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base" --data-urlencode "login=$1" \
		--data-urlencode "password=$password" --data-urlencode "csrf=$csrf" "$base/login" || return 1
	awk '$6 == "xs_session" { print $7 }' "$jar"
}
canon() { xmllint --noblanks "$1" | xmllint --c14n - | sed 's/></>\n</g'; }

passed=0 failed=0
for who in "$@"; do
	cookie=$(login "$who") || cookie=""
	if [ -z "$cookie" ]; then
		echo "$who: login failed"
		failed=$((failed + 1))
		continue
	fi
	ok=1
	for f in xml html; do
		q=""
		[ "$f" = xml ] && q="?format=xml"
		curl -s -o "$tmp/c.$f" -H "Cookie: xs_session=$cookie" "$base/teacher$q"
		curl -s -o "$tmp/p.$f" -H "Cookie: xs_session=$cookie" "$base/php/teacher$q"
	done
	if ! diff <(canon "$tmp/c.xml") <(canon "$tmp/p.xml") >"$tmp/xml.diff"; then
		echo "$who: XML differs (< xueshi, > PHP):"
		cat "$tmp/xml.diff"
		ok=0
	fi
	if ! cmp -s "$tmp/c.html" "$tmp/p.html"; then
		echo "$who: HTML differs (< xueshi, > PHP):"
		diff <(sed 's/></>\n</g' "$tmp/c.html") <(sed 's/></>\n</g' "$tmp/p.html") || true
		ok=0
	fi
	if [ "$ok" = 1 ]; then
		echo "$who: XML and HTML the same ($(wc -c <"$tmp/c.html") bytes of HTML)"
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
echo "compare: $passed passed, $failed failed"
[ "$failed" = 0 ]
