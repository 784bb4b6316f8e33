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
        /// Reads the pipe the `SIGBUS` handler writes to; kept alive while the process runs.
        var busSource: (any DispatchSourceRead)?
    }

    private static let state = Mutex(State())
    /// Set by the `SIGBUS` handler: how the interruption it asks for ends the process once
    /// the cleanups ran (see ``BusError``).
    private static let busError = Atomic<Int32>(BusError.clear.rawValue)

    private enum BusError: Int32 {
        case clear
        /// A page of a mapped file could not be read (the kernel's signal): exit status 74.
        case fault
        /// Another process sent SIGBUS (`kill -BUS`): nothing failed; the process ends by
        /// that signal, as for Ctrl-C or SIGTERM.
        case sent
    }
    /// The write end of a pipe: the `SIGBUS` handler writes a byte to it, and a dispatch
    /// source reading the other end runs the cleanups on an ordinary thread. A pipe, not a
    /// signal to itself: SIGTERM may have been ignored from the start (`trap '' TERM`).
    nonisolated(unsafe) private static var busPipe: Int32 = -1
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
    /// The handler only writes the message made here and a byte to a pipe, whose dispatch
    /// source then runs the cleanups as for Ctrl-C; the faulting thread waits in the handler
    /// for the end (it cannot go on: the page is still not there). Only the thread reading the
    /// ledger touches the map, and it holds none of the locks the cleanups take. A SIGBUS that
    /// another process sent (`kill -BUS`) can land on any thread, one renaming files under a
    /// lock among them, so that thread goes on: the handler only asks for the interruption,
    /// which then ends the process by SIGBUS, as any other signal that asks it to end.
    ///
    /// - Returns: whether `SIGBUS` is handled (the ledger may be mapped); `false` only when the
    ///   pipe cannot be made.
    @discardableResult
    static func endingCleanlyOnBusError(reading path: String) -> Bool {
        state.withLock { state in
            guard busErrorMessage == nil else { return true }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return false }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            let source = DispatchSource.makeReadSource(fileDescriptor: ends[0], queue: DispatchQueue(label: "pathfolio.busError"))
            let registered = DispatchSemaphore(value: 0)
            source.setRegistrationHandler { registered.signal() }
            source.setEventHandler { interrupted(by: SIGBUS) }
            source.resume()
            _ = registered.wait(timeout: .now() + 2)
            state.busSource = source
            busPipe = ends[1]
            let diagnostic = Diagnostic.error(
                "store.unreadable",
                "the ledger file could not be read: it was cut short by another program while it was read, or the disk failed",
                hint: "no file the command was writing was put in place (anything already written to standard output is incomplete); check the file with `pathfolio verify` (and the disk), then run the command again",
                at: .file(path))
            let bytes = Array((TerminalText.clean(diagnostic.description) + "\n").utf8)
            let message = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
            message.copyBytes(from: bytes)
            busErrorMessage = message
            _ = busError.load(ordering: .relaxed)  // made now, not in the handler
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { _, info, _ in
                // A positive code is the kernel's (a fault); zero or less, a process's (`kill`).
                let fault = (info?.pointee.si_code ?? 0) > 0
                if fault, let message = Interruption.busErrorMessage {
                    _ = write(STDERR_FILENO, message.baseAddress, message.count)
                }
                Interruption.busError.store(fault ? BusError.fault.rawValue : BusError.sent.rawValue, ordering: .relaxed)
                var byte: UInt8 = 1
                guard write(Interruption.busPipe, &byte, 1) == 1 else { _exit(fault ? 74 : 128 + SIGBUS) }
                guard fault else { return }
                while true { pause() }
            }
            action.sa_flags = SA_SIGINFO
            sigemptyset(&action.sa_mask)
            return sigaction(SIGBUS, &action, nil) == 0
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
            return source
        }
    }

    private static func interrupted(by number: Int32) {
        placing.withLock { _ in end(by: number) }
    }

    private static func end(by signal: Int32) -> Never {
        let cleanups = state.withLock { Array($0.cleanups.values) }
        for cleanup in cleanups { cleanup() }
        var number = signal
        // From the `SIGBUS` handler: a fault it has reported, or the SIGBUS another process
        // sent, by which the process then ends.
        switch BusError(rawValue: busError.load(ordering: .relaxed)) {
        case .fault: _exit(Failure.Code.io.rawValue)
        case .sent: number = SIGBUS
        case .clear, nil: break
        }
        // The process ends as the signal asks, as it would have without the cleanup. The
        // signal goes to this thread with its default action: dispatch may keep it blocked
        // elsewhere (to read it from a descriptor), where it would only come back here.
        Glibc.signal(number, SIG_DFL)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, number)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)
        raise(number)
        _exit(128 + number)  // not reached
    }
}
