import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioFormats
import PathfolioStore

extension Pathfolio {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import portfolio files (Pathfolio XML, LEAP2A feeds or zip packages, JSON Resume, Europass CV XML): each file entirely, or (when it has any error) not at all.",
            discussion: """
                New experiences and reflections are added; those the ledger holds
                unchanged since the file was made are updated; identical ones are left
                alone; a conflict (the ledger's copy changed since the file was made)
                keeps the ledger's copy. Nothing missing from a file is deleted, and
                importing a file twice changes nothing. Near-duplicates (same kind,
                organization, title and start, another ID) are flagged and both kept.

                The format is told by content. For LEAP2A, JSON Resume and Europass, a
                line on standard error says what could not be kept; --loss-report text
                lists it field by field, and --json includes it.

                Exit code 0 when every file was imported, 65 when any failed (the
                summary names them), 66 when a file cannot be read, 74 when the ledger
                cannot be written.
                """).parsedAlone

        @OptionGroup var store: WholeLedgerOptions
        @Argument(help: ArgumentHelp("The files; a folder stands for its files named *.xml, *.json and *.zip, in name order.",
                                     valueName: "file")) var files: [String]
        @Flag(help: "Show what would change, per experience, without writing anything.") var plan = false
        @Flag(help: "Print the result as JSON.") var json = false
        @Option(help: ArgumentHelp("For LEAP2A, JSON Resume and Europass files: print what was dropped or approximated, field by field, to standard error as text or json.", valueName: "style"))
        var lossReport: LossReportStyle?
        @Option(help: ArgumentHelp("Save (one disk sync) after at most this many files, or after a second of work, whichever comes first. 1 saves each file as soon as it is read.", valueName: "files"))
        var commitEvery = 500

        func validate() throws {
            if commitEvery < 1 {
                throw ValidationError("--commit-every must be at least 1 (files per commit); got \(commitEvery)")
            }
        }

        func run() throws {
            Memory.keepHeapForBulkWork()
            let ledger = try store.open(bulk: true)
            // Compiled when a Pathfolio XML file first needs it (JSON Resume needs no libxml2).
            let schema = SchemaOnDemand()
            let fingerprints = ImportFingerprints(experience: { PortfolioXML.fingerprint($0) },
                                                  reflection: { PortfolioXML.fingerprint($0) })
            var reports: [FileReport] = []
            var stderr = StandardError()
            func show(_ report: FileReport) throws {
                reports.append(report)
                guard !json else { return }
                fflush(nil)  // keep stdout and stderr in order when both go to one file
                for diagnostic in report.diagnostics { print(diagnostic.description, to: &stderr) }
                if report.ok { print(describe(report)) }
                if report.ok, let losses = report.losses { try losses.print(lossReport) }
            }
            let files = try Operands.files(self.files)
            // The files are read on a second thread, a few portfolios ahead of the writing.
            let reader = ReadAhead(files: files, schema: schema, today: Clock.today())
            defer { reader.stop() }
            var next = files.startIndex
            while next < files.endIndex {
                if plan {
                    let file = next
                    next += 1
                    try show(importFile(file, name: files[file], reader: reader, fingerprints: fingerprints) { work in
                        try ledger.read { try work($0) }
                    })
                    continue
                }
                // Files share one transaction, each in its own savepoint, and are committed
                // (one disk sync) every `commitEvery` files or `Self.batchSeconds`: a lock
                // held for long would make other pathfolio processes give up, and a kill loses
                // at most the batch under way. Each file's lines are printed once it is saved.
                struct NothingImported: Error {}
                var batch: [FileReport] = []
                do {
                    try ledger.transaction { tx in
                        let started = ContinuousClock.now
                        repeat {
                            let file = next
                            next += 1
                            batch.append(try importFile(file, name: files[file], reader: reader, fingerprints: fingerprints) { work in
                                try tx.savepoint { try work(tx) }
                            })
                        } while next < files.endIndex && batch.count < commitEvery
                            && ContinuousClock.now - started < Self.batchSeconds
                        // Files that all failed leave the ledger byte for byte as it was.
                        if !batch.contains(where: \.ok) { throw NothingImported() }
                    }
                } catch is NothingImported {}
                for report in batch { try show(report) }
            }
            if json {
                try Output.json(reports)
            } else {
                FileReport.summarize(failed: reports.filter { !$0.ok }.map(\.file), total: reports.count,
                                     verb: plan ? "can be imported" : "imported")
            }
            try FileReport.exit(for: reports.filter { !$0.ok }.map(\.diagnostics))
        }

        /// Files are imported for at most this long between two commits.
        static let batchSeconds = Duration.seconds(1)

        /// Reads one file and imports each portfolio as soon as it is read, inside `scope` (a
        /// savepoint, or a read with --plan) that is rolled back when the file turns out to
        /// have any error: memory stays bounded, and the file goes in whole or not at all.
        private func importFile(_ index: Int, name file: String, reader: ReadAhead, fingerprints: ImportFingerprints,
                                scope: (_ work: (Ledger.Transaction) throws -> Void) throws -> Void) throws -> FileReport {
            struct RolledBack: Error {}
            var result = PortfolioXMLReadResult(name: file, audience: nil, portfolios: [], diagnostics: [])
            // Only counts and the lines to show are kept (all steps only for --json), so memory
            // does not grow with the file.
            var summary = ImportSummary(listAllExperiences: plan)
            var plans: [PlanJSON] = []
            var storeError: (any Error)?
            var losses: LossReport?
            var taken = false  // the file's events all taken from the reader
            func work(_ tx: Ledger.Transaction) throws {
                // Each portfolio is imported as soon as it is read; a portfolio the ledger
                // cannot take stops the file (the reader stops reading it).
                reading: while true {
                    switch reader.next(file: index) {
                    case .portfolio(let item):
                        switch Result(catching: { try plan ? tx.plan(item, fingerprints: fingerprints)
                                                           : tx.apply(item, fingerprints: fingerprints) }) {
                        case .success(let made):
                            summary.add(made)
                            if json { plans.append(PlanJSON(plan: made)) }
                        case .failure(let error):
                            storeError = error
                            (result, losses) = reader.skipRest(of: index)
                            taken = true
                            break reading
                        }
                    case let .end(read, lost):
                        (result, losses) = (read, lost)
                        taken = true
                        break reading
                    }
                }
                if let storeError { throw storeError }
                if !result.isValid { throw RolledBack() }
            }
            // Whatever happens to the file's import, the next file's events come after its own.
            defer { if !taken { _ = reader.skipRest(of: index) } }

            var report = FileReport(result: result)
            do {
                try scope(work)
                report = FileReport(result: result)
                report.plans = json ? plans : nil
                report.summary = summary
                report.losses = losses
            } catch is RolledBack {
                report = FileReport(result: result)
            } catch let error as LedgerError where error.category == .io {
                // A full disk or a busy ledger is not the file's fault, and stops the run (the
                // files of earlier batches were imported, each whole, and printed; this batch
                // not at all).
                throw error
            } catch {
                report = FileReport(result: result)
                report.ok = false
                let diagnostics = (error as? LedgerError)?.diagnostics
                    ?? [.error("store.error", "the ledger could not take the import: \(error)", hint: "nothing was written; try again")]
                report.diagnostics += diagnostics.map { $0.located { $0.file = file } }
            }
            return report
        }

        /// `career.xml: imported — person 3f9a1c2e (new)`, counts per kind of record, then
        /// conflicts (every experience with --plan) and near-duplicates.
        private func describe(_ report: FileReport) -> String {
            guard let summary = report.summary else { return "" }
            let verb = summary.changes ? (plan ? "would import" : "imported") : "nothing changes"
            var lines: [String] = []
            if summary.portfolios == 1, let person = summary.firstPerson {
                lines.append("\(report.file): \(verb) — person \(Output.id(String(person.id.prefix(8)))) (\(person.action))")
            } else {
                lines.append("\(report.file): \(verb) — \(summary.portfolios) portfolios")
            }
            for (entity, heading) in [(RevisionEntity.person, "people"), (.organization, "organizations"), (.experience, "experiences"),
                                      (.link, "links"), (.reflection, "reflections")] {
                if entity == .person, summary.portfolios < 2 { continue }
                let counts = ImportPlan.Action.allCases.compactMap { action -> String? in
                    let count = summary.counts[entity]?[action] ?? 0
                    return count == 0 ? nil : "\(count) \(action.rawValue)"
                }
                if !counts.isEmpty { lines.append("  \(heading.padded(to: 14))\(counts.joined(separator: " · "))") }
            }
            // Whole where the file's records share their first 8 characters (IDs from another
            // system often do), as listings show them.
            let whole = ExperienceID.sharingShortForms(summary.listed.map { ExperienceID(rawValue: $0.step.id) }
                                                       + summary.listed.compactMap(\.step.nearDuplicateOf))
            func shown(_ id: String) -> String { ExperienceID(rawValue: id).shown(wholeAmong: whole) }
            for (step, duplicate) in summary.listed {
                if duplicate, let twin = step.nearDuplicateOf {
                    lines.append("  near-duplicate: experience \(Output.id(shown(step.id))) looks like \(Output.id(twin.shown(wholeAmong: whole))) (same kind, organization, title and start); both are kept")
                    continue
                }
                var line = "  \(step.action.rawValue.padded(to: 10)) \(step.entity.rawValue) \(Output.id(shown(step.id)))"
                if let title = step.title { line += "  \(title)" }
                if let reason = step.reason { line += Output.dim(" (\(reason))") }
                lines.append(line)
            }
            return lines.joined(separator: "\n")
        }
    }
}

/// What the import of one file did, summed as it goes: counts, and the steps worth showing
/// (conflicts and near-duplicates; every experience for --plan).
struct ImportSummary {
    let listAllExperiences: Bool
    var portfolios = 0
    var changes = false
    var firstPerson: (id: String, action: String)?
    var counts: [RevisionEntity: [ImportPlan.Action: Int]] = [:]
    /// Steps to show, each as itself or (`duplicate`) as a near-duplicate warning.
    var listed: [(step: ImportPlan.Step, duplicate: Bool)] = []

    init(listAllExperiences: Bool) { self.listAllExperiences = listAllExperiences }

    mutating func add(_ plan: ImportPlan) {
        portfolios += 1
        changes = changes || plan.changesSomething
        for step in plan.steps {
            counts[step.entity, default: [:]][step.action, default: 0] += 1
            if step.entity == .person, firstPerson == nil { firstPerson = (step.id, step.action.rawValue) }
            if listAllExperiences ? step.entity == .experience : step.action == .conflict { listed.append((step, false)) }
            if step.nearDuplicateOf != nil { listed.append((step, true)) }
        }
    }
}

/// An import plan as `--json` prints it.
struct PlanJSON: Encodable {
    struct Step: Encodable {
        var entity: String
        var id: String
        var action: String
        var title: String?
        var reason: String?
        var nearDuplicateOf: String?
    }

    var person: String
    var personAction: String
    var changes: Bool
    var steps: [Step]

    init(plan: ImportPlan) {
        person = plan.person.rawValue
        personAction = plan.steps.first { $0.entity == .person }?.action.rawValue ?? "unchanged"
        changes = plan.changesSomething
        steps = plan.steps.map {
            Step(entity: $0.entity.rawValue, id: $0.id, action: $0.action.rawValue, title: $0.title,
                 reason: $0.reason, nearDuplicateOf: $0.nearDuplicateOf?.rawValue)
        }
    }
}
