import ArgumentParser
import Foundation
@testable import pathfolio

/// ArgumentParser's own description of the command tree (`--experimental-dump-help`), for
/// tests that keep a table of ours in step with the commands' definitions.
struct CommandDescription: Decodable {
    struct Argument: Decodable {
        struct Name: Decodable { var kind: String; var name: String }
        var kind: String
        var names: [Name]?
        var isRepeating: Bool
        var isOptional: Bool

        /// `--long` and `-s` names as typed.
        var typedNames: [String] { (names ?? []).map { $0.kind == "short" ? "-\($0.name)" : "--\($0.name)" } }
    }

    var commandName: String
    var arguments: [Argument]?
    var subcommands: [CommandDescription]?

    /// `pathfolio` and every subcommand.
    static func root() throws -> CommandDescription {
        struct Root: Decodable { var command: CommandDescription }
        return try JSONDecoder().decode(Root.self, from: Data(Pathfolio._dumpHelp().utf8)).command
    }
}

/// What a parsed command holds, property by property (each option's parsed value; an option
/// left unparsed shows as its definition).
func contents(_ command: any ParsableCommand) -> String {
    var text = ""
    dump(command, to: &text)
    return text
}
