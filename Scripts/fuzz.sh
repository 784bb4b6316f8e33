#!/bin/sh
# Fuzzes Pathfolio's readers with libFuzzer and AddressSanitizer: the XML reader (with XSD
# validation), the LEAP2A reader and the reflection template / document parser.
#
# Usage: Scripts/fuzz.sh [SECONDS-PER-TARGET [TARGET...]]
#   default: 60 seconds for each of FuzzXMLReader FuzzLEAP2AReader FuzzReflectionTemplate
# The fuzzers build in FuzzTesting/.build (a package of their own; `swift build` at the top
# never compiles them). Seeds come from Examples/; the corpus grows in FuzzTesting/corpus/
# and inputs that crash land in FuzzTesting/findings/ (both git-ignored). Replay one with
#   FuzzTesting/.build/release/FuzzXMLReader FuzzTesting/findings/FuzzXMLReader/crash-…
# and turn it into a regression test.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-FuzzXMLReader FuzzLEAP2AReader FuzzReflectionTemplate}

echo "Building the fuzzers…"
(cd FuzzTesting && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | tail -3)
bin=FuzzTesting/.build/release

# Seeds from the examples: the XML files, LEAP2A exports of the example ledgers, templates.
seeds=FuzzTesting/seeds
mkdir -p "$seeds/FuzzXMLReader" "$seeds/FuzzLEAP2AReader" "$seeds/FuzzReflectionTemplate"
cp Examples/*.xml "$seeds/FuzzXMLReader/"
cp Examples/templates/*.md "$seeds/FuzzReflectionTemplate/"
if [ -z "$(ls "$seeds/FuzzLEAP2AReader")" ]; then
    swift build --product pathfolio >/dev/null
    work=$(mktemp -d)
    PATHFOLIO="$root/.build/debug/pathfolio" sh Examples/korean-job-seeker.sh "$work/ledger.sqlite" >/dev/null
    PATHFOLIO="$root/.build/debug/pathfolio" sh Examples/career-changer.sh "$work/ledger.sqlite" >/dev/null
    for person in 하늘 alex; do
        .build/debug/pathfolio export --store "$work/ledger.sqlite" --person "$person" --format leap2a \
            --audience self --out "$seeds/FuzzLEAP2AReader/$person.xml"
    done
    rm -rf "$work"
fi

for target in $targets; do
    corpus=FuzzTesting/corpus/$target findings=FuzzTesting/findings/$target
    mkdir -p "$corpus" "$findings"
    echo "== $target: $seconds s"
    "$bin/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings/" -print_final_stats=1 "$corpus" "$seeds/$target" 2>&1 |
        grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' || true
    echo "   findings: $(ls "$findings" | wc -l) (in $findings)"
done
