public import PathfolioCore

/// What a reader of a foreign format needs besides the bytes.
public struct ReadOptions: Sendable {
    /// The file's name, used in every diagnostic (`resume.json:3:7`, `resume.json: work[2].startDate`).
    public var source: String
    /// Today, for the status of experiences the file gives no status for (a start after
    /// today is planned; an end on or before today is completed).
    public var today: PartialDate

    public init(source: String, today: PartialDate) {
        self.source = source
        self.today = today
    }
}

/// A portfolio read from a foreign file, and what the file held that the portfolio does not.
public struct ForeignRead: Sendable {
    public var portfolio: Portfolio
    public var losses: LossReport

    public init(portfolio: Portfolio, losses: LossReport) {
        self.portfolio = portfolio
        self.losses = losses
    }

    /// The same result with the loss report naming the file read.
    func from(_ source: String) -> ForeignRead {
        var copy = self
        copy.losses.source = source
        return copy
    }
}

extension Portfolio {
    /// Normalizes and checks a portfolio a reader built; each error is reported at the place
    /// in the file the record came from.
    func checkedForImport(origin: [String: Diagnostic.Location]) throws(DiagnosticError) -> Portfolio {
        let portfolio = normalized()
        let problems = portfolio.diagnostics().map { diagnostic -> Diagnostic in
            guard let id = diagnostic.location?.id, let place = origin[id] else { return diagnostic }
            let field = diagnostic.location?.field
            return diagnostic.located { location in
                location = place
                if let field, let base = place.field { location.field = base + " (\(field))" }
            }
        }
        try problems.throwIfErrors()
        return portfolio
    }
}
