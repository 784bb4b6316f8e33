import Foundation
import PathfolioCore
import ZIPFoundation

/// A LEAP2A zip package: `leap2a.xml` and the files its entries attach.
struct LEAP2APackage {
    var feed: Data
    var feedPath: String
    /// The folder `leap2a.xml` is in, with a trailing `/` (empty at the top).
    var folder: String
    /// Path in the package → SHA-256 of the file's bytes.
    var digests: [String: String]
    var losses = LossReport(format: "leap2a", direction: "import")

    /// The largest file read out of a package, in bytes (a guard against zip bombs).
    static let entryLimit: UInt64 = 200_000_000

    static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func open(_ data: Data, source: String) throws(DiagnosticError) -> LEAP2APackage {
        // ZIPFoundation's in-memory archives trap on offsets past the end of a damaged
        // file; a file-backed archive reads short instead, so the bytes go through a
        // private temporary file, removed before returning.
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-leap2a-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive: Archive
        do {
            try data.write(to: temporary, options: [.atomic])
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
            archive = try Archive(url: temporary, accessMode: .read)
        } catch {
            throw DiagnosticError(.error("leap2a.zip", "the file starts like a zip package but cannot be read as one",
                                         hint: "check that the download is complete, or unzip it and import leap2a.xml", at: .file(source)))
        }
        let files = Array(archive).filter { $0.type == .file }
        guard let feedEntry = files.filter({ $0.path == "leap2a.xml" || $0.path.hasSuffix("/leap2a.xml") })
            .min(by: { $0.path.count < $1.path.count }) else {
            throw DiagnosticError(.error("leap2a.zip.feed", "the zip package has no leap2a.xml",
                                         hint: "a LEAP2A package holds leap2a.xml beside its files; check that this is the right file",
                                         at: .file(source)))
        }
        func contents(_ entry: Entry, hashing: Bool) throws(DiagnosticError) -> (Data?, String) {
            guard entry.uncompressedSize <= entryLimit else {
                throw DiagnosticError(.error("leap2a.zip.size", "\(entry.path) is larger than \(entryLimit / 1_000_000) MB",
                                             hint: "leave large files out of the package", at: .file(source + "!/" + entry.path)))
            }
            var collected = Data()
            var hasher = StreamingSHA256()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    if hashing { hasher.update(chunk) } else { collected.append(chunk) }
                    if collected.count > Int(entryLimit) { throw CocoaError(.fileReadTooLarge) }
                }
            } catch let error as DiagnosticError {
                throw error
            } catch {
                throw DiagnosticError(.error("leap2a.zip.entry", "\(entry.path) cannot be read from the package",
                                             hint: "the package is damaged; export it again", at: .file(source + "!/" + entry.path)))
            }
            return (hashing ? nil : collected, hashing ? hasher.finalize() : "")
        }
        let (feed, _) = try contents(feedEntry, hashing: false)
        var package = LEAP2APackage(feed: feed ?? Data(), feedPath: feedEntry.path,
                                    folder: String(feedEntry.path.dropLast("leap2a.xml".count)), digests: [:])
        for file in files where file.path != feedEntry.path {
            package.digests[file.path] = try contents(file, hashing: true).1
        }
        return package
    }
}
