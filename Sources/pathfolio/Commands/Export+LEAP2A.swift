import Foundation
import PathfolioCore
import PathfolioFormats

extension Pathfolio.Export {
    /// LEAP2A 2010-07: one Atom feed per person, or, with `--out NAME.zip`, a package with
    /// `leap2a.xml` and the evidence files found on disk. `atom:updated` is the command's
    /// clock (`PATHFOLIO_NOW` fixes it).
    func exportLEAP2A(_ portfolios: [Portfolio]) throws {
        var losses = LossReport(format: "leap2a", direction: "export")
        if let out, out.lowercased().hasSuffix(".zip") {
            guard portfolios.count == 1 else {
                throw Failure.usage("a LEAP2A package holds one person's portfolio",
                                    hint: "export one person (--person), or export --all to a folder of feeds")
            }
            let portfolio = portfolios[0]
            var attachments: [String: Data] = [:]
            for experience in portfolio.experiences {
                for (index, evidence) in experience.evidence.enumerated() where !evidence.uri.contains("://") {
                    if let data = FileManager.default.contents(atPath: evidence.uri) {
                        attachments[evidence.uri] = data
                    } else {
                        losses.add("experience", experience.id.rawValue, title: experience.title, field: "evidence[\(index)]",
                                   .approximated, "the file is not at \(evidence.uri); the package refers to it without holding it")
                    }
                }
            }
            let (data, lost) = LEAP2APackageWriter.write(portfolio, updated: Clock.now(), attachments: attachments)
            losses.append(contentsOf: lost)
            try ExportDestination.write([(out, data)], out: out, format: format.rawValue, caseload: false)
        } else {
            var files: [(name: String, data: Data)] = []
            let names = PersonID.shortOrWhole(portfolios.map(\.person.id))
            for portfolio in portfolios {
                let (data, lost) = LEAP2AWriter.write(portfolio, updated: Clock.now())
                files.append(("\(names[portfolio.person.id]!).leap2a.xml", data))
                losses.append(contentsOf: lost)
            }
            try ExportDestination.write(files, out: out, format: format.rawValue, caseload: all)
        }
        try losses.print(lossReport)
    }
}
