import Foundation

/// The first bytes of a file, searched for ASCII markers when telling formats apart: a byte
/// search, where `String.contains` through Foundation cost ~0.5M instructions a call (a
/// fifth of importing a small file).
struct FileHead {
    let bytes: [UInt8]

    init(_ data: Data, length: Int = ImportFormat.headLength) {
        bytes = [UInt8](data.prefix(length))
    }

    /// Whether the head holds `marker`'s UTF-8 bytes (`memchr` and `memcmp`: a format is told
    /// before each of 10,000 files of an import is read, and a scan through Swift's slices
    /// cost 66,000 instructions a file).
    func contains(_ marker: String) -> Bool {
        var marker = marker
        return marker.withUTF8 { needle in
            guard let first = needle.first, let wanted = needle.baseAddress else { return true }
            return bytes.withUnsafeBufferPointer { head in
                guard let base = head.baseAddress, needle.count <= head.count else { return false }
                let last = head.count - needle.count
                var start = 0
                while start <= last {
                    guard let hit = memchr(base + start, Int32(first), last - start + 1) else { return false }
                    let found = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + found, wanted, needle.count) == 0 { return true }
                    start = found + 1
                }
                return false
            }
        }
    }
}
