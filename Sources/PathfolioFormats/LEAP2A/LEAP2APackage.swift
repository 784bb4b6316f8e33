import CZLibInflate
import Foundation
import PathfolioCore

/// A LEAP2A zip package: `leap2a.xml` and the files its entries attach.
///
/// Read with a small zip reader of our own (central directory, stored and deflated members
/// through zlib) that checks every offset and size against the file and stops on a damaged
/// or truncated stream: zip libraries tend to trap or loop forever on damaged files, and
/// this reader is meant to meet hostile input.
struct LEAP2APackage {
    var feed: Data
    var feedPath: String
    /// The folder `leap2a.xml` is in, with a trailing `/` (empty at the top).
    var folder: String
    /// Path in the package → SHA-256 of the file's bytes.
    var digests: [String: String]
    var losses = LossReport(format: "leap2a", direction: "import")

    /// The largest member read out of a package, in bytes (a guard against zip bombs).
    static let memberLimit = 256 << 20
    /// The most members a package may list.
    static let memberCountLimit = 100_000

    /// Whether the bytes are meant as a zip file: "PK" begins every zip file and no XML or
    /// JSON, so a damaged one is said to be a damaged zip, not XML that is not there.
    static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B]) }

    static func open(_ data: Data, source: String) throws(DiagnosticError) -> LEAP2APackage {
        let bytes = [UInt8](data)
        func damaged(_ why: String, _ path: String? = nil) -> DiagnosticError {
            DiagnosticError(.error("leap2a.zip", "the zip package is damaged: \(why)",
                                   hint: "check that the download is complete, or unzip it and import leap2a.xml",
                                   at: .file(path.map { source + "!/" + $0 } ?? source)))
        }
        let members: [ZipMember]
        do { members = try ZipMember.directory(of: bytes) } catch { throw damaged(error.reason) }
        let files = members.filter { !$0.path.hasSuffix("/") }
        guard let feedMember = files.filter({ $0.path == "leap2a.xml" || $0.path.hasSuffix("/leap2a.xml") })
            .min(by: { $0.path.count < $1.path.count }) else {
            throw DiagnosticError(.error("leap2a.zip.feed", "the zip package has no leap2a.xml",
                                         hint: "a LEAP2A package holds leap2a.xml beside its files; check that this is the right file",
                                         at: .file(source)))
        }
        var feed = Data()
        do {
            try feedMember.read(from: bytes, limit: memberLimit) { feed.append(contentsOf: $0) }
        } catch {
            throw damaged(error.reason, feedMember.path)
        }
        var package = LEAP2APackage(feed: feed, feedPath: feedMember.path,
                                    folder: String(feedMember.path.dropLast("leap2a.xml".count)), digests: [:])
        for file in files where file.path != feedMember.path {
            var hasher = StreamingSHA256()
            do {
                try file.read(from: bytes, limit: memberLimit) { hasher.update(Data($0)) }
                package.digests[file.path] = hasher.finalize()
            } catch {
                package.losses.add("package", file.path, field: "sha256", .dropped,
                                   "the file cannot be read from the package (\(error.reason)); it has no digest")
            }
        }
        return package
    }
}

/// Why a zip member cannot be read.
struct ZipError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// One member of a zip file, from its central directory.
struct ZipMember {
    var path: String
    var method: UInt16
    var flags: UInt16
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int

    private static func u16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    private static func u32(_ bytes: [UInt8], _ at: Int) -> Int { u16(bytes, at) | u16(bytes, at + 2) << 16 }

    /// The members the central directory lists, every offset checked against the file.
    static func directory(of bytes: [UInt8]) throws(ZipError) -> [ZipMember] {
        guard bytes.count >= 22 else { throw ZipError("too short to be a zip file") }
        var end = -1
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while position >= lowest {
            if bytes[position] == 0x50, bytes[position + 1] == 0x4B, bytes[position + 2] == 0x05, bytes[position + 3] == 0x06 {
                end = position
                break
            }
            position -= 1
        }
        guard end >= 0 else { throw ZipError("no end of central directory") }
        let count = u16(bytes, end + 10), size = u32(bytes, end + 12), offset = u32(bytes, end + 16)
        guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else { throw ZipError("ZIP64 packages are not read") }
        guard count <= LEAP2APackage.memberCountLimit else { throw ZipError("more than \(LEAP2APackage.memberCountLimit) files") }
        guard offset <= end, size <= end - offset else { throw ZipError("the central directory lies outside the file") }
        var members: [ZipMember] = []
        var cursor = offset
        for _ in 0..<count {
            guard cursor + 46 <= end, u32(bytes, cursor) == 0x0201_4B50 else { throw ZipError("a central directory record is broken") }
            let nameLength = u16(bytes, cursor + 28), extra = u16(bytes, cursor + 30), comment = u16(bytes, cursor + 32)
            guard cursor + 46 + nameLength <= end else { throw ZipError("a file name runs past the directory") }
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            members.append(ZipMember(path: name, method: UInt16(u16(bytes, cursor + 10)), flags: UInt16(u16(bytes, cursor + 8)),
                                     compressedSize: u32(bytes, cursor + 20), uncompressedSize: u32(bytes, cursor + 24),
                                     localHeaderOffset: u32(bytes, cursor + 42)))
            cursor += 46 + nameLength + extra + comment
        }
        return members
    }

    /// Reads the member's bytes, handing them to `consume` in chunks.
    func read(from bytes: [UInt8], limit: Int, consume: (UnsafeRawBufferPointer) -> Void) throws(ZipError) {
        let header = localHeaderOffset
        guard header >= 0, header + 30 <= bytes.count, Self.u32(bytes, header) == 0x0403_4B50 else {
            throw ZipError("the local header of \(path) is missing")
        }
        guard flags & 1 == 0 else { throw ZipError("\(path) is encrypted") }
        let start = header + 30 + Self.u16(bytes, header + 26) + Self.u16(bytes, header + 28)
        guard start <= bytes.count, compressedSize <= bytes.count - start else { throw ZipError("\(path) runs past the end of the file") }
        guard uncompressedSize <= limit else { throw ZipError("\(path) is larger than \(limit >> 20) MB") }
        switch method {
        case 0:
            bytes[start..<(start + compressedSize)].withUnsafeBytes { consume($0) }
        case 8:
            try Self.inflate(bytes[start..<(start + compressedSize)], limit: limit, name: path, consume: consume)
        default:
            throw ZipError("\(path) uses compression method \(method); only stored and deflated files are read")
        }
    }

    /// Raw deflate through zlib; stops with an error on damaged data, on a stream that ends
    /// before its end marker, and past `limit` bytes of output.
    static func inflate(_ input: ArraySlice<UInt8>, limit: Int, name: String,
                        consume: (UnsafeRawBufferPointer) -> Void) throws(ZipError) {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipError("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var compressed = Array(input)
        var output = [UInt8](repeating: 0, count: 64 << 10)
        var produced = 0
        let outcome: String? = compressed.withUnsafeMutableBufferPointer { inBuffer -> String? in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while true {
                let (status, count) = output.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int) in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    let status = CZLibInflate.inflate(&stream, Z_NO_FLUSH)
                    return (status, outBuffer.count - Int(stream.avail_out))
                }
                if count > 0 { output.withUnsafeBytes { consume(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) } }
                produced += count
                if produced > limit { return "\(name) inflates past \(limit >> 20) MB" }
                switch status {
                case Z_STREAM_END: return nil
                case Z_OK, Z_BUF_ERROR:
                    if count == 0, stream.avail_in == 0 { return "\(name) ends before its compressed data does" }
                    if count == 0, status == Z_BUF_ERROR { return "\(name) cannot be decompressed" }
                default: return "\(name) is damaged (zlib status \(status))"
                }
            }
        }
        if let outcome { throw ZipError(outcome) }
    }
}
