import Dispatch
import Foundation

/// Work spread over the machine's cores, results in order.
enum Parallel {
    /// How many cores work at once.
    static let width = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

    /// `transform` of each item, computed on up to ``width`` threads; the results come in the
    /// items' order. When some items fail, the error of the first failing item (in order) is
    /// thrown: the same error a loop would throw, whatever the threads' timing.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @Sendable (Item) throws -> Result
    ) throws -> [Result] {
        guard width > 1, items.count > 1 else { return try items.map(transform) }
        let slots = Slots<Swift.Result<Result, any Error>>(count: items.count)
        let lanes = min(width, items.count)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            // Lane k takes items k, k + lanes, k + 2·lanes…: neighbours in the list cost alike.
            for index in stride(from: lane, to: items.count, by: lanes) {
                slots[index] = Swift.Result { try transform(items[index]) }
            }
        }
        return try slots.values.map { try $0!.get() }
    }

    /// One slot per item, each written by exactly one thread, read after all have finished.
    private final class Slots<Value>: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<Value?>

        init(count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
        }

        deinit {
            storage.deinitialize()
            storage.deallocate()
        }

        subscript(index: Int) -> Value? {
            get { storage[index] }
            set { storage[index] = newValue }
        }

        var values: [Value?] { Array(storage) }
    }

    /// Groups made one after another by `produce` (reading a ledger, say), each rendered by
    /// `render` on other threads while the next is made, and each rendering handed to
    /// `consume`, in order, on the calling thread. At most two groups are alive at a time,
    /// and a group is let go on the thread that rendered it: freeing a group of portfolios
    /// cost the reading thread a tenth of its time.
    ///
    /// The first error thrown, in the groups' order, stops the work and is rethrown, and only
    /// once no rendering is running any more: `render` may write files, and whoever catches
    /// the error must find them all written (or cleaned up), none still being written.
    static func pipeline<Group: Sendable, Rendering: Sendable>(
        _ produce: (_ each: (Group) throws -> Void) throws -> Void,
        render: @escaping @Sendable (Group) throws -> Rendering,
        consume: (Rendering) throws -> Void
    ) throws {
        var inFlight: [Pending<Rendering>] = []
        defer { for rendering in inFlight { rendering.wait() } }
        try withoutActuallyEscaping(consume) { consume in
            do {
                try produce { group in
                    inFlight.append(Pending { try render(group) })
                    if inFlight.count > 1 {
                        let rendering = inFlight.removeFirst()
                        do { try consume(try rendering.value()) } catch { throw EarlierGroupFailed(error: error) }
                    }
                }
            } catch let earlier as EarlierGroupFailed {
                throw earlier.error
            } catch {
                // Making a group failed: a group made before it may have failed first.
                for rendering in inFlight { _ = try rendering.value() }
                throw error
            }
            while !inFlight.isEmpty {
                let rendering = inFlight.removeFirst()
                try consume(try rendering.value())
            }
        }
    }

    /// An error of a group handed over earlier (its rendering or its consumer), on its way
    /// out through `produce`: it comes first, whatever `produce` does after.
    private struct EarlierGroupFailed: Error { let error: any Error }

    /// Work started on another thread now, its result taken later: ``value()`` waits for it,
    /// then returns it or throws what it threw.
    final class Pending<Value: Sendable>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        // Written once by the worker before `done` is signalled, read only after waiting on it.
        private var result: Swift.Result<Value, any Error>?

        init(_ work: @escaping @Sendable () throws -> Value) {
            DispatchQueue.global().async {
                self.result = Swift.Result { try work() }
                self.done.signal()
            }
        }

        func value() throws -> Value {
            wait()
            return try result!.get()
        }

        /// Waits until the work is done, whatever its result.
        func wait() {
            done.wait()
            done.signal()  // a later call does not wait again
        }
    }
}
