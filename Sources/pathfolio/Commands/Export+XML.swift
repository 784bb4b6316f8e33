import Foundation
import PathfolioCore
import PathfolioFormats

extension Pathfolio.Export {
    /// Writes portfolio XML: to standard output, to one file, or (with `--all` and a folder
    /// as `--out`) one file per person named `<person ID>.xml`. One portfolio is a
    /// `<portfolio>` document, several (with `--all` to standard output or to a file) one
    /// `<portfolios>` collection.
    func exportXML(_ portfolios: [Portfolio]) throws {
        Memory.keepHeapForBulkWork()
        let collection = all || portfolios.count != 1
        guard let out else {
            if collection {
                // Written as it is made: a caseload is never one string in memory.
                try PortfolioXML.write(collection: portfolios, audience: audience) { chunk in
                    try FileHandle.standardOutput.write(contentsOf: Data(chunk.utf8))
                }
            } else {
                try FileHandle.standardOutput.write(contentsOf: Data(try PortfolioXML.write(portfolios[0], audience: audience).utf8))
            }
            return
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isFolder)
        if (exists && isFolder.boolValue) || out.hasSuffix("/") {
            if !exists { try FileOutput.makeFolder(out) }
            // Render everything first: a text XML cannot carry stops the export before any file is written.
            let files = try portfolios.map { portfolio in
                (URL(fileURLWithPath: out).appendingPathComponent("\(portfolio.person.id.rawValue).xml").path,
                 try PortfolioXML.write(portfolio, audience: audience))
            }
            for (path, text) in files { try FileOutput.write(text, to: path) }
            print("Wrote \(files.count) XML file\(files.count == 1 ? "" : "s") to \(out)")
            return
        }
        if collection {
            try FileOutput.write(to: out) { handle in
                try PortfolioXML.write(collection: portfolios, audience: audience) { try handle.write(contentsOf: Data($0.utf8)) }
            }
        } else {
            let text = try PortfolioXML.write(portfolios[0], audience: audience)
            try FileOutput.write(to: out) { try $0.write(contentsOf: Data(text.utf8)) }
        }
        print("Wrote \(portfolios.count) portfolio\(portfolios.count == 1 ? "" : "s") to \(out)")
    }
}

/// Writing export files: private (0600) temporary file beside the target, renamed into place,
/// so a failed export never leaves a half-written file.
enum FileOutput {
    static func write(_ text: String, to path: String) throws {
        try write(to: path) { try $0.write(contentsOf: Data(text.utf8)) }
    }

    /// Creates a private temporary file beside `path`, lets `body` fill it, and renames it
    /// into place; when `body` throws, the temporary file is removed and `path` is untouched.
    static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw Failure(.io, "\(path): the file cannot be written", hint: "check that the folder exists and is writable",
                          errorCode: "file.unwritable")
        }
        do {
            try body(handle)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(.io, "\(path): the file cannot be written (\(reason))", hint: "check the path and its permissions",
                          errorCode: "file.unwritable")
        }
    }

    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(.io, "\(path): the folder cannot be created", hint: "check the path and its permissions",
                          errorCode: "file.unwritable")
        }
    }
}
