import Foundation

/// Portfolio XML through the project's own writer: not available until the XML format lands.
func writeXML(_ arguments: Arguments) throws {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "this build of Pathfolio has no XML writer yet" }
    }
    throw Unavailable()
}
