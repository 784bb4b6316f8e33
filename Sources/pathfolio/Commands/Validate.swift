import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioFormats

extension Pathfolio {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check portfolio files (Pathfolio XML against the schema; LEAP2A, JSON Resume and Europass by their readers) and the model's rules, without importing them.",
            discussion: """
                Every problem of a file is reported in one pass, as file:line:column,
                the rule broken and a hint. Exit code 0 when every file is valid, 65
                when a file is invalid, 66 when a file cannot be read.
                """).parsedAlone

        @Argument(help: ArgumentHelp("The files; a folder stands for its files named *.xml, *.json and *.zip, in name order.",
                                     valueName: "file")) var files: [String]
        @Flag(help: "Print the result as JSON.") var json = false
        @Option(help: ArgumentHelp("For LEAP2A, JSON Resume and Europass files: print what an import would drop or approximate, field by field, to standard error as text or json.", valueName: "style"))
        var lossReport: LossReportStyle?

        func run() throws {
            Memory.keepHeapForBulkWork()
            // Compiled when a Pathfolio XML file first needs it (JSON Resume needs no libxml2).
            let schema = SchemaOnDemand()
            // Portfolio by portfolio: memory stays bounded however large a file is.
            let reads = try Operands.files(files).map { file in
                let read = PortfolioFiles.read(path: file, schema: schema, today: Clock.today()) { _ in true }
                return (result: read.result, losses: read.losses)
            }
            let results = reads.map(\.result)
            if json {
                try Output.json(reads.map { read in
                    var report = FileReport(result: read.result)
                    if read.result.isValid { report.losses = read.losses }
                    return report
                })
            } else {
                var stderr = StandardError()
                for (result, losses) in reads {
                    fflush(nil)  // keep stdout and stderr in order when both go to one file
                    for diagnostic in result.diagnostics { print(diagnostic.description, to: &stderr) }
                    if result.isValid {
                        let (portfolios, experiences) = (result.portfolioCount, result.experienceCount)
                        print("\(result.name): valid (\(portfolios) portfolio\(portfolios == 1 ? "" : "s"), \(experiences) experience\(experiences == 1 ? "" : "s"))")
                        // What an import would not keep: a file can be valid and still lose fields.
                        if let losses { fflush(nil); try losses.print(lossReport) }
                    }
                }
                FileReport.summarize(failed: results.filter { !$0.isValid }.map(\.name), total: results.count, verb: "valid")
            }
            try FileReport.exit(for: results.filter { !$0.isValid }.map(\.diagnostics))
        }
    }
}

/// One file's outcome, for `--json` and the summary line.
struct FileReport: Encodable {
    var file: String
    var ok: Bool
    var portfolios: Int
    var plans: [PlanJSON]?
    var diagnostics: [Diagnostic]
    /// For the human-readable output of `import`; not part of the JSON.
    var summary: ImportSummary?
    /// What a LEAP2A, JSON Resume or Europass file held that the ledger cannot keep.
    var losses: LossReport?

    private enum CodingKeys: String, CodingKey { case file, ok, portfolios, plans, diagnostics, losses }

    init(result: PortfolioXMLReadResult) {
        file = result.name
        ok = result.isValid
        portfolios = result.portfolioCount
        diagnostics = result.diagnostics
    }

    /// `2 of 3 files valid; failed: bad.xml` (only when more than one file was given).
    static func summarize(failed: [String], total: Int, verb: String) {
        guard total > 1 else { return }
        if failed.isEmpty {
            print("All \(total) files \(verb).")
        } else {
            print("\(total - failed.count) of \(total) files \(verb); failed: \(failed.joined(separator: ", "))")
        }
    }

    /// Exits non-zero when any file failed: 74 when the ledger could not be written, 66 when
    /// every failure is a file that cannot be read, 65 otherwise.
    static func exit(for failures: [[Diagnostic]]) throws {
        guard !failures.isEmpty else { return }
        if failures.joined().contains(where: { $0.code == "store.io" || $0.code == "store.busy" }) {
            throw ExitCode(Failure.Code.io.rawValue)
        }
        let unreadable: Set<String> = ["file.notFound", "file.notAFile", "file.unreadable"]
        let onlyUnreadable = failures.allSatisfy { diagnostics in
            diagnostics.filter { $0.severity == .error }.allSatisfy { unreadable.contains($0.code) }
        }
        throw ExitCode(onlyUnreadable ? Failure.Code.notFound.rawValue : Failure.Code.dataError.rawValue)
    }
}
