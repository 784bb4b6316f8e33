#!/bin/sh
# The long crash harness: SIGKILL `pathfolio` at random moments while it writes, then check
# that SQLite's integrity check and `pathfolio verify` pass, that every write the user was
# told about is there, that nothing is half there, and that the next command works.
#
# Usage: Scripts/crash-test.sh [TRIALS]        (default 50; CI runs 3 inside `swift test`)
# Replay a run: PATHFOLIO_TEST_SEED=<the seed it printed> Scripts/crash-test.sh TRIALS
set -eu
cd "$(dirname "$0")/.."
trials=${1:-${PATHFOLIO_CRASH_TRIALS:-50}}
swift build --build-tests >/dev/null
PATHFOLIO_CRASH_TRIALS=$trials swift test --skip-build --filter CrashTests 2>&1 |
    grep -E 'crash(-import)?:|✘|✔ Test|Test run|recorded an issue'
