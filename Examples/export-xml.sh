#!/bin/sh
# Regenerates the example portfolios as XML: builds each example path in a fresh ledger and
# exports it for the person themselves (--audience self, everything), in canonical form.
#
# Usage: Examples/export-xml.sh [FOLDER]   (default: Examples; the pathfolio binary: $PATHFOLIO
# or `pathfolio`). A test runs it and checks its output equals the committed files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
P=${PATHFOLIO:-pathfolio}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in korean-job-seeker career-changer; do
    PATHFOLIO="$P" sh "$here/$name.sh" "$work/$name.sqlite" >/dev/null
    PATHFOLIO_STORE="$work/$name.sqlite" "$P" export --format xml --audience self --out "$out/$name.xml" >/dev/null
done
