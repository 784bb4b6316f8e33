import ArgumentParser
import Foundation
import PathfolioCore
@testable import pathfolio
import Testing

/// The usual command lines of the reading commands are read without ArgumentParser
/// (`Pathfolio.parsedQuickly`): what a command receives must be what ArgumentParser gives it,
/// and every other line must still reach ArgumentParser, for its messages.
struct QuickLineTests {
    /// Each command's grammar lists exactly its options, repeating options, flags and
    /// positional arguments, as ArgumentParser describes the command: an option added to the
    /// command and not to its grammar would be refused here and read by ArgumentParser (slower,
    /// but right); one removed from the command and left in the grammar would be accepted.
    @Test(arguments: [
        (["list"], Pathfolio.List.grammar), (["show"], Pathfolio.Show.grammar), (["path"], Pathfolio.PathCommand.grammar),
        (["due"], Pathfolio.Due.grammar), (["history"], Pathfolio.History.grammar), (["person", "show"], Pathfolio.PersonCommand.Show.grammar),
    ])
    func eachGrammarMatchesItsCommandsDefinition(path: [String], grammar: QuickLine.Grammar) throws {
        var found: CommandDescription? = try CommandDescription.root()
        for name in path { found = found?.subcommands?.first { $0.commandName == name } }
        let command = try #require(found, "\(path)")
        let arguments = command.arguments ?? []
        func names(_ kind: String, repeating: Bool) -> Set<String> {
            Set(arguments.filter { $0.kind == kind && $0.isRepeating == repeating }.flatMap(\.typedNames))
        }
        #expect(names("option", repeating: false) == grammar.options)
        #expect(names("option", repeating: true) == grammar.repeating)
        // ArgumentParser's own help and version flags are left to it.
        #expect(names("flag", repeating: false).subtracting(["--help", "-h", "--version"]) == grammar.flags)
        #expect(names("flag", repeating: true).isEmpty)
        let positionals = arguments.filter { $0.kind == "positional" }
        #expect(positionals.allSatisfy { !$0.isRepeating })
        #expect(grammar.words == positionals.filter { !$0.isOptional }.count...positionals.count)
    }

    /// The lines people type are read quickly, and hold what ArgumentParser would make of them.
    @Test(arguments: [
        ["list"], ["list", "--json"], ["list", "--store", "x.sqlite"], ["list", "--store=x.sqlite", "--person", "정하늘"],
        ["list", "--kind", "job", "--kind", "training", "--status", "ongoing", "--since", "2023", "--until=2025-06"],
        ["list", "--tag", "청년", "--tag", "data", "--deleted"], ["list", "--all-people", "--person-tag", "youth", "--person-tag", "청년"],
        ["show", "3f9a"], ["show", "3f9a1c2e", "--json", "--store", "/tmp/a b/ledger.sqlite"], ["show", "--person", "Alex", "3f9a"],
        ["show", "help"], ["show", "--store=-old.sqlite", "3f9a"],
        ["path"], ["path", "3f9a", "--json"], ["path", "--store", "x.sqlite", "--person=김민준"], ["path", "help"],
        ["due"], ["due", "--all-people", "--json"], ["due", "--all-people", "--person-tag", "청년", "--person-tag", "youth"],
        ["history", "3f9a"], ["history", "person:1", "--json", "--store", "x.sqlite"],
        ["person", "show"], ["person", "show", "정하늘", "--json"], ["person", "show", "--person", "Alex", "--store=x.sqlite"],
    ])
    func aUsualLineIsReadQuicklyAsArgumentParserReadsIt(arguments: [String]) throws {
        let quick = try #require(Pathfolio.parsedQuickly(arguments), "\(arguments) was not read quickly")
        let whole = try Pathfolio.parseAsRoot(arguments)
        #expect(type(of: quick) == type(of: whole))
        #expect(contents(quick) == contents(whole))
        // And through `parsedAlone`, as `main` reads a line.
        #expect(Pathfolio.parsedAlone(arguments).map(contents) == contents(whole))
    }

    /// Help, mistakes and what the commands refuse after reading go to ArgumentParser.
    @Test(arguments: [
        ["show"], ["show", "a", "b"], ["show", "--help"], ["show", "-h"], ["list", "help"], ["list", "--version"],
        ["list", "--kind", "nope"], ["list", "--status", "done"], ["list", "--store"], ["list", "--store="],
        ["list", "--store", "-old.sqlite"], ["list", "--since", "-2024"], ["list", "--since", "2024", "--since", "2025"],
        ["list", "--json", "--json"], ["list", "--json=true"], ["list", "-j"], ["list", "--no-such-option"],
        ["list", "--person-tag", "youth"], ["list", "--all-people", "--person", "정하늘"],
        ["path", "--", "3f9a"], ["path", "-", "--json"], ["path", "a", "b"], ["show", "3f9a", "--generate-completion-script", "bash"],
        ["history"], ["due", "--person-tag", "youth"], ["due", "--all-people", "--person", "하늘"], ["due", "x"],
        ["person", "show", "정하늘", "--person", "Alex"], ["person", "show", "a", "b"], ["person", "list"], ["person"],
        ["export", "--all"], ["add", "job", "--title", "x"], [],
    ])
    func anyOtherLineIsLeftToArgumentParser(arguments: [String]) {
        #expect(Pathfolio.parsedQuickly(arguments) == nil)
    }

    /// Lines made of the commands' options, their values and odd words, at random: a line
    /// read quickly is one ArgumentParser reads, into the same command.
    @Test(arguments: [["list"], ["show"], ["path"], ["due"], ["history"], ["person", "show"]])
    func randomLinesReadQuicklyAreReadTheSameByArgumentParser(name: [String]) {
        let words = ["--store", "--store=l.sqlite", "--person", "--person=하늘", "--kind", "--kind=job", "--status",
                     "--tag", "--since", "--until=2024", "--all-people", "--person-tag", "--deleted", "--json",
                     "--json=1", "--", "-", "-h", "--help", "help", "job", "training", "ongoing", "2024-03",
                     "3f9a", "데이터", "e\u{301}", "a b", "-5", "=", "--=x", "--kind=nope", ""]
        var generator = SplitMix64(seed: 2026)
        var quick = 0
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let line = name + (0..<count).map { _ in words.randomElement(using: &generator)! }
            guard let command = Pathfolio.parsedQuickly(line) else { continue }
            quick += 1
            let whole = try? Pathfolio.parseAsRoot(line)
            #expect(whole.map(contents) == contents(command), "\(line)")
        }
        // The check above is not empty: a good share of the lines were read quickly.
        #expect(quick > 100, "\(quick)")
    }
}
