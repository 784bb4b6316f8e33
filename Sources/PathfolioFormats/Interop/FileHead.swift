public import Foundation

/// The first bytes of a file, searched for ASCII markers when telling formats apart: a byte
/// search, where `String.contains` through Foundation cost ~0.5M instructions a call (a
/// fifth of importing a small file).
struct FileHead {
    let bytes: [UInt8]

    init(_ data: Data, length: Int = ImportFormat.headLength) {
        bytes = [UInt8](data.prefix(length))
    }

    func contains(_ marker: String) -> Bool {
        let needle = Array(marker.utf8)
        guard let first = needle.first, needle.count <= bytes.count else { return needle.isEmpty }
        var start = 0
        let last = bytes.count - needle.count
        while start <= last {
            guard let found = bytes[start...last].firstIndex(of: first) else { return false }
            if bytes[found..<found + needle.count].elementsEqual(needle) { return true }
            start = found + 1
        }
        return false
    }
}
