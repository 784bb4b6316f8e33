#!/usr/bin/env bash
# Times whole `pathfolio` commands with hyperfine, each scenario beside its baselines
# measured in the same hyperfine run, and prints the table of ratios (also written to
# Benchmarks/.results/results.md).
#
#   Benchmarks/compare.sh                 build (release), make missing inputs, run everything
#   Benchmarks/compare.sh --quick         fewer runs (a smoke test, not for the record)
#   Benchmarks/compare.sh --data-only     only build and make the inputs
#   Benchmarks/compare.sh --only list,walk  run some scenario groups: list, walk, caseload, import, files, export, memory
#   Benchmarks/compare.sh --no-build      use the binaries already built
#
# Needs: hyperfine, sqlite3, xmllint (libxml2-utils), /usr/bin/time (time), jrnl (pip install jrnl).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=${PATHFOLIO_BENCH_DATA:-$here/.data}
results=$here/.results
work=$results/work
runs=10
warmup=2
heavy_runs=5
# Commands of a few milliseconds (list, show, path, the caseload's): 10 runs of them gave a
# σ of up to 2 ms on this VM, a fifth of the mean, and ratios that moved by 0.5 between two
# runs of the script; 100 runs cost about a second a command.
short_runs=100
short_warmup=10
build=1
only=""
data_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) runs=3; warmup=1; heavy_runs=2; short_runs=5; short_warmup=1 ;;
        --runs) runs=$2; short_runs=$2; shift ;;
        --data-only) data_only=1 ;;
        --only) only=$2; shift ;;
        --no-build) build=0 ;;
        *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
wanted() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

missing=()
for tool in hyperfine sqlite3 xmllint python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (apt-get install time)")
command -v jrnl >/dev/null || missing+=("jrnl (pip install jrnl)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "compare.sh: missing: ${missing[*]}" >&2
    echo "  apt-get install -y hyperfine sqlite3 libxml2-utils time && pip install jrnl" >&2
    exit 2
fi

if [ "$build" = 1 ]; then
    echo "== building (release, as README.md installs it)"
    (cd "$root" && Scripts/build-release.sh 2>&1 | tail -n 1)
    (cd "$here" && swift build -c release --product pathfolio-benchdata 2>&1 | tail -n 1)
fi
pathfolio=$root/.build/release/pathfolio
benchdata=$here/.build/release/pathfolio-benchdata
mkdir -p "$data" "$work"

# Whether this build has a command (the XML and Markdown formats land on their own branches).
has_xml() { "$pathfolio" import --help >/dev/null 2>&1 && [ -d "$root/Schemas" ]; }
has_format() {  # has_format xml|markdown: export writes it
    [ -f "$data/ledger-1000.sqlite" ] || return 1
    "$pathfolio" export --store "$data/ledger-1000.sqlite" --format "$1" --audience self >/dev/null 2>&1
}
schema() { ls "$root"/Schemas/*.xsd 2>/dev/null | head -n 1; }

# ---- inputs ---------------------------------------------------------------------------
make_input() {  # make_input FILE command…
    local file=$1; shift
    if [ ! -e "$file" ]; then
        echo "== making $(basename "$file")"
        "$@"
    fi
}
make_input "$data/ledger-1000.sqlite" "$benchdata" ledger "$data/ledger-1000.sqlite" --people 1 --experiences 1000
make_input "$data/chain-100000.sqlite" "$benchdata" chain "$data/chain-100000.sqlite" --length 100000
make_input "$data/journal-50000" "$benchdata" journal "$data/journal-50000" --people 10000 --experiences 5
if has_xml; then
    make_input "$data/collection-50000.xml" "$benchdata" xml-collection "$data/collection-50000.xml" --people 10000 --experiences 5
    make_input "$data/collection-100000.xml" "$benchdata" xml-collection "$data/collection-100000.xml" --people 20000 --experiences 5
    make_input "$data/files-10000" "$benchdata" xml-files "$data/files-10000" --people 10000 --experiences 5
    # The caseload the export scenarios read: the collection, imported by pathfolio itself.
    if [ ! -e "$data/caseload-10000.sqlite" ]; then
        echo "== making caseload-10000.sqlite (import of the collection)"
        "$pathfolio" init --store "$data/caseload-10000.sqlite" >/dev/null
        "$pathfolio" import --store "$data/caseload-10000.sqlite" "$data/collection-50000.xml" >/dev/null
        # The rows pathfolio's import writes, without its revisions, for the plain-SQLite baseline.
        rm -f "$data/rows-50000.sql"
    fi
else
    # Without an importer, the caseload is written through the Ledger API.
    make_input "$data/caseload-10000.sqlite" "$benchdata" ledger "$data/caseload-10000.sqlite" --people 10000 --experiences 5
fi
# The plain-SQLite baseline: the caseload's own rows (people, organizations, experiences,
# links, reflections, with the same tables and indexes), as one SQL transaction.
if [ ! -e "$data/rows-50000.sql" ]; then
    echo "== making rows-50000.sql"
    {
        sqlite3 "$data/caseload-10000.sqlite" ".dump person organization experience link reflection" | sed '$d'  # all but COMMIT
        sqlite3 "$data/caseload-10000.sqlite" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
            AND tbl_name IN ('person', 'organization', 'experience', 'link', 'reflection')"
        echo "COMMIT;"
    } >"$data/rows-50000.sql"
fi
# The same rows plus the revisions pathfolio writes for them (one a record: its JSON snapshot
# and hash chain), for an informative floor that counts all the rows an import writes.
if [ ! -e "$data/rows-revisions-50000.sql" ]; then
    echo "== making rows-revisions-50000.sql"
    {
        sed '$d' "$data/rows-50000.sql"  # all but COMMIT
        sqlite3 "$data/caseload-10000.sqlite" ".dump revision" | grep -v '^BEGIN TRANSACTION;$' | sed '$d'
        sqlite3 "$data/caseload-10000.sqlite" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
            AND tbl_name = 'revision'"
        echo "COMMIT;"
    } >"$data/rows-revisions-50000.sql"
fi
[ "$data_only" = 1 ] && { echo "inputs are in $data"; exit 0; }

# ---- running --------------------------------------------------------------------------
export PATHFOLIO_NOW=2026-11-23T12:00:00Z
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at start" >"$results/load.txt"

bench() {  # bench NAME hyperfine-arguments…
    local name=$1; shift
    echo "== $name"
    rm -f "$results/$name.json"  # results of groups not run this time stay
    hyperfine --style basic --runs "$runs" --warmup "$warmup" -N --export-json "$results/$name.json" "$@" 2>&1 \
        | grep -E '^(Benchmark|  Time)' || true
}
# The scenarios that take seconds a run get fewer runs.
heavy() { runs=$heavy_runs warmup=1 bench "$@"; }
# Those of a few milliseconds get more.
short() { runs=$short_runs warmup=$short_warmup bench "$@"; }

# The floors of `list` and `show`: the queries they answer from, in the sqlite3 shell.
list_query() {  # LEDGER PERSON-ID
    echo "sqlite3 $1 \"SELECT e.id, e.status, e.startDate, e.endDate, e.ongoing, e.kind, e.title, o.name, e.visibility FROM experience e JOIN person p ON p.id = e.personID LEFT JOIN organization o ON o.id = e.organizationID WHERE e.personID = '$2' AND e.deletedAt IS NULL AND p.deletedAt IS NULL ORDER BY e.sortKey, e.title, e.id\""
}
show_queries() {  # LEDGER EXPERIENCE-ID
    echo "sqlite3 $1 \"SELECT e.*, o.name FROM experience e LEFT JOIN organization o ON o.id = e.organizationID WHERE e.id = '$2'; SELECT l.*, a.title, b.title FROM link l JOIN experience a ON a.id = l.fromID JOIN experience b ON b.id = l.toID WHERE l.fromID = '$2' OR l.toID = '$2'; SELECT * FROM reflection WHERE experienceID = '$2'; SELECT count(*), max(at), actor FROM revision WHERE entityID = '$2'\""
}

ledger=$data/ledger-1000.sqlite
if wanted list; then
    person=$(sqlite3 "$ledger" "SELECT value FROM setting WHERE key = 'defaultPerson'")
    # A node in the middle of the path, with links both ways and a reflection.
    middle=$(sqlite3 "$ledger" "SELECT e.id FROM experience e JOIN reflection r ON r.experienceID = e.id ORDER BY e.sortKey LIMIT 1 OFFSET 100")
    short list \
        -n "pathfolio list" "$pathfolio list --store $ledger" \
        -n "sqlite3 list query" "$(list_query "$ledger" "$person")" \
        -n "pathfolio list --json" "$pathfolio list --store $ledger --json"
    short show \
        -n "pathfolio show" "$pathfolio show --store $ledger $middle" \
        -n "sqlite3 show queries" "$(show_queries "$ledger" "$middle")"
    short path \
        -n "pathfolio path" "$pathfolio path --store $ledger" \
        -n "sqlite3 path CTE with titles" "sqlite3 $ledger \"WITH RECURSIVE walk(id, parent, via, depth, sortKey) AS (SELECT e.id, NULL, NULL, 0, e.sortKey FROM experience e WHERE e.personID = '$person' AND e.deletedAt IS NULL AND NOT EXISTS (SELECT 1 FROM link l WHERE l.toID = e.id AND l.type = 'ledTo') AND NOT EXISTS (SELECT 1 FROM link l WHERE l.fromID = e.id AND l.type = 'partOf') UNION ALL SELECT l.toID, walk.id, l.type, walk.depth + 1, e.sortKey FROM walk JOIN link l ON l.fromID = walk.id AND l.type = 'ledTo' JOIN experience e ON e.id = l.toID AND e.deletedAt IS NULL ORDER BY 4 DESC, 5 ASC, 1 ASC) SELECT w.id, w.depth, e.status, e.startDate, e.endDate, e.kind, e.title, o.name FROM walk w JOIN experience e ON e.id = w.id LEFT JOIN organization o ON o.id = e.organizationID\""
fi

caseload=$data/caseload-10000.sqlite
if wanted caseload; then
    # One person's commands on the 10,000-person caseload (150,000 revisions): what a counselor
    # runs all day. A command on one person must cost what it costs on a small ledger, so the
    # floors are the same queries for that person. And the process start of each program.
    cperson=$(sqlite3 "$caseload" "SELECT e.personID FROM experience e JOIN reflection r ON r.experienceID = e.id ORDER BY e.id LIMIT 1")
    cmiddle=$(sqlite3 "$caseload" "SELECT e.id FROM experience e JOIN reflection r ON r.experienceID = e.id ORDER BY e.id LIMIT 1")
    short caseload \
        -n "pathfolio list (caseload)" "$pathfolio list --store $caseload --person $cperson" \
        -n "sqlite3 list query (caseload)" "$(list_query "$caseload" "$cperson")" \
        -n "pathfolio show (caseload)" "$pathfolio show --store $caseload --person $cperson $cmiddle" \
        -n "sqlite3 show queries (caseload)" "$(show_queries "$caseload" "$cmiddle")" \
        -n "pathfolio person show (caseload)" "$pathfolio person show --store $caseload $cperson" \
        -n "sqlite3 person query (caseload)" "sqlite3 $caseload \"SELECT p.*, (SELECT count(*) FROM experience e WHERE e.personID = p.id AND e.deletedAt IS NULL) FROM person p WHERE p.id = '$cperson'\"" \
        -n "pathfolio --version (process start)" "$pathfolio --version" \
        -n "sqlite3 :memory: select 1 (process start)" "sqlite3 :memory: 'select 1'"
fi

chain=$data/chain-100000.sqlite
if wanted walk; then
    # The same walk with what `path --json` prints for each step (title, kind, status,
    # dates, organization), as JSON: the floor for the whole command.
    titled="WITH RECURSIVE walk(id, parent, via, depth) AS (SELECT 'c0000000', NULL, NULL, 0 UNION ALL SELECT l.toID, walk.id, l.type, walk.depth + 1 FROM walk JOIN link l ON l.fromID = walk.id AND l.type = 'ledTo' JOIN experience x ON x.id = l.toID AND x.deletedAt IS NULL) SELECT w.id, w.depth, w.parent, w.via, e.kind, e.status, e.title, o.name AS organization, e.startDate, e.endDate FROM walk w JOIN experience e ON e.id = w.id LEFT JOIN organization o ON o.id = e.organizationID"
    bare="WITH RECURSIVE walk(id, depth) AS (SELECT 'c0000000', 0 UNION ALL SELECT l.toID, walk.depth + 1 FROM walk JOIN link l ON l.fromID = walk.id AND l.type = 'ledTo') SELECT id, depth FROM walk"
    bench walk \
        -n "pathfolio path c0000000 --json" "$pathfolio path --store $chain c0000000 --json" \
        -n "sqlite3 bare recursive CTE" "sqlite3 $chain \"$bare\"" \
        -n "sqlite3 -json CTE with titles" "sqlite3 -json $chain \"$titled\""
fi

xsd=$(schema || true)
collection=$data/collection-50000.xml
if wanted import && has_xml; then
    target=$work/import.sqlite
    heavy import \
        --prepare "sh -c 'rm -f $target $target-wal $target-shm $work/rows.sqlite && $pathfolio init --store $target >/dev/null'" \
        -n "pathfolio import collection" "$pathfolio import --store $target $collection" \
        -n "xmllint --stream --schema" "xmllint --noout --stream --schema $xsd $collection" \
        -n "sqlite3 insert rows" "sh -c 'sqlite3 $work/rows.sqlite < $data/rows-50000.sql'" \
        -n "sqlite3 insert rows and revisions" "sh -c 'sqlite3 $work/rows.sqlite < $data/rows-revisions-50000.sql'"
fi
if wanted files && has_xml; then
    target=$work/files.sqlite
    heavy files \
        --prepare "sh -c 'rm -f $target $target-wal $target-shm $work/rows.sqlite && $pathfolio init --store $target >/dev/null'" \
        -n "pathfolio import 10,000 files" "sh -c '$pathfolio import --store $target $data/files-10000/*.xml'" \
        -n "xmllint --stream --schema (10,000 files)" "sh -c 'xmllint --noout --stream --schema $xsd $data/files-10000/*.xml'" \
        -n "sqlite3 insert rows" "sh -c 'sqlite3 $work/rows.sqlite < $data/rows-50000.sql'"
fi

if wanted export; then
    journal=$data/journal-50000
    rows="SELECT p.name, e.kind, e.status, e.title, o.name, e.role, e.location, e.startDate, e.endDate, e.summary, e.highlights, e.skills, e.tags, r.entries FROM person p JOIN experience e ON e.personID = p.id LEFT JOIN organization o ON o.id = e.organizationID LEFT JOIN reflection r ON r.experienceID = e.id ORDER BY p.name, e.sortKey"
    args=()
    # The same files written by a script that does nothing else (file-system floor).
    for format in xml markdown; do
        if has_format $format && [ ! -d "$data/export-$format-10000" ]; then
            "$pathfolio" export --store "$caseload" --all --format $format --audience self --out "$data/export-$format-10000/" >/dev/null
        fi
    done
    # Every run writes into a folder of its own, and the folders are removed only after the
    # group: ext4 makes the next 10,000 files slow to create right after 10,000 were deleted
    # (its inode allocator skips recently deleted inodes: half of a run's samples in `perf`),
    # which made a `--prepare "rm -rf"` cost more than the work measured, and vary 3x.
    exports=$work/exports
    mkdir -p "$exports"
    fresh="\$(mktemp -d -p $exports)"
    if has_format xml; then
        # Into a new folder (the usual case: made whole, with one rename) and into one that
        # is there already, empty (each file renamed into place).
        args+=(-n "pathfolio export --all xml" "sh -c '$pathfolio export --store $caseload --all --format xml --audience self --out $fresh/out/'")
        args+=(-n "pathfolio export --all xml (existing folder)" "sh -c '$pathfolio export --store $caseload --all --format xml --audience self --out $fresh/'")
        args+=(-n "write the same 10,000 XML files (python)" "sh -c 'python3 $here/write-files.py $data/export-xml-10000 $fresh'")
        # The caseload as one <portfolios> file, the shape of jrnl's one Markdown file.
        args+=(-n "pathfolio export --all xml (one file)" "sh -c '$pathfolio export --store $caseload --all --format xml --audience self --out $fresh/caseload.xml'")
    fi
    if has_format markdown; then
        args+=(-n "pathfolio export --all markdown" "sh -c '$pathfolio export --store $caseload --all --format markdown --audience self --out $fresh/out/'")
        args+=(-n "pathfolio export --all markdown (existing folder)" "sh -c '$pathfolio export --store $caseload --all --format markdown --audience self --out $fresh/'")
        args+=(-n "write the same 10,000 Markdown files (python)" "sh -c 'python3 $here/write-files.py $data/export-markdown-10000 $fresh'")
        # The caseload as one document (builds that have it), the shape of jrnl's file.
        if "$pathfolio" export --help 2>/dev/null | grep -q 'FILE.md'; then
            args+=(-n "pathfolio export --all markdown (one file)" "sh -c '$pathfolio export --store $caseload --all --format markdown --audience self --out $fresh/caseload.md'")
        fi
    fi
    heavy export "${args[@]}" \
        -n "sqlite3 rows as markdown" "sh -c 'sqlite3 -markdown $caseload \"$rows\" > $work/rows.md'" \
        -n "sqlite3 rows as html (XML floor)" "sh -c 'sqlite3 -html $caseload \"$rows\" > $work/rows.html'" \
        -n "jrnl export markdown (50,000 entries)" "jrnl --config-file $journal/jrnl.yaml --format markdown --file $work/jrnl.md"
    rm -rf "$exports"
fi

if wanted memory && has_xml; then
    echo "== memory (max RSS, /usr/bin/time -v)"
    : >"$results/memory.txt"
    for file in "$collection" "$data/collection-100000.xml"; do
        target=$work/memory.sqlite
        rm -f "$target" "$target-wal" "$target-shm"
        "$pathfolio" init --store "$target" >/dev/null
        /usr/bin/time -v "$pathfolio" import --store "$target" "$file" >/dev/null 2>"$work/time.txt" || true
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
        size=$(stat -c %s "$file")
        echo "$(basename "$file") $size $rss" | tee -a "$results/memory.txt"
    done
fi

echo "load $(cut -d' ' -f1-3 /proc/loadavg) at end" >>"$results/load.txt"
python3 "$here/report.py" "$results" | tee "$results/results.md"
