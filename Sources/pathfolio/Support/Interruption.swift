import Dispatch
import Foundation
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

    private static func end(by number: Int32) -> Never {
        let cleanups = state.withLock { Array($0.cleanups.values) }
        for cleanup in cleanups { cleanup() }
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
