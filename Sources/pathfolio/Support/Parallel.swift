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
    /// `render` on other threads while the next is made, and handed to `consume` with its
    /// rendering, in order, on the calling thread. At most two groups are alive at a time.
    /// The first error thrown, in the groups' order, stops the work and is rethrown.
    static func pipeline<Group: Sendable, Rendering: Sendable>(
        _ produce: (_ each: (Group) throws -> Void) throws -> Void,
        render: @escaping @Sendable (Group) throws -> Rendering,
        consume: (Group, Rendering) throws -> Void
    ) throws {
        var previous: (group: Group, rendering: Pending<Rendering>)?
        try withoutActuallyEscaping(consume) { consume in
            try produce { group in
                let next = Pending { try render(group) }
                if let previous { try consume(previous.group, try previous.rendering.value()) }
                previous = (group, next)
            }
            if let previous { try consume(previous.group, try previous.rendering.value()) }
        }
    }

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
            done.wait()
            done.signal()  // a later call does not wait again
            return try result!.get()
        }
    }
}
