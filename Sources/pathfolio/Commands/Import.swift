import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioFormats
import PathfolioStore

extension Pathfolio {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import portfolio files (Pathfolio XML, LEAP2A feeds or zip packages, JSON Resume, Europass CV XML): each file entirely, or (when it has any error) not at all.",
            discussion: """
                New experiences and reflections are added; those the ledger holds unchanged since
                the file was made are updated; identical ones are left alone; a conflict (the
                ledger's copy changed since the file was made) keeps the ledger's copy. Nothing
                missing from a file is deleted, and importing a file twice changes nothing.
                Near-duplicates (same kind, organization, title and start, another ID) are
                flagged and both kept. The format is told by content; for LEAP2A, JSON Resume
                and Europass a line says what could not be kept (--loss-report text lists it
                field by field, --json includes it). Exit code 0 when every file was imported, 65 when any
                failed (the summary names them), 66 when a file cannot be read.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The files.", valueName: "file")) var files: [String]
        @Flag(help: "Show what would change, per experience, without writing anything.") var plan = false
        @Flag(help: "Print the result as JSON.") var json = false
        @Option(help: ArgumentHelp("For LEAP2A, JSON Resume and Europass files: print what was dropped or approximated, field by field, to standard error as text or json.", valueName: "style"))
        var lossReport: LossReportStyle?

        func run() throws {
            let ledger = try store.open()
            let schema = try PortfolioXML.compiledSchema()
            let fingerprints = ImportFingerprints(experience: { PortfolioXML.fingerprint($0) },
                                                  reflection: { PortfolioXML.fingerprint($0) })
            var reports: [FileReport] = []
            var stderr = StandardError()
            for file in files {
                let (result, _, losses) = PortfolioFiles.read(path: file, schema: schema, today: Clock.today())
                var report = FileReport(result: result)
                report.losses = losses
                if result.isValid {
                    let items = result.portfolios.map {
                        PortfolioImport(portfolio: $0.portfolio, experienceBases: $0.experienceHashes,
                                        reflectionBases: $0.reflectionHashes)
                    }
                    do {
                        report.plans = try ledger.importPortfolios(items, fingerprints: fingerprints, dryRun: plan)
                            .map(PlanJSON.init(plan:))
                    } catch let error as LedgerError where error.category == .io {
                        // A full disk or a busy ledger is not the file's fault, and stops the run
                        // (the files before this one were imported, each whole).
                        throw error
                    } catch let error as LedgerError {
                        report.ok = false
                        report.diagnostics += error.diagnostics.map { $0.located { $0.file = file } }
                    }
                }
                reports.append(report)
                guard !json else { continue }
                for diagnostic in report.diagnostics { print(diagnostic.description, to: &stderr) }
                if report.ok { print(describe(report)) }
                if report.ok, let losses { try losses.print(lossReport) }
            }
            if json {
                try Output.json(reports)
            } else {
                FileReport.summarize(failed: reports.filter { !$0.ok }.map(\.file), total: reports.count,
                                     verb: plan ? "can be imported" : "imported")
            }
            try FileReport.exit(for: reports.filter { !$0.ok }.map(\.diagnostics))
        }

        /// `career.xml: imported 김하늘's portfolio …` with counts, conflicts and near-duplicates.
        private func describe(_ report: FileReport) -> String {
            var lines: [String] = []
            for plan in report.plans ?? [] {
                let verb = plan.changes ? (self.plan ? "would import" : "imported") : "nothing changes"
                lines.append("\(report.file): \(verb) — person \(Output.id(String(plan.person.prefix(8)))) (\(plan.personAction))")
                for entity in ["organization", "experience", "link", "reflection"] {
                    let steps = plan.steps.filter { $0.entity == entity }
                    guard !steps.isEmpty else { continue }
                    let counts = ImportPlan.Action.allCases.compactMap { action -> String? in
                        let count = steps.filter { $0.action == action.rawValue }.count
                        return count == 0 ? nil : "\(count) \(action.rawValue)"
                    }
                    lines.append("  \((entity + "s").padded(to: 14))\(counts.joined(separator: " · "))")
                }
                for step in plan.steps where step.entity != "person" {
                    let listed = self.plan ? step.entity == "experience" : step.action == "conflict"
                    if listed {
                        var line = "  \(step.action.padded(to: 10)) \(step.entity) \(Output.id(String(step.id.prefix(8))))"
                        if let title = step.title { line += "  \(title)" }
                        if let reason = step.reason { line += Output.dim(" (\(reason))") }
                        lines.append(line)
                    }
                    if let twin = step.nearDuplicateOf {
                        lines.append("  near-duplicate: experience \(Output.id(String(step.id.prefix(8)))) looks like \(Output.id(String(twin.prefix(8)))) (same kind, organization, title and start); both are kept")
                    }
                }
            }
            return lines.joined(separator: "\n")
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
