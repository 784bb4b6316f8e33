#!/bin/sh
# Builds the release binary README.md installs, .build/release/pathfolio, as compare.sh
# measures it: the Swift runtime linked in (it runs where no Swift is installed, and starts
# in about half the time), and every module, ours and the packages', compiled to reach
# concrete generic types' metadata through their accessors rather than by mangled name.
#
# Why the flag: by mangled name, the runtime demangles the type the first time and checks
# its generic requirements by looking each conformance up, a scan of all 7,000 conformance
# records in the binary (about 420,000 instructions each). A short command meets dozens of
# such types first (ArgumentParser's, GRDB's, ours): `list` 59.8M → 54.1M instructions,
# `show` 33.1M → 27.8M, 1.1 ms off each (BENCHMARKS.md, fourteenth round). The accessors
# cost a little more code; exports and imports run the same. It must reach the packages,
# which a manifest cannot give flags to, hence a command line.
#
# Usage: Scripts/build-release.sh [more swift build options]
set -eu
cd "$(dirname "$0")/.."
exec swift build -c release --static-swift-stdlib --product pathfolio \
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors "$@"
