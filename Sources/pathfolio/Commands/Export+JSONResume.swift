import Foundation
import PathfolioCore
import PathfolioFormats

extension Pathfolio.Export {
    /// JSON Resume 1.0: one `resume.json` per person, and a report of what did not fit.
    func exportJSONResume(_ portfolios: [Portfolio]) throws {
        var files: [(name: String, data: Data)] = []
        var losses = LossReport(format: "json-resume", direction: "export")
        let names = PersonID.shortOrWhole(portfolios.map(\.person.id))
        for portfolio in portfolios {
            let (data, lost) = JSONResumeWriter.write(portfolio)
            files.append(("\(names[portfolio.person.id]!).resume.json", data))
            losses.append(contentsOf: lost)
        }
        try ExportDestination.write(files, out: out, format: format.rawValue, caseload: all)
        try losses.print(lossReport)
    }
}
