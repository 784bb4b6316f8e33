import PathfolioCore

extension Pathfolio.Export {
    func exportJSONResume(_ portfolios: [Portfolio]) throws {
        throw unavailable()
    }
}
