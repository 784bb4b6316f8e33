import Foundation
import Glibc
import Synchronization
import PathfolioCore

/// Many files written as one: each goes to a private (0600) temporary file, and only when
/// all are written are they synced, with one sync of the file system rather than one per
/// file, and put in place. A failure before that point (or a batch dropped without
/// ``commit()``) removes the temporary files and leaves every target as it was; no target is
/// ever half written. Files may be added from several threads at once (an export writes
/// each file on the thread that rendered it).
///
/// Files for a folder that exists go beside their targets and are renamed into place one by
/// one. A folder that does not exist yet (``init(folder:failure:)``) is made whole: its files
/// are written into a hidden folder beside it, which one rename puts in place, so that a
/// reader (or a crash) sees no folder or the whole of it, and ten thousand renames and the
/// directory updates they make are saved.
final class FileBatch: Sendable {
    /// The folder a batch makes, and the hidden folder (`.NAME.PID.tmp`, 0700) its files
    /// are written in until the commit renames it to `folder`.
    private struct NewFolder: Sendable {
        let folder: String
        let staging: String
        /// The folder as the user gave it, for errors.
        let given: String
    }

    private let newFolder: NewFolder?
    /// The files written and not yet put in place. Each file is created under this lock
    /// (see ``add(_:to:)``), which is why it is a ``SleepingLock`` (BENCHMARKS.md, sixteenth round).
    private let pending = SleepingLock<[(temporary: String, path: String)]>([])
    /// The names of the files the last ``commit()`` put in place.
    private let placed = Mutex<Set<String>>([])
    /// Set by ``discard()`` (under `pending`'s lock, which files are created under): no file
    /// is created after it, so an interrupted export leaves no temporary file behind.
    private let discarded = Atomic<Bool>(false)
    /// Set once the hidden folder of a new folder is made (under `pending`'s lock).
    private let staged = Atomic<Bool>(false)
    /// Set while ``startWriteback()``'s sync runs.
    private let writingBack = Atomic<Bool>(false)
    /// Set when the commit put a new folder in place whole.
    private let madeWhole = Atomic<Bool>(false)
    private let failure: @Sendable (_ path: String, _ reason: String?) -> any Error

    /// A file that cannot be written, named at its path, with the system's reason.
    @Sendable static func cannotWrite(_ path: String, _ reason: String?) -> any Error {
        Failure(.io, "cannot write the file\(reason.map { " (\($0))" } ?? "")",
                hint: "check that the folder is writable and the name is not a folder",
                errorCode: "file.write", at: .file(path))
    }

    /// A batch of files beside their targets. `failure` makes the error for a path that
    /// cannot be written, with the system's reason.
    init(failure: @escaping @Sendable (_ path: String, _ reason: String?) -> any Error = cannotWrite) {
        self.failure = failure
        newFolder = nil
    }

    /// A batch of the files of `folder`, each added directly in it. When nothing is at
    /// `folder` yet, its missing parents are made now (0700), and the folder itself, whole,
    /// at the commit; otherwise the files go in one by one, as with ``init(failure:)``.
    ///
    /// - Throws: a ``Failure`` naming the folder when it or its hidden twin cannot be made.
    init(folder: String, failure: @escaping @Sendable (_ path: String, _ reason: String?) -> any Error = cannotWrite) throws {
        self.failure = failure
        var trimmed = Substring(folder)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        var status = stat()
        let target = String(trimmed)
        /// Makes a folder and its missing parents (0700), or fails naming `folder`.
        func make(_ path: String) throws {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw Self.cannotMake(folder, FileOutput.reason(of: error))
            }
        }
        // `NEW/.` and `NEW/..` name a folder that a rename cannot make: they are made
        // first, as a folder that exists.
        if lstat(target, &status) != 0, [".", ".."].contains(PathText.name(of: target)) { try make(target) }
        guard lstat(target, &status) != 0 else {
            newFolder = nil
            return
        }
        // Missing parents are made now; the hidden folder when the first file is written (a
        // signal before then has nothing to clean up).
        let parent = PathText.folder(of: target)
        if lstat(parent, &status) != 0 {
            guard errno == ENOENT else { throw Self.cannotMake(folder, String(cString: strerror(errno))) }
            try make(parent)
        } else if stat(parent, &status) != 0 || status.st_mode & S_IFMT != S_IFDIR {
            throw Self.cannotMake(folder, String(cString: strerror(ENOTDIR)))
        } else if access(parent, W_OK | X_OK) != 0 {
            throw Self.cannotMake(folder, String(cString: strerror(errno)))
        }
        // The process ID and a random part: a hidden folder a killed export left, whose ID
        // came round again, is not in the way.
        let unique = "\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        newFolder = NewFolder(folder: target, staging: parent + "/.\(PathText.name(of: target)).\(unique).tmp", given: folder)
    }

    /// The files of the folder `out` as one batch: `body` adds them (at `folder`, which is
    /// `out` ending in `/`), and they are put in place together when it returns. A failure or
    /// an interruption (Ctrl-C) removes every temporary file and leaves the folder as it was.
    /// The batch is returned for ``warnOfOtherFiles(in:endingIn:except:)``.
    @discardableResult
    static func writing(folder out: String, _ body: (_ batch: FileBatch, _ folder: String) throws -> Void) throws -> FileBatch {
        let batch = try FileBatch(folder: out)
        do {
            try Interruption.cleaningUp({ batch.discard() }) {
                try body(batch, out.hasSuffix("/") ? out : out + "/")
                try batch.commit()
            }
        } catch {
            batch.discard()
            throw error
        }
        return batch
    }

    private static func cannotMake(_ folder: String, _ reason: String?) -> Failure {
        Failure(.io, "cannot create the folder\(reason.map { " (\($0))" } ?? "")",
                hint: "check that you may write there and that no file stands in the way",
                errorCode: "file.write", at: .file(folder))
    }

    /// Makes the hidden folder of a new folder, once; called under `pending`'s lock.
    private func makeStaging() throws {
        guard let newFolder, !staged.load(ordering: .relaxed) else { return }
        guard mkdir(newFolder.staging, 0o700) == 0 else {
            throw Self.cannotMake(newFolder.given, String(cString: strerror(errno)))
        }
        staged.store(true, ordering: .relaxed)
    }

    deinit {
        discard()
    }

    /// Removes every temporary file not yet put in place (and the hidden folder they were
    /// in). An export calls it when it fails: the threads that rendered the files may hold
    /// the batch a moment longer than the error takes to reach `main`, so `deinit` alone
    /// could come after the process has exited.
    func discard() {
        pending.withLock { files in
            discarded.store(true, ordering: .relaxed)
            for file in files { unlink(file.temporary) }
            files.removeAll()
            if let newFolder, staged.load(ordering: .relaxed), !madeWhole.load(ordering: .relaxed) { rmdir(newFolder.staging) }
        }
    }

    /// Writes `bytes` (`Data`, `[UInt8]`) to a temporary file for `path` (not synced yet):
    /// beside it, or in the hidden folder of a new folder.
    func add(_ bytes: some ContiguousBytes, to path: String) throws {
        let temporary = newFolder.map { $0.staging + "/" + PathText.name(of: path) }
            ?? PathText.folder(of: path) + "/.\(PathText.name(of: path)).\(getpid()).tmp"
        // Created under the lock, so that none is created once the batch is discarded: a
        // discard on an interruption is followed at once by the end of the process, and a file
        // made after it would outlive it.
        let descriptor = try pending.withLock { files in
            guard !discarded.load(ordering: .relaxed) else { throw CancellationError() }
            try makeStaging()
            let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw failure(path, String(cString: strerror(errno))) }
            files.append((temporary, path))
            return descriptor
        }
        var error: Int32 = 0
        bytes.withUnsafeBytes { buffer in
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

    /// Writes `text`, as UTF-8, to a temporary file for `path`, as the bytes are written.
    func add(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try add(UnsafeRawBufferPointer($0), to: path) }
    }

    /// Starts writing out the files added so far, on another thread, unless that is under
    /// way already: the commit's sync then finds less left to write. An export calls it as
    /// each group of files is done.
    func startWriteback() {
        guard let syncfs = Self.syncfs, !writingBack.exchange(true, ordering: .relaxed) else { return }
        let folder = pending.withLock { files in
            staged.load(ordering: .relaxed) ? newFolder?.staging : files.first.map { PathText.folder(of: $0.temporary) }
        }
        guard let folder else {
            writingBack.store(false, ordering: .relaxed)
            return
        }
        DispatchQueue.global(qos: .utility).async { [self] in
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 {
                _ = syncfs(descriptor)
                close(descriptor)
            }
            writingBack.store(false, ordering: .relaxed)
        }
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
    /// A folder the batch made whole holds nothing else, and is not looked at. Files ending
    /// in one of `others` are another format's (`.leap2a.xml` beside `.xml`).
    func warnOfOtherFiles(in folder: String, endingIn suffix: String, except others: [String] = []) {
        let written = placed.withLock { $0 }
        guard !madeWhole.load(ordering: .relaxed),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let others = names.filter { name in
            !name.hasPrefix(".") && name.hasSuffix(suffix) && !others.contains { name.hasSuffix($0) } && !written.contains(name)
        }.sorted()
        guard !others.isEmpty else { return }
        let shown = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
        var stderr = StandardError()
        print(Diagnostic(.warning, code: "file.otherFiles",
                         "\(folder) also holds \(others.count) \(suffix) file\(others.count == 1 ? "" : "s") this export did not write: \(shown)",
                         hint: "an earlier export's, perhaps for another audience or of someone since purged; remove them before sharing the folder, or export into an empty one").description,
              to: &stderr)
    }

    /// Syncs every file written and puts them in place: a new folder with one rename (or,
    /// when something took its name meanwhile, file by file into that), files beside their
    /// targets each with its rename, in the order of their paths, whichever thread wrote
    /// them. Then syncs the folders that changed.
    func commit() throws {
        let taken = try pending.withLock { files -> [(temporary: String, path: String)]? in
            guard !discarded.load(ordering: .relaxed) else { return nil }  // nothing left to put in place
            try makeStaging()  // a new folder with no file is still made
            files.sort { $0.path < $1.path }
            return files
        }
        guard let files = taken, let synced = newFolder?.staging ?? files.first.map({ PathText.folder(of: $0.temporary) }) else {
            return
        }
        // One `syncfs` writes out everything on the file system; where it fails, each file.
        let folder = open(synced, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let syncedAll = folder >= 0 && Self.syncfs?(folder) == 0
        if folder >= 0 {
            if newFolder != nil { fsync(folder) }  // its entries
            close(folder)
        }
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
        if let newFolder, try placeWhole(newFolder, files) { return }
        // A folder in a file's place would stop the renames half way: refuse before the first.
        for file in files {
            var status = stat()
            if lstat(file.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                throw failure(file.path, String(cString: strerror(EISDIR)))
            }
        }
        var folders: Set<String> = []
        // Another export into the same folder waits for these renames, and these for its:
        // two at once would leave some files of each (a counselor's among the public's).
        // The lock is the folder's own (`flock`), so it goes with the process however it ends.
        let locks = Set(files.map { PathText.folder(of: $0.path) }).sorted().compactMap { path -> Int32? in
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
            return descriptor
        }
        defer { for descriptor in locks { close(descriptor) } }
        // Ctrl-C waits for the last rename: the files are put in place all or none (short of
        // a failure, which stops at the file it names).
        try Interruption.deferred {
            var renamed = 0
            // What is not renamed stays pending, so that `deinit` removes its temporary file.
            defer { pending.withLock { $0.removeFirst(min(renamed, $0.count)) } }
            for file in files {
                guard rename(file.temporary, file.path) == 0 else { throw failure(file.path, String(cString: strerror(errno))) }
                renamed += 1
                folders.insert(PathText.folder(of: file.path))
            }
            placed.withLock { $0 = Set(files.map { PathText.name(of: $0.path) }) }
        }
        if let newFolder { rmdir(newFolder.staging) }
        for path in folders { Self.sync(folder: path) }
    }

    /// Renames the hidden folder of a new folder into place, and syncs its parent: `true`
    /// once done; `false` when a folder took the name meanwhile (the files then go into it
    /// one by one).
    private func placeWhole(_ newFolder: NewFolder, _ files: [(temporary: String, path: String)]) throws -> Bool {
        let placedWhole = try Interruption.deferred {
            guard rename(newFolder.staging, newFolder.folder) == 0 else {
                if errno == EEXIST || errno == ENOTEMPTY { return false }
                throw failure(newFolder.folder, String(cString: strerror(errno)))
            }
            pending.withLock { $0.removeAll() }
            madeWhole.store(true, ordering: .relaxed)
            placed.withLock { $0 = Set(files.map { PathText.name(of: $0.path) }) }
            return true
        }
        if placedWhole { Self.sync(folder: PathText.folder(of: newFolder.folder)) }
        return placedWhole
    }

    /// Makes a folder's entries durable (best effort: some file systems refuse).
    private static func sync(folder path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }
}
