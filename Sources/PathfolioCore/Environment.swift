import Foundation

/// The process environment, one variable at a time.
///
/// `ProcessInfo.processInfo.environment` copies the whole environment into a dictionary on
/// every call (about 370,000 instructions); a `list` read it seven times.
package enum Environment {
    /// The variable's value, `nil` when it is not set.
    package static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The value, `nil` when it is not set or empty.
    package static func nonEmpty(_ name: String) -> String? {
        value(name).flatMap { $0.isEmpty ? nil : $0 }
    }
}
