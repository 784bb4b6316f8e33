public import PathfolioCore

/// The languages reflection templates and editor documents come in.
public enum ReflectionLocale: String, Sendable, Hashable, CaseIterable, Codable {
    /// English.
    case en
    /// Korean (한국어).
    case ko

    /// Parses `ko`, `ko-KR`, `ko_KR.UTF-8`, `en_US`, any letter case.
    public init?(parsing text: String) {
        let language = text.lowercased().prefix { $0.isLetter && $0.isASCII }
        guard let locale = Self(rawValue: String(language)) else { return nil }
        self = locale
    }

    /// The locale of the environment: `LC_ALL`, else `LC_MESSAGES`, else `LANG`; English
    /// unless one of them names Korean.
    public static func from(environment: [String: String]) -> ReflectionLocale {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return ReflectionLocale(parsing: value) ?? .en }
        }
        return .en
    }

    /// The label of the rating field in an editor document.
    var ratingLabel: String { self == .ko ? "평점" : "Rating" }
    /// The label of the outcome field.
    var outcomeLabel: String { self == .ko ? "결과" : "Outcome" }
    /// The label of the skills field.
    var skillsLabel: String { self == .ko ? "얻은 기술" : "Skills" }
}

extension ReflectionOutcome {
    /// How the outcome reads in `locale` (`hired`, `채용됨`).
    public func label(_ locale: ReflectionLocale) -> String {
        guard locale == .ko else { return rawValue }
        return switch self {
        case .hired: "채용됨"
        case .contractExtended: "계약 연장"
        case .finishedAsPlanned: "예정대로 마침"
        case .leftEarly: "중도 종료"
        case .completed: "수료"
        case .credentialEarned: "자격 취득"
        case .droppedOut: "중도 포기"
        case .other: "기타"
        }
    }

    /// Parses an outcome as written in an editor document or on the command line: the
    /// English name in any spelling (`contract-extended`) or the Korean label (`계약 연장`).
    public init?(localized text: String) {
        if let value = ReflectionOutcome(parsing: text) {
            self = value
            return
        }
        let folded = text.filter { !$0.isWhitespace }
        guard let value = Self.allCases.first(where: { $0.label(.ko).filter { !$0.isWhitespace } == folded }) else {
            return nil
        }
        self = value
    }

    /// The outcomes that fit `kind`, in declaration order.
    public static func fitting(_ kind: ReflectionKind) -> [ReflectionOutcome] {
        allCases.filter { $0.fits(kind) }
    }
}
