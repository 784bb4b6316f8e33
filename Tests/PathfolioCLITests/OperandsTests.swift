import ArgumentParser
import Foundation
@testable import pathfolio
import Testing

/// File operands reach ArgumentParser as one value (`Operands`), which keeps a command line of
/// 10,000 files from costing seconds to parse. What a command receives must not change.
struct OperandsTests {
    @Test func operandsAreJoinedInThePlaceOfTheFirstAndOptionsKeepTheirValues() {
        let arguments = ["import", "a.xml", "--store", "ledger.sqlite", "b.xml", "--plan", "c d.xml",
                         "--loss-report", "text", "--commit-every=3", "진로.xml"]
        let folded = Operands.fold(arguments)
        #expect(folded == ["import", "a.xml\0b.xml\0c d.xml\0진로.xml", "--store", "ledger.sqlite", "--plan",
                           "--loss-report", "text", "--commit-every=3"])
        #expect(Operands.unfold(Array(folded[1...1])) == ["a.xml", "b.xml", "c d.xml", "진로.xml"])
    }

    @Test(arguments: [
        ["import", "one.xml"],  // one operand: nothing to join
        ["validate"],
        ["list", "a", "b"],  // not a command with file operands
        ["import", "--store", "x.xml"],  // the value of an option is not a file
        ["import", "-h"],
    ])
    func argumentsWithNothingToJoinAreUnchanged(arguments: [String]) {
        #expect(Operands.fold(arguments) == arguments)
    }

    @Test func everythingAfterTheTerminatorStaysAsItWas() {
        let folded = Operands.fold(["validate", "a.xml", "b.xml", "--", "-odd.xml", "c.xml"])
        #expect(folded == ["validate", "a.xml\0b.xml", "--", "-odd.xml", "c.xml"])
        #expect(Operands.unfold(["a.xml\0b.xml", "-odd.xml", "c.xml"]) == ["a.xml", "b.xml", "-odd.xml", "c.xml"])
    }

    @Test func emptyOperandsSurvive() {
        let folded = Operands.fold(["validate", "", "a.xml", ""])
        #expect(Operands.unfold(Array(folded.dropFirst())) == ["", "a.xml", ""])
    }

    /// ArgumentParser, given the folded line, hands the command the files and options the
    /// whole line names.
    @Test func theCommandsGetTheSameFilesAndOptions() throws {
        let files = (1...2_000).map { "dir/person-\($0).xml" }
        let parsed = try Pathfolio.parseAsRoot(Operands.fold(["import", "--store", "l.sqlite"] + files + ["--json"]))
        let command = try #require(parsed as? Pathfolio.Import)
        #expect(Operands.unfold(command.files) == files)
        #expect(command.store.store == "l.sqlite")
        #expect(command.json)
        #expect(command.commitEvery == 500)

        let validate = try #require(try Pathfolio.parseAsRoot(Operands.fold(["validate"] + files)) as? Pathfolio.Validate)
        #expect(Operands.unfold(validate.files) == files)
    }

    /// The table of commands and value-taking options must match the commands themselves:
    /// an option added to `import` whose value is not listed would have its value taken for a
    /// file. Read from ArgumentParser's own description of every command.
    @Test func theTableMatchesEveryCommandsDefinition() throws {
        let root = try CommandDescription.root()
        var found: [String: Set<String>] = [:]
        func visit(_ command: CommandDescription, path: [String]) {
            let arguments = command.arguments ?? []
            if arguments.contains(where: { $0.kind == "positional" && $0.isRepeating }) {
                found[path.joined(separator: " ")] = Set(arguments.filter { $0.kind == "option" }.flatMap(\.typedNames))
            }
            for sub in command.subcommands ?? [] { visit(sub, path: path + [sub.commandName]) }
        }
        // ArgumentParser's own `help` takes command names, a few at most.
        for sub in root.subcommands ?? [] where sub.commandName != "help" { visit(sub, path: [sub.commandName]) }
        #expect(found == Operands.folded)
    }

    /// As a user runs it: two thousand operands, checked one by one.
    @Test func validateTakesThousandsOfFiles() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = CLI.packageFolder.appendingPathComponent("Examples/korean-job-seeker.xml").path
        let result = try cli.run(["validate"] + Array(repeating: file, count: 1_999) + ["missing.xml"])
        #expect(result.status == 66)
        #expect(result.stdout.contains("1999 of 2000 files valid; failed: missing.xml"))
    }
}
