public import ArgumentParser
public import PathfolioCore
public import PathfolioFormats

// Model enumerations as option values, so that help lists their cases. Parsing accepts the
// spellings people type (`work-experience`, `led_to`, `Full Time`).

extension ExperienceKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ExperienceStatus: ExpressibleByArgument {}
extension Visibility: ExpressibleByArgument {}
extension MentoringRole: ExpressibleByArgument {}

extension LinkType: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension EmploymentType: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension PersonalDetailKind: ExpressibleByArgument {}
extension PortfolioFormat: ExpressibleByArgument {}
extension Audience: ExpressibleByArgument {}
