/// When an experience took place: a start and an end, each optional.
public struct Period: Sendable, Hashable, Codable {
    /// How an experience ends.
    public enum End: Sendable, Hashable, Codable {
        /// It ended (or will end) on this date.
        case date(PartialDate)
        /// It has not ended: shown as "present" / "현재".
        case ongoing

        public var date: PartialDate? {
            if case .date(let date) = self { return date }
            return nil
        }

        public init(from decoder: any Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self),
               text == "ongoing" {
                self = .ongoing
                return
            }
            self = .date(try PartialDate(from: decoder))
        }

        /// `"ongoing"`, or the date as ``PartialDate`` encodes it.
        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .ongoing:
                var single = encoder.singleValueContainer()
                try single.encode("ongoing")
            case .date(let date):
                try date.encode(to: encoder)
            }
        }
    }

    public var start: PartialDate?
    public var end: End?

    public init(start: PartialDate? = nil, end: End? = nil) {
        self.start = start
        self.end = end
    }

    /// Whether the end is explicitly ongoing.
    public var isOngoing: Bool { end == .ongoing }

    /// The problems with this period: an end before its start.
    ///
    /// Dates are compared at the precision both know, so `2019-03` → `2019` is fine and
    /// `2019-03-14` → `2019-03-10` is not.
    public func diagnostics(at location: Diagnostic.Location) -> [Diagnostic] {
        guard let start, let end = end?.date,
              end.compare(atCommonPrecision: start) == .before else { return [] }
        var where_ = location
        where_.field = (location.field.map { $0 + "." } ?? "") + "end"
        return [.error(
            "period.endBeforeStart",
            "end \(end.isoString ?? end.description) is before start \(start.isoString ?? start.description)",
            hint: "swap the dates, or correct the one that is wrong",
            at: where_
        )]
    }
}
