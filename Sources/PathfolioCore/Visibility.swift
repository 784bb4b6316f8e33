/// Who may see a record or a field.
///
/// Every experience, reflection and personal field has one. An export is made for an
/// ``Audience`` and contains only what that audience may see.
public enum Visibility: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Only the person themselves.
    case `private`
    /// The person and their career counselor.
    case counselor
    /// Anyone the person shares their portfolio with.
    case `public`

    /// Whether `audience` may see something with this visibility.
    public func isVisible(to audience: Audience) -> Bool {
        switch audience {
        case .self: true
        case .counselor: self != .private
        case .public: self == .public
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .private: 0
        case .counselor: 1
        case .public: 2
        }
    }
}

/// Whom an export is for.
public enum Audience: String, Sendable, Hashable, Codable, CaseIterable {
    /// The person themselves: everything.
    case `self`
    /// A career counselor: everything not marked private.
    case counselor
    /// Anyone: only what is marked public.
    case `public`
}
