import PathfolioCore

extension Pathfolio.Export {
    func exportMarkdown(_ portfolios: [Portfolio]) throws {
        throw unavailable()
    }
}
