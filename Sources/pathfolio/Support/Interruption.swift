import Dispatch
import Foundation
import PathfolioCore
import Synchronization

/// What a command must undo when it is interrupted (Ctrl-C, `kill`, a closed terminal): an
/// export's temporary files, which would otherwise be left beside the user's files as
/// `.NAME.PID.tmp`.
///
/// While a cleanup is registered, SIGINT, SIGTERM and SIGHUP are taken by a dispatch source
/// instead of ending the process at once; the source runs the cleanups on an ordinary
/// thread (where taking locks and removing files is safe, as it is not in a signal
/// handler), then ends the process by the same signal with its default action, so the
/// shell sees what it always sees (exit status 130 for Ctrl-C). A signal the process was
/// started with ignored (`nohup`) stays ignored.
enum Interruption {
    private typealias Cleanup = @Sendable () -> Void

    private struct State {
        var cleanups: [Int: Cleanup] = [:]
        var next = 0
        /// Kept alive while the process runs; made once (none for signals ignored from the start).
        var sources: [any DispatchSourceSignal]?
    }

    private static let state = Mutex(State())
    /// Set by the `SIGBUS` handler: the interruption it asks for ends the process with exit
    /// status 74 (an I/O error) once the cleanups ran, rather than by a signal.
    private static let busError = Atomic<Bool>(false)
    /// Whether a dispatch source takes SIGTERM, which the `SIGBUS` handler sends itself to
    /// have the cleanups run on an ordinary thread.
    private static let takesTermination = Atomic<Bool>(false)
    /// What the `SIGBUS` handler prints, made beforehand: a signal handler may not allocate.
    nonisolated(unsafe) private static var busErrorMessage: UnsafeMutableRawBufferPointer?
    /// Held while files are put in place, so that an interruption waits for the last rename
    /// (a folder is never left half old, half new); the handler takes it and never lets go.
    private static let placing = Mutex(())

    /// Runs `body` with `cleanup` run first should the process be interrupted meanwhile.
    static func cleaningUp<Result>(_ cleanup: @escaping @Sendable () -> Void, _ body: () throws -> Result) rethrows -> Result {
        let token = state.withLock { state in
            if state.sources == nil { state.sources = installSources() }
            state.next += 1
            state.cleanups[state.next] = cleanup
            return state.next
        }
        defer { _ = state.withLock { $0.cleanups.removeValue(forKey: token) } }
        return try body()
    }

    /// Ends the process as an I/O error (exit status 74, with a message naming `path` and
    /// the registered cleanups run) should a file mapped into memory fail under it: a page of
    /// a memory-mapped ledger that cannot be read (a failing disk, or the file cut short by
    /// another program) raises `SIGBUS` in the thread that touched it, where SQLite would
    /// have returned an error from a `pread`. Without this the process would die of the
    /// signal ("Bus error") and leave an export's temporary files behind.
    ///
    /// The handler only writes the message made here and sends the process SIGTERM, which the
    /// dispatch source takes as it takes Ctrl-C; the faulting thread then waits in the handler
    /// for the end (it cannot go on: the page is still not there).
    static func endingCleanlyOnBusError(reading path: String) {
        state.withLock { state in
            guard busErrorMessage == nil else { return }
            if state.sources == nil { state.sources = installSources() }
            let diagnostic = Diagnostic.error(
                "store.unreadable",
                "the ledger file could not be read: it was cut short by another program while it was read, or the disk failed",
                hint: "no file the command was writing was put in place; check the file with `pathfolio verify` (and the disk), then run the command again",
                at: .file(path))
            let bytes = Array((TerminalText.clean(diagnostic.description) + "\n").utf8)
            let message = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
            message.copyBytes(from: bytes)
            busErrorMessage = message
            _ = busError.load(ordering: .relaxed)  // both made now, not in the handler
            _ = takesTermination.load(ordering: .relaxed)
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in
                if let message = Interruption.busErrorMessage { _ = write(STDERR_FILENO, message.baseAddress, message.count) }
                Interruption.busError.store(true, ordering: .relaxed)
                if Interruption.takesTermination.load(ordering: .relaxed) {
                    kill(getpid(), SIGTERM)
                    while true { pause() }
                }
                _exit(74)
            }
            sigemptyset(&action.sa_mask)
            sigaction(SIGBUS, &action, nil)
        }
    }

    /// Runs `body` (renaming finished files into place) to its end even if the process is
    /// interrupted meanwhile; the interruption is handled after it.
    static func deferred<Result>(_ body: () throws -> Result) rethrows -> Result {
        try placing.withLock { _ in try body() }
    }

    private static func installSources() -> [any DispatchSourceSignal] {
        let queue = DispatchQueue(label: "pathfolio.interruption")
        return [SIGINT, SIGTERM, SIGHUP].compactMap { number -> (any DispatchSourceSignal)? in
            // Ignored from the start: leave it so (the source would never fire).
            let previous = signal(number, SIG_IGN)
            guard unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) else { return nil }
            // Registering the source takes a moment on dispatch's own thread: a signal in
            // between would be lost, so the files the cleanup is for are made only after.
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let registered = DispatchSemaphore(value: 0)
            source.setRegistrationHandler { registered.signal() }
            source.setEventHandler { interrupted(by: number) }
            source.resume()
            _ = registered.wait(timeout: .now() + 2)
            if number == SIGTERM { takesTermination.store(true, ordering: .relaxed) }
            return source
        }
    }

    private static func interrupted(by number: Int32) {
        placing.withLock { _ in end(by: number) }
    }

    private static func end(by number: Int32) -> Never {
        let cleanups = state.withLock { Array($0.cleanups.values) }
        for cleanup in cleanups { cleanup() }
        // Sent by the `SIGBUS` handler, which said what failed.
        if busError.load(ordering: .relaxed) { _exit(Failure.Code.io.rawValue) }
        // The process ends as the signal asks, as it would have without the cleanup. The
        // signal goes to this thread with its default action: dispatch may keep it blocked
        // elsewhere (to read it from a descriptor), where it would only come back here.
        signal(number, SIG_DFL)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, number)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)
        raise(number)
        _exit(128 + number)  // not reached
    }
}
