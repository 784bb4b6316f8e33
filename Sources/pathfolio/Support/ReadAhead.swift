import Foundation
import PathfolioCore
import PathfolioFormats
import PathfolioStore

/// Reads the files of an import on a second thread, a few portfolios ahead of the thread that
/// writes them to the ledger, and prepares each portfolio for the import there (normalized,
/// its revision snapshots encoded: ``PortfolioImport/prepared()``). Reading, validating and
/// preparing are about half of an import's work, writing the rest, and the two overlap.
///
/// The files are read in order, and each file's portfolios come out in order, followed by
/// the file's result (its diagnostics, and what a foreign format could not keep). At most
/// ``capacity`` portfolios wait, so memory stays bounded whatever the size of a file.
final class ReadAhead: @unchecked Sendable {
    enum Event: Sendable {
        case portfolio(PortfolioImport)
        case end(result: PortfolioXMLReadResult, losses: LossReport?)
    }

    /// Portfolios read but not yet taken, at most.
    static let capacity = 16

    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var waiting: [(file: Int, event: Event)] = []
    private var first = 0  // the index in `waiting` of the next event to take
    private var portfoliosWaiting = 0
    private var unwanted: Int?  // the file whose remaining portfolios are not wanted
    private var stopped = false

    /// Starts reading `files`. The schema is handed over: from now on only the reading thread
    /// uses it (a libxml2 schema is used by one thread at a time), and compiles it if a file
    /// is Pathfolio XML.
    init(files: [String], schema: SchemaOnDemand, today: PartialDate) {
        let handOver = HandOver(schema: schema)
        Thread.detachNewThread { [self] in
            for (index, file) in files.enumerated() {
                if isStopped { return }
                let read = PortfolioFiles.read(path: file, schema: handOver.schema, today: today) { read in
                    let item = PortfolioImport(portfolio: read.portfolio, experienceBases: read.experienceHashes,
                                               reflectionBases: read.reflectionHashes, audience: read.audience)
                    return put(.portfolio(item.prepared()), file: index)
                }
                _ = put(.end(result: read.result, losses: read.losses), file: index)
            }
        }
    }

    /// The next event of file `index`; files are taken in order, each to its `end`.
    func next(file index: Int) -> Event {
        condition.lock()
        defer { condition.unlock() }
        while first == waiting.count { condition.wait() }
        let (file, event) = waiting[first]
        precondition(file == index, "read-ahead out of step: file \(file) while taking \(index)")
        first += 1
        if case .portfolio = event { portfoliosWaiting -= 1 }
        if first > 256, first * 2 > waiting.count {  // let taken events go now and then
            waiting.removeFirst(first)
            first = 0
        }
        condition.broadcast()
        return event
    }

    /// Takes the rest of file `index` without its portfolios (its import failed): the reader
    /// stops reading it, and its result comes back.
    func skipRest(of index: Int) -> (result: PortfolioXMLReadResult, losses: LossReport?) {
        condition.lock()
        unwanted = index
        condition.broadcast()
        condition.unlock()
        while true {
            if case let .end(result, losses) = next(file: index) { return (result, losses) }
        }
    }

    /// Stops the reader: the run ends before its files do.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Queues an event, waiting while ``capacity`` portfolios wait already. `false` tells the
    /// file's reader to stop: the run is over, or the file's portfolios are no longer wanted
    /// (its `end` is still queued, which the taker waits for).
    private func put(_ event: Event, file: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if case .portfolio = event {
            while portfoliosWaiting >= Self.capacity, !stopped, unwanted != file { condition.wait() }
            if stopped || unwanted == file { return false }
            portfoliosWaiting += 1
        } else if stopped {
            return false
        }
        waiting.append((file, event))
        condition.broadcast()
        return true
    }

    /// The schema, passed to the reading thread once and used there only.
    private struct HandOver: @unchecked Sendable {
        let schema: SchemaOnDemand
    }
}
