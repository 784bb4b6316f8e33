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
# How it is linked (twenty-first round), each for a start that writes and reads less of the
# 100 MB binary before `main`:
# - no symbols exported (Scripts/pathfolio.exports): the Swift runtime links with
#   `-export-dynamic`, which put 13,300 of our and the packages' symbols in the dynamic
#   table; the runtime's `dladdr` at start read all of it, and every library's symbol
#   lookups went through its hash table first (`show` −2.5% instructions);
# - no `$ORIGIN` search path: each library was first looked for beside the binary, 22
#   failed `openat` and `stat` calls, and a library put beside it would have been loaded;
# - with LLVM's linker where the toolchain has it, relative relocations packed (DT_RELR,
#   glibc 2.36 and later): a table of 36 KB instead of 2.2 MB read at every start, and
#   `ld.so` 0.4M instructions fewer;
# - with it too, the functions a short command runs laid out together
#   (Scripts/pathfolio.order, made by Scripts/make-order-file.sh; every function in a
#   section of its own so that ours and the packages' can be placed): 40–80 page faults
#   fewer a command, `show` −13% wall time. Without `lld` (or with an older glibc), the
#   system's linker as before, with the first two.
#
# After the link (twenty-second round): libxml2 is loaded when a command first reads XML
# (Sources/CLibXML2/shim.h), so the binary no longer asks for it at start. `pkg-config`
# links it all the same, and a linker's `--as-needed` comes after SwiftPM's `-lxml2` on its
# command line, so the request is taken out of the finished binary with `patchelf` (Debian:
# patchelf), once readelf shows no symbol or version of it bound in the binary. libxml2 and the
# ICU and liblzma it brings are then 0.4 ms and 60 page faults that `list` or `show` no
# longer pay. Without patchelf the binary works the same and loads libxml2 at start.
#
# Usage: Scripts/build-release.sh [more swift build options]
set -eu
cd "$(dirname "$0")/.."

set -- -Xswiftc -Xfrontend -Xswiftc -function-sections \
    -Xlinker "--version-script=$PWD/Scripts/pathfolio.exports" --disable-local-rpath "$@"
swiftc=$(command -v swiftc || true)
lld=${swiftc:+$(dirname "$(readlink -f "$swiftc")")/ld.lld}
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{ split($2, v, "."); print (v[1] > 2 || (v[1] == 2 && v[2] >= 36)) }')
if [ -n "$lld" ] && [ -x "$lld" ] && [ "$glibc" = 1 ]; then
    mkdir -p .build
    printf '{ "schemaVersion": "1.0", "linker": { "path": "%s" } }\n' "$lld" >.build/release-toolset.json
    set -- --toolset "$PWD/.build/release-toolset.json" -Xlinker -z -Xlinker pack-relative-relocs \
        -Xlinker "--symbol-ordering-file=$PWD/Scripts/pathfolio.order" -Xlinker --no-warn-symbol-ordering "$@"
fi

set -- -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors "$@"

# SwiftPM compiles nothing again when only the flags change, and links nothing again when
# only the order file does: a release folder built otherwise is rebuilt whole, and a binary
# older than the order file is linked again.
binaries=$(swift build -c release --show-bin-path "$@")
case "$binaries" in
*/release)
    if [ "$(cat "$binaries.flags" 2>/dev/null)" != "$*" ]; then
        rm -rf "$binaries"
        printf '%s' "$*" >"$binaries.flags"
    elif [ Scripts/pathfolio.order -nt "$binaries/pathfolio" ]; then
        rm -f "$binaries/pathfolio"
    fi
    ;;
esac

swift build -c release --static-swift-stdlib --product pathfolio "$@"

binary=$binaries/pathfolio
if readelf -d "$binary" 2>/dev/null | grep -q 'NEEDED.*libxml2'; then
    # A symbol bound to libxml2 by the linker (every one of Debian's is versioned LIBXML2_…),
    # or a version of it required: the binary would then not start without the request.
    if readelf -V -W "$binary" | grep -q 'File: libxml2' || readelf --dyn-syms -W "$binary" | grep -q '@LIBXML2'; then
        echo "build-release.sh: the binary calls libxml2 directly; it stays linked at start" >&2
    elif command -v patchelf >/dev/null 2>&1; then
        patchelf --remove-needed "$(readelf -d "$binary" | sed -n 's/.*NEEDED.*\[\(libxml2[^]]*\)\].*/\1/p')" "$binary"
    else
        echo "build-release.sh: without patchelf (apt-get install patchelf) libxml2 is loaded at every start" >&2
    fi
fi
