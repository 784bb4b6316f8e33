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
            if !exists { try FileOutput.makeFolder(out) }
            // Each file goes to a temporary file (written by the thread that rendered it); all
            // are put in place together at the end, so a text XML cannot carry (the first, in
            // name order) stops the export with no file written.
            let batch = FileBatch { path, reason in
                Failure(.io, "\(path): the file cannot be written\(reason.map { " (\($0))" } ?? "")",
                        hint: "check that the folder exists and is writable", errorCode: "file.unwritable")
            }
            let folder = out.hasSuffix("/") ? out : out + "/"
            do {
                // Interrupted (Ctrl-C), the temporary files go too.
                try Interruption.cleaningUp({ batch.discard() }) {
                    try Parallel.pipeline(groups, render: { group in
                        try Parallel.map(group) { portfolio in
                            let text = try PortfolioXML.write(shown(portfolio), audience: audience)
                            try batch.add(Data(text.utf8), to: folder + portfolio.person.id.rawValue + ".xml")
                        }
                    }) { written in count += written.count }
                    try batch.commit()
                }
            } catch {
                batch.discard()
                throw error
            }
            print("Wrote \(count) XML file\(count == 1 ? "" : "s") to \(out)")
            batch.warnOfOtherFiles(in: out, endingIn: ".xml")
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
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp").path
        // Interrupted (Ctrl-C) from before the file is made until it is in place, it goes.
        try Interruption.cleaningUp({ unlink(temporary) }) {
            guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw Failure(.io, "\(path): the file cannot be written", hint: "check that the folder exists and is writable",
                              errorCode: "file.unwritable")
            }
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
                let reason = Self.reason(of: error) ?? error.localizedDescription
                throw Failure(.io, "\(path): the file cannot be written (\(reason)); nothing was written",
                              hint: "check the disk and the folder's permissions", errorCode: "file.unwritable")
            }
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw Failure(.io, "\(path): the file cannot be written (\(reason))", hint: "check the path and its permissions",
                              errorCode: "file.unwritable")
            }
        }
    }

    /// `path`, or the file a symbolic link at `path` names; refuses devices, pipes and folders.
    static func plainFileTarget(_ path: String) throws -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return path }  // nothing there yet
        var resolved = path
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let real = realpath(path, nil) else { return path }  // a dangling link: the rename replaces it
            resolved = String(cString: real)
            free(real)
            guard stat(resolved, &info) == 0 else { return path }
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Failure(.usage, "\(path) is not a plain file (a device, a pipe or a folder), and an export writes a file there",
                          hint: "to send the export somewhere else, leave out --out and redirect standard output (> \(path))",
                          errorCode: "file.notPlain")
        }
        return resolved
    }

    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(.io, "\(path): the folder cannot be created\(reason(of: error).map { " (\($0))" } ?? "")",
                          hint: "check the path and its permissions", errorCode: "file.unwritable")
        }
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

/// Many files written as one: each goes to a private (0600) temporary file beside its
/// target, and only when all are written are they synced, with one sync of the file system
/// rather than one per file, and renamed into place. A failure before that point (or a
/// batch dropped without ``commit()``) removes the temporary files and leaves every target
/// as it was; no target is ever half written. Files may be added from several threads at
/// once (an export writes each file on the thread that rendered it).
final class FileBatch: Sendable {
    private let pending = Mutex<[(temporary: String, path: String)]>([])
    /// The names of the files the last ``commit()`` put in place.
    private let placed = Mutex<Set<String>>([])
    /// Set by ``discard()`` (under `pending`'s lock, which files are created under): no file
    /// is created after it, so an interrupted export leaves no temporary file behind.
    private let discarded = Atomic<Bool>(false)
    private let failure: @Sendable (_ path: String, _ reason: String?) -> any Error

    /// `failure` makes the error for a path that cannot be written, with the system's reason.
    init(failure: @escaping @Sendable (_ path: String, _ reason: String?) -> any Error) {
        self.failure = failure
    }

    deinit {
        discard()
    }

    /// Removes every temporary file not yet put in place. An export calls it when it fails:
    /// the threads that rendered the files may hold the batch a moment longer than the error
    /// takes to reach `main`, so `deinit` alone could come after the process has exited.
    func discard() {
        pending.withLock { files in
            discarded.store(true, ordering: .relaxed)
            for file in files { unlink(file.temporary) }
            files.removeAll()
        }
    }

    /// Writes `data` to a temporary file beside `path` (not synced yet).
    func add(_ data: Data, to path: String) throws {
        let temporary = Self.folder(of: path) + "/.\(Self.name(of: path)).\(getpid()).tmp"
        // Created under the lock, so that none is created once the batch is discarded.
        let descriptor = try pending.withLock { files in
            guard !discarded.load(ordering: .relaxed) else { throw CancellationError() }
            let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw failure(path, String(cString: strerror(errno))) }
            files.append((temporary, path))
            return descriptor
        }
        var error: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    error = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, error == 0 { error = errno }
        if error != 0 { throw failure(path, String(cString: strerror(error))) }
    }

    /// The folder a path names a file in (`.` for a bare name), as text: `URL` and `NSString`
    /// path methods cost tens of thousands of instructions a call, and an export makes
    /// thousands of names.
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a file's path.
    static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// Linux's `syncfs(2)`, which Swift's Glibc module does not declare (it is a GNU extension).
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// Warns (on standard error) when `folder` holds files ending in `suffix` that this batch
    /// did not write: an earlier export's, of a person since purged or shown under another
    /// name (`--blind`, another audience). They are not removed (they may be the user's own),
    /// but a folder re-exported for the public must not pass on what an earlier export held.
    func warnOfOtherFiles(in folder: String, endingIn suffix: String) {
        let written = placed.withLock { $0 }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let others = names.filter { !$0.hasPrefix(".") && $0.hasSuffix(suffix) && !written.contains($0) }.sorted()
        guard !others.isEmpty else { return }
        let shown = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
        var stderr = StandardError()
        print(Diagnostic(.warning, code: "file.otherFiles",
                         "\(folder) also holds \(others.count) \(suffix) file\(others.count == 1 ? "" : "s") this export did not write: \(shown)",
                         hint: "an earlier export's, perhaps for another audience or of someone since purged; remove them before sharing the folder, or export into an empty one").description,
              to: &stderr)
    }

    /// Syncs every file written, renames each into place (in the order of their paths,
    /// whichever thread wrote them), and syncs the folders.
    func commit() throws {
        let files = pending.withLock { files in
            files.sort { $0.path < $1.path }
            return files
        }
        guard let first = files.first else { return }
        // One `syncfs` writes out everything on the file system; where it fails, each file.
        let folder = open(Self.folder(of: first.temporary), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let syncedAll = folder >= 0 && Self.syncfs?(folder) == 0
        if folder >= 0 { close(folder) }
        if !syncedAll {
            for file in files {
                let descriptor = open(file.temporary, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0, fsync(descriptor) == 0 else {
                    let reason = String(cString: strerror(errno))
                    if descriptor >= 0 { close(descriptor) }
                    throw failure(file.path, reason)
                }
                close(descriptor)
            }
        }
        // A folder in a file's place would stop the renames half way: refuse before the first.
        for file in files {
            var status = stat()
            if lstat(file.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                throw failure(file.path, String(cString: strerror(EISDIR)))
            }
        }
        var folders: Set<String> = []
        // Ctrl-C waits for the last rename: the files are put in place all or none (short of
        // a failure, which stops at the file it names).
        try Interruption.deferred {
            var renamed = 0
            // What is not renamed stays pending, so that `deinit` removes its temporary file.
            defer { pending.withLock { $0.removeFirst(min(renamed, $0.count)) } }
            for file in files {
                guard rename(file.temporary, file.path) == 0 else { throw failure(file.path, String(cString: strerror(errno))) }
                renamed += 1
                folders.insert(Self.folder(of: file.path))
            }
            placed.withLock { $0 = Set(files.map { Self.name(of: $0.path) }) }
        }
        for path in folders {
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
        }
    }
}
