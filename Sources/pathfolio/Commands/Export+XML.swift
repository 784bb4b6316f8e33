import PathfolioCore

extension Pathfolio.Export {
    func exportXML(_ portfolios: [Portfolio]) throws {
        throw unavailable()
    }
}
