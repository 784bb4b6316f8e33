/// The file formats Pathfolio writes portfolios in.
///
/// Each format converts ``PathfolioCore/Portfolio`` values to and from bytes and never
/// touches the ledger.
public enum PortfolioFormat: String, Sendable, Hashable, CaseIterable {
    /// Pathfolio's own XML, validated against the schema in `Schemas/`. Lossless.
    case xml
    /// A readable document (CommonMark with GFM tables and a Mermaid picture of the path).
    case markdown
    /// LEAP2A 2010-07, the Atom-based ePortfolio interchange format of Mahara and Moodle.
    case leap2a
    /// JSON Resume 1.0. Lossy by nature.
    case jsonResume = "json-resume"
}
