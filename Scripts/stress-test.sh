#!/bin/sh
# The long concurrency run: WRITERS `pathfolio` processes writing WRITES times each to one
# ledger at once (adds and edits); every write must be saved, none may fail or report a busy
# ledger, and `verify` must pass afterwards.
#
# Usage: Scripts/stress-test.sh [WRITERS [WRITES]]   (default 8 × 100; CI runs 8 × 15)
set -eu
cd "$(dirname "$0")/.."
swift build --build-tests >/dev/null
PATHFOLIO_STRESS_WRITERS=${1:-8} PATHFOLIO_STRESS_WRITES=${2:-100} \
    swift test --skip-build --filter ConcurrencyTests 2>&1 |
    grep -E 'stress:|✘|✔ Test|Test run|recorded an issue'
