#!/bin/sh
# Makes the ledger fixture of the current schema version: both example paths (with their
# reflections), plus edits, an end date, a deletion and its restore, an unlink and a purge,
# so that every table and every kind of revision has rows. MigrationTests opens each fixture
# with the current code and checks that it upgrades without losing a row or a value.
#
# Run it once for each schema version, with the code that writes that version (right after
# adding its migration), and commit the file it writes
# (Tests/PathfolioStoreTests/Fixtures/ledger-vN.sqlite). Never re-make the fixture of a
# version that has shipped: it stands for the files people already have.
#
# Usage: Scripts/make-ledger-fixture.sh VERSION     (e.g. 1; the binary: $PATHFOLIO or .build/debug/pathfolio)
set -eu
cd "$(dirname "$0")/.."
version=${1:?usage: $0 SCHEMA-VERSION}
out="Tests/PathfolioStoreTests/Fixtures/ledger-v$version.sqlite"
[ -e "$out" ] && { echo "$out exists; fixtures of shipped versions are never re-made" >&2; exit 1; }
export PATHFOLIO=${PATHFOLIO:-$PWD/.build/debug/pathfolio}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ledger="$work/ledger.sqlite"
sh Examples/korean-job-seeker.sh "$ledger"
sh Examples/career-changer.sh "$ledger"

export PATHFOLIO_STORE="$ledger" PATHFOLIO_NOW=2026-11-24T09:00:00Z PATHFOLIO_ID_SEED=$version PATHFOLIO_ACTOR=fixture
P=$PATHFOLIO
"$P" person use 하늘 >/dev/null
job=$("$P" list --kind job --json | sed -n 's/.*"id" *: *"\([0-9a-f]\{32\}\)".*/\1/p' | head -1)
"$P" edit "$job" --summary "캠페인 리포트 자동화 담당" --skill Python >/dev/null
side=$("$P" add project -q --title "개인 포트폴리오 사이트" --start 2025-06 --skill HTML)
"$P" end "$side" --date 2025-08 >/dev/null
gone=$("$P" add volunteering -q --title "지역 도서관 데이터 봉사" --start 2023-05 --end 2023-06 --visibility private)
"$P" delete "$gone" >/dev/null
"$P" restore "$gone" >/dev/null
"$P" delete "$side" >/dev/null
erased=$("$P" add other -q --title "잘못 입력한 항목" --start 2020)
"$P" link "$erased" "$job" --type relatedTo >/dev/null
"$P" unlink "$erased" "$job" >/dev/null
"$P" purge "$erased" --yes >/dev/null
"$P" verify >/dev/null
cp "$ledger" "$out"
chmod 600 "$out"
echo "Wrote $out"
