#!/bin/sh
# Builds both example paths into one ledger and shows what Pathfolio does with them.
#
# Usage: swift build && Examples/demo.sh [LEDGER]
# LEDGER defaults to a new file in a temporary folder; the binary is $PATHFOLIO, else the one
# `swift build` made.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${PATHFOLIO:-}" ]; then
    PATHFOLIO="$(cd "$here/.." && swift build --show-bin-path)/pathfolio"
fi
[ -x "$PATHFOLIO" ] || { echo "error: no pathfolio binary at $PATHFOLIO" >&2; echo "  hint: run \`swift build\` first" >&2; exit 66; }
export PATHFOLIO
ledger=${1:-$(mktemp -d)/ledger.sqlite}
[ -e "$ledger" ] && { echo "error: $ledger already exists" >&2; echo "  hint: give a new path; the demo never writes into an existing ledger" >&2; exit 64; }

"$here/korean-job-seeker.sh" "$ledger"
"$here/career-changer.sh" "$ledger"

export PATHFOLIO_STORE="$ledger" PATHFOLIO_NOW=2026-11-23T09:00:00Z NO_COLOR=1
run() { printf '\n$ pathfolio %s\n' "$*"; "$PATHFOLIO" "$@"; }
run person list
run path --person 김하늘
run list --person "Alex Morgan"
run due --all-people
run export --format markdown --person 김하늘 --locale ko --audience counselor | sed -n 1,40p
echo "…"
run export --format xml --person Alex | sed -n 1,12p
echo "…"
run verify
printf '\nThe ledger is at %s (try: PATHFOLIO_STORE=%s %s show ID)\n' "$ledger" "$ledger" "$PATHFOLIO"
