import Foundation
import PathfolioCore
import PathfolioFormats

extension Pathfolio.Export {
    /// LEAP2A 2010-07: one Atom feed per person. `atom:updated` is the command's clock
    /// (`PATHFOLIO_NOW` fixes it).
    func exportLEAP2A(_ portfolios: [Portfolio]) throws {
        var files: [(name: String, data: Data)] = []
        var losses = LossReport(format: "leap2a", direction: "export")
        for portfolio in portfolios {
            let (data, lost) = LEAP2AWriter.write(portfolio, updated: Clock.now())
            files.append(("\(portfolio.person.id.short).leap2a.xml", data))
            losses.append(contentsOf: lost)
        }
        try ExportDestination.write(files, out: out, format: format.rawValue)
        try losses.print(lossReport)
    }
}
