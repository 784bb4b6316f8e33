import PathfolioCore

extension Pathfolio.Export {
    func exportLEAP2A(_ portfolios: [Portfolio]) throws {
        throw unavailable()
    }
}
