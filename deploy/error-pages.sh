#!/bin/sh
# Write the static error pages nginx serves itself (it answers these before
# a program sees the request, so no program can render them):
#
#   sh deploy/error-pages.sh DATADIR OUTDIR
#
# DATADIR holds xsl/ (the source tree, or the installed $pkgdatadir); the
# pages go to OUTDIR/413.html, 429.html and 503.html. They are rendered by
# the programs' own error stylesheet (xsl/pages/error.xsl) with xsltproc,
# so their text comes from xsl/strings.zh-CN.xml like every other page.
# `make install` runs this into $pkgdatadir/errors; deploy/run-local.sh
# into its state directory at every start.
set -eu
[ $# -eq 2 ] || { echo "usage: sh error-pages.sh DATADIR OUTDIR" >&2; exit 2; }
datadir=$1 out=$2
command -v xsltproc >/dev/null 2>&1 || {
	echo "error-pages.sh: xsltproc is missing (Debian package xsltproc)" >&2
	exit 1
}
mkdir -p "$out"
tmp=$(mktemp "${TMPDIR:-/tmp}/xs-err-XXXXXX")
trap 'rm -f "$tmp"' EXIT
# status:code, the code naming the message (error.CODE in the string table).
for pair in 413:upload_too_large 429:too_many_requests 503:overloaded; do
	status=${pair%%:*} code=${pair#*:}
	printf '<page name="error"><error status="%s" code="%s"/></page>\n' \
		"$status" "$code" > "$tmp"
	xsltproc --nonet -o "$out/$status.html.new" "$datadir/xsl/pages/error.xsl" "$tmp"
	mv "$out/$status.html.new" "$out/$status.html"
done
