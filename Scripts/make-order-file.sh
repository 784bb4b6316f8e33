#!/bin/sh
# Regenerates Scripts/pathfolio.order, the order in which `lld` lays out the release binary's
# functions (`--symbol-ordering-file`, Scripts/build-release.sh): the functions a short
# command runs, from the Swift runtime and Foundation to ours, put together so that a
# command's code spans a few hundred KB of the binary rather than 30 MB (each page of code
# it touches is a page fault at start; BENCHMARKS.md, twenty-first round).
#
# It runs a day's commands (reading, adding, editing, ending, exporting) under callgrind
# on the bundled example's ledger and lists every function of the binary they ran, first
# command first. A name the binary no longer has is skipped when linking, so a list that
# has fallen behind the code costs speed, never correctness; regenerate it after large
# changes. Needs valgrind and python3.
#
# Usage: Scripts/make-order-file.sh
set -eu
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "error: needs valgrind (apt-get install valgrind)" >&2; exit 69; }

Scripts/build-release.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Function names as the linker sees them: strip only the debug information.
strip --strip-debug -o "$work/pathfolio" .build/release/pathfolio
PATHFOLIO="$work/pathfolio" Examples/demo.sh "$work/ledger.sqlite" >/dev/null
export PATHFOLIO_STORE="$work/ledger.sqlite" PATHFOLIO_NOW=2026-11-23T09:00:00Z NO_COLOR=1
id=$("$work/pathfolio" list --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')

n=0
profile() {
    n=$((n + 1))
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/run.$n" "$work/pathfolio" "$@" \
        >/dev/null 2>&1 </dev/null || true
}
profile --version
profile show "$id"
profile show "$id" --json
profile list
profile list --json
profile path
profile history "$id"
profile person show
profile person list
profile due
profile add job --title "Barista" --start 2025-01
profile edit "$id" --title "Renamed"
profile end "$id" --date 2025-02 --no-reflect
profile verify
profile export --format markdown
profile export --format xml

python3 - "$work" "$n" >Scripts/pathfolio.order <<'EOF'
import re, sys
work, count = sys.argv[1], int(sys.argv[2])
seen = set()
for run in range(1, count + 1):
    objects, functions, order, current = {}, {}, [], None
    for line in open(f"{work}/run.{run}", errors="replace"):
        m = re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line)
        if m:
            if m.group(3): objects[m.group(2)] = m.group(3).strip()
            if m.group(1) == "ob": current = m.group(2)
            continue
        m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line)
        if m:
            if m.group(3): functions[m.group(2)] = re.sub(r"'\d+$", "", m.group(3).strip())
            if m.group(1) == "fn": order.append((current, m.group(2)))
    for obj, fn in order:
        name = functions.get(fn)
        if objects.get(obj, "").endswith(f"{work}/pathfolio") and name and not name.startswith("0x") and name not in seen:
            seen.add(name)
            print(name)
EOF
echo "Scripts/pathfolio.order: $(wc -l <Scripts/pathfolio.order) functions"
