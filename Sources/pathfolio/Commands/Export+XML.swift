import Foundation
import Glibc
import Synchronization
import PathfolioCore
import PathfolioFormats

extension Pathfolio.Export {
    /// Writes portfolio XML: to standard output, to one file, or (with `--all` and a folder
    /// as `--out`) one file per person named `<person ID>.xml`. One portfolio is a
    /// `<portfolio>` document; with `--all`, a `<portfolios>` collection (to standard output
    /// or a file). `groups` hands the portfolios to its argument a group at a time, in order,
    /// as the ledger holds them; each group is shown (`shown`: the audience's view, filtered),
    /// rendered and written on every core while the next group is read.
    func exportXML(shown: @escaping @Sendable (Portfolio) -> Portfolio,
                   _ groups: (_ each: ([Portfolio]) throws -> Void) throws -> Void) throws {
        Memory.keepHeapForBulkWork()
        let audience = self.audience
        /// Each portfolio of a group as a collection member, or why it cannot be one.
        @Sendable func members(_ group: [Portfolio]) throws -> [Result<String, DiagnosticError>] {
            try Parallel.map(group) { portfolio in
                Result { () throws(DiagnosticError) in try PortfolioXML.member(shown(portfolio), audience: audience) }
            }
        }
        var count = 0
        guard let out else {
            if all {
                // Written as it is made: a caseload is never one string in memory.
                var collection = try PortfolioXML.CollectionWriter(audience: audience) { chunk in
                    try Output.exportToStandardOutput(Data(chunk.utf8))
                }
                try Parallel.pipeline(groups, render: members) { members in for member in members { try collection.add(member) } }
                try collection.finish()
            } else {
                try groups { group in
                    for portfolio in group {
                        try Output.exportToStandardOutput(Data(try PortfolioXML.write(shown(portfolio), audience: audience).utf8))
                    }
                }
            }
            return
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isFolder)
        if (exists && isFolder.boolValue) || out.hasSuffix("/") {
            // Each file goes to a temporary file (written by the thread that rendered it); all
            // are put in place together at the end, so a text XML cannot carry (the first, in
            // name order) stops the export with no file written. A new folder is made whole.
            let batch = try FileBatch.writing(folder: out) { batch, folder in
                try Parallel.pipeline(groups, render: { group in
                    try Parallel.map(group) { portfolio in
                        let text = try PortfolioXML.write(shown(portfolio), audience: audience)
                        try batch.add(text, to: folder + portfolio.person.id.rawValue + ".xml")
                    }
                }) { written in
                    count += written.count
                    batch.startWriteback()
                }
            }
            print("Wrote \(count) XML file\(count == 1 ? "" : "s") to \(out)")
            // Only a caseload's folder: one person exported into it leaves the others be.
            if all { batch.warnOfOtherFiles(in: out, endingIn: ".xml", except: [".leap2a.xml"]) }
            return
        }
        if all {
            try FileOutput.write(to: out) { handle in
                var collection = try PortfolioXML.CollectionWriter(audience: audience) { try handle.write(contentsOf: Data($0.utf8)) }
                try Parallel.pipeline(groups, render: members) { members in
                    for member in members { try collection.add(member) }
                    count += members.count
                }
                try collection.finish()
            }
        } else {
            var text = ""
            try groups { group in
                for portfolio in group { text = try PortfolioXML.write(shown(portfolio), audience: audience) }
                count += group.count
            }
            try FileOutput.write(to: out) { try $0.write(contentsOf: Data(text.utf8)) }
        }
        print("Wrote \(count) portfolio\(count == 1 ? "" : "s") to \(out)")
    }
}

/// Writing export files: private (0600) temporary file beside the target, renamed into place,
/// so a failed export never leaves a half-written file.
enum FileOutput {
    static func write(_ text: String, to path: String) throws {
        try write(to: path) { try $0.write(contentsOf: Data(text.utf8)) }
    }

    /// - Parameter sync: `false` leaves the write-out to the system (a folder of thousands of
    ///   files is not synced file by file).
    static func write(_ data: Data, to path: String, sync: Bool = true) throws {
        try write(to: path, sync: sync) { try $0.write(contentsOf: data) }
    }

    /// Creates a private temporary file beside `path`, lets `body` fill it, and renames it
    /// into place; when `body` throws, the temporary file is removed and `path` is untouched.
    ///
    /// A symbolic link to a file is followed (the file it names is replaced). Anything else
    /// that is not a plain file (a device such as `/dev/stdout`, a pipe) is refused: the rename
    /// would replace it with a file.
    static func write(to path: String, sync: Bool = true, _ body: (FileHandle) throws -> Void) throws {
        let path = try plainFileTarget(path)
        let temporary = PathText.folder(of: path) + "/.\(PathText.name(of: path)).\(getpid()).tmp"
        // Interrupted (Ctrl-C) from before the file is made until it is in place, it goes.
        try Interruption.cleaningUp({ unlink(temporary) }) {
            let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw failure(path, String(cString: strerror(errno))) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do {
                try body(handle)
                if sync { try handle.synchronize() }
                try handle.close()
            } catch {
                try? handle.close()
                unlink(temporary)
                // What `body` refuses (a character XML cannot carry) goes on as it is; a failed
                // write comes as Foundation's error, which names neither the file nor the cause.
                let nsError = error as NSError
                guard nsError.domain == NSCocoaErrorDomain || nsError.domain == NSPOSIXErrorDomain else { throw error }
                throw failure(path, (Self.reason(of: error) ?? error.localizedDescription) + "; nothing was written")
            }
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw failure(path, reason)
            }
        }
    }

    /// A file that cannot be written, named at its path: a missing folder as such, otherwise
    /// with the system's reason.
    static func failure(_ path: String, _ reason: String) -> Failure {
        let parent = PathText.folder(of: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            return Failure(.io, "cannot write the file", hint: "the folder '\(parent)' does not exist; create it first or choose another path",
                           errorCode: "file.write", at: .file(path))
        }
        return Failure(.io, "cannot write the file (\(reason))", hint: "check the disk, the folder's permissions, and that the name is not a folder",
                       errorCode: "file.write", at: .file(path))
    }

    /// `path`, or the file a symbolic link at `path` names; refuses devices, pipes and folders.
    static func plainFileTarget(_ path: String) throws -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return path }  // nothing there yet
        var resolved = path
        if info.st_mode & S_IFMT == S_IFLNK {
            // What the link names, followed: a link to a pipe or a socket (`/dev/stdout`,
            // `/proc/self/fd/1` in a pipeline) has no path `realpath` can give (`pipe:[…]`),
            // but is there, and is not a file to replace.
            if stat(path, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFREG, let real = realpath(path, nil) else {
                    throw Self.notPlain(path)
                }
                resolved = String(cString: real)
                free(real)
                return resolved
            }
            return path  // a dangling link: the rename replaces it
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Self.notPlain(path) }
        return resolved
    }

    private static func notPlain(_ path: String) -> Failure {
        Failure(.usage, "\(path) is not a plain file (a device, a pipe or a folder), and an export writes a file there",
                hint: "to send the export somewhere else, leave out --out and redirect standard output (> \(path))",
                errorCode: "file.notPlain")
    }

    /// The system's reason for a failed file operation (`Permission denied`), from
    /// Foundation's error, which names neither the file nor the cause in its own words.
    static func reason(of error: any Error) -> String? {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        // The underlying error is not always an `NSError` on Linux (`as? NSError` misses it).
        guard let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error else { return nil }
        let inner = underlying as NSError
        return inner.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(inner.code))) : nil
    }
}
