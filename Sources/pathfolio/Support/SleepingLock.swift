import Foundation

/// A value behind a lock whose waiters sleep at once (glibc's plain `pthread_mutex_t`,
/// through `NSLock`): ``LockedState`` for a lock held across a system call. Swift's `Mutex`
/// (which `LockedState` wraps) is a priority-inheriting futex on Linux, whose waiter
/// spins in the kernel for as long as the holder runs: fine for a few instructions, a waste
/// of a core while the holder makes a system call. ``FileBatch`` creates each file under
/// its lock, and ext4 may take a while to find a free inode: with `Mutex`, 16–21% of the
/// CPU of a Markdown caseload export went to rendering threads spinning on it.
final class SleepingLock<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
