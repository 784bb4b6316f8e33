import Foundation
import PathfolioCore
import PathfolioFormats

/// Portfolio XML written with the project's own writer, so that it validates against
/// `Schemas/pathfolio-1.xsd`: one collection file, or one file per person.
func writeXML(_ arguments: Arguments) throws {
    let synthetic = Synthetic(seed: arguments.seed)
    let portfolios = (1...arguments.people).lazy.map { synthetic.portfolio(index: $0, experiences: arguments.experiences) }
    if arguments.command == "xml-collection" {
        let text = try PortfolioXML.write(collection: Array(portfolios), audience: .`self`)
        try Data(text.utf8).write(to: URL(fileURLWithPath: arguments.output))
        return
    }
    let folder = URL(fileURLWithPath: arguments.output)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (index, portfolio) in zip(1..., portfolios) {
        let text = try PortfolioXML.write(portfolio, audience: .`self`)
        try Data(text.utf8).write(to: folder.appendingPathComponent(String(format: "person-%05d.xml", index)))
    }
}
