#!/bin/sh
# Renders both example paths as Markdown portfolios into Examples/ (or OUT), the files that
# are checked in beside this script. A test (MarkdownExportTests) fails when they are out of
# date; after changing the examples or the Markdown writer, run:
#
#   swift build && Examples/render-markdown.sh
#
# Usage: Examples/render-markdown.sh [OUT]   (the pathfolio binary: $PATHFOLIO, else the one
# `swift build` made). Writes, for the public unless named otherwise:
#   korean-job-seeker.ko.md  korean-job-seeker.en.md  korean-job-seeker.blind.ko.md
#   career-changer.en.md     career-changer.ko.md
#   caseload/ (both people for their counselor, with index.md)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export PATHFOLIO="${PATHFOLIO:-$(cd "$here/.." && swift build --show-bin-path)/pathfolio}"
[ -x "$PATHFOLIO" ] || { printf 'error: no pathfolio binary at %s\n  hint: run `swift build` first\n' "$PATHFOLIO" >&2; exit 66; }
out=${1:-$here}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/korean-job-seeker.sh" "$work/ledger.sqlite"
"$here/career-changer.sh" "$work/ledger.sqlite"

export PATHFOLIO_STORE="$work/ledger.sqlite" PATHFOLIO_NOW=2026-11-23T09:00:00Z NO_COLOR=1
md() { "$PATHFOLIO" export --format markdown "$@"; }
mkdir -p "$out"
md --person 김하늘 --locale ko --out "$out/korean-job-seeker.ko.md" >/dev/null
md --person 김하늘 --locale en --out "$out/korean-job-seeker.en.md" >/dev/null
md --person 김하늘 --locale ko --blind --out "$out/korean-job-seeker.blind.ko.md" >/dev/null
md --person "Alex Morgan" --locale en --out "$out/career-changer.en.md" >/dev/null
md --person "Alex Morgan" --locale ko --out "$out/career-changer.ko.md" >/dev/null
rm -rf "$out/caseload"
md --all --audience counselor --locale en --out "$out/caseload" >/dev/null
echo "Rendered the examples' Markdown into $out"
