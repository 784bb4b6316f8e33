import ArgumentParser
import Foundation
@testable import pathfolio
import Testing

/// A command line that names a subcommand is parsed with that subcommand as the root
/// (`Pathfolio.parsedAlone`), which skips ArgumentParser's completion check; what a command
/// receives, and every message, must be what the whole tree's parse gives.
struct ParsedAloneTests {
    @Test func everySubcommandCanBeParsedAloneAndKeepsItsUsageLine() {
        for type in Pathfolio.configuration.subcommands {
            let name = type.configuration.commandName!
            #expect(Pathfolio.subcommand(named: name).map { $0 == type } == true, "\(name) is not parsed alone")
            #expect(type.configuration._superCommandName == "pathfolio", "\(name)")
            #expect(type.usageString().hasPrefix("pathfolio \(name)"), "\(type.usageString())")
        }
        #expect(Pathfolio.subcommand(named: "help") == nil)
    }

    @Test(arguments: [
        ["list"], ["list", "--store", "x.sqlite", "--kind", "job", "--kind", "training", "--json"],
        ["list", "--all-people", "--since", "2024-03"], ["show", "3f9a", "--json"], ["path"], ["path", "3f9a1c2e", "--json"],
        ["add", "job", "--title", "데이터 분석가", "--org", "㈜데이터랩", "--start", "2024-10", "--skill", "SQL", "--skill", "Python"],
        ["edit", "3f9a", "--title", "Analyst", "--person", "하늘"], ["end", "3f9a", "--date", "2025-01", "--discontinued", "--no-reflect"],
        ["reflect", "3f9a", "--answer", "learned=SQL", "--rating", "4"], ["due", "--all-people"],
        ["link", "a1b2", "c3d4", "--type", "supports"], ["unlink", "a1b2", "c3d4"], ["history", "3f9a", "--json"],
        ["delete", "3f9a"], ["restore", "3f9a"], ["purge", "3f9a", "--yes"],
        ["export", "--all", "--format", "markdown", "--locale", "ko", "--out", "out/"],
        ["export", "--format", "xml", "--audience", "counselor", "--blind"],
        ["import", "a.xml\0b.xml", "--plan"], ["validate", "a.xml"], ["verify"], ["backup", "--out", "copy.sqlite"],
        ["init", "--name", "정하늘"], ["person", "add", "Alex Morgan"], ["person", "list", "--deleted"],
        ["person", "show", "--person", "Alex"], ["person", "use", "Alex"],
    ])
    func aCommandLineParsedAloneIsTheCommandTheWholeTreeParses(arguments: [String]) throws {
        let whole = try Pathfolio.parseAsRoot(arguments)
        let alone = try #require(Pathfolio.parsedAlone(arguments), "\(arguments) was not parsed alone")
        #expect(type(of: alone) == type(of: whole))
        #expect(contents(alone) == contents(whole))
    }

    /// Help, mistakes and completion requests go through the whole tree, for its messages.
    @Test(arguments: [
        ["list", "--help"], ["list", "-h"], ["help", "list"], ["list", "--no-such-option"], ["show"],
        ["export", "--format", "pdf"], ["--version"], [], ["list", "--generate-completion-script", "bash"],
        ["---completion", "list", "--", "--store"], ["person"], ["person", "show", "a", "--person", "b"],
    ])
    func whatIsNotACommandToRunIsLeftToTheWholeTree(arguments: [String]) {
        #expect(Pathfolio.parsedAlone(arguments) == nil)
    }
}

/// `pathfolio --store PATH COMMAND …` names the ledger before the command, as `git -C` does.
struct LedgerFirstTests {
    @Test func theLedgerNamedBeforeTheCommandGoesAfterItsName() throws {
        #expect(try Pathfolio.ledgerFirst(["--store", "a.sqlite", "list", "--json"]) == ["list", "--store", "a.sqlite", "--json"])
        #expect(try Pathfolio.ledgerFirst(["--store=a.sqlite", "show", "3f9a"]) == ["show", "--store=a.sqlite", "3f9a"])
        #expect(try Pathfolio.ledgerFirst(["--store", "a.sqlite", "person", "add", "정하늘"]) == ["person", "add", "--store", "a.sqlite", "정하늘"])
        #expect(try Pathfolio.ledgerFirst(["--store", "a.sqlite", "import", "x.xml", "y.xml"]) == ["import", "--store", "a.sqlite", "x.xml", "y.xml"])
        // Help uses no ledger: the option goes.
        #expect(try Pathfolio.ledgerFirst(["--store", "a.sqlite"]) == [])
        #expect(try Pathfolio.ledgerFirst(["--store=a.sqlite", "help", "list"]) == ["help", "list"])
        #expect(try Pathfolio.ledgerFirst(["--store", "a.sqlite", "person"]) == ["person"])
        #expect(try Pathfolio.ledgerFirst(["--store", "a.sqlite", "person", "--help"]) == ["person", "--help"])
        // Anything else is left for ArgumentParser to report as before.
        for arguments in [["--store", "a.sqlite", "--help"], ["--store", "a.sqlite", "nonsense"],
                          ["list", "--store", "a.sqlite"], ["--version"], []] {
            #expect(try Pathfolio.ledgerFirst(arguments) == arguments)
        }
        // Two ledgers named: which one was meant is not guessed.
        #expect(throws: Failure.self) { try Pathfolio.ledgerFirst(["--store", "b.sqlite", "add", "job", "--store", "c.sqlite"]) }
        #expect(throws: Failure.self) { try Pathfolio.ledgerFirst(["--store=b.sqlite", "person", "add", "Zed", "--store=c.sqlite"]) }
        // Before the command, the word after `--store` is the ledger even when it begins with a dash.
        #expect(try Pathfolio.ledgerFirst(["--store", "-old.sqlite", "list"]) == ["list", "--store=-old.sqlite"])
        #expect(try Pathfolio.ledgerFirst(["--store", "-q", "list"]) == ["list", "--store", "-q"])
        // After `--`, `--store` is an operand.
        #expect(try Pathfolio.ledgerFirst(["--store", "b.sqlite", "validate", "--", "--store"]) == ["validate", "--store", "b.sqlite", "--", "--store"])
    }

    @Test func aCommandWithTheLedgerFirstWorksOnThatLedger() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "정하늘"])
        try cli.succeed(["add", "training", "--title", "데이터 분석 실무", "--start", "2024-01"])
        let other = cli.directory.appendingPathComponent("other.sqlite").path
        let made = try cli.run(["--store", other, "init", "--name", "Alex Morgan"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try cli.run(["--store", other, "add", "job", "--title", "Analyst", "--start", "2025-02"]).status == 0)
        let listed = try cli.run(["--store=\(other)", "list"])
        #expect(listed.status == 0 && listed.stdout.contains("Analyst") && !listed.stdout.contains("데이터"), "\(listed.stdout)")
        let people = try cli.run(["--store", other, "person", "list"])
        #expect(people.stdout.contains("Alex Morgan") && !people.stdout.contains("정하늘"), "\(people.stdout)")
        // Named twice: refused (64), and nothing is written to either ledger.
        let twice = try cli.run(["--store", other, "add", "job", "--title", "Twice", "--store", cli.store])
        #expect(twice.status == 64 && twice.stderr.contains("--store is given before the command and after it"), "\(twice.stderr)")
        // The default ledger is untouched.
        #expect(try cli.succeed(["list"]).contains("데이터 분석 실무"))
        #expect(try !cli.succeed(["list"]).contains("Analyst"))
    }

    /// A ledger whose name begins with a dash: named before the command it is taken as is;
    /// after it, ArgumentParser's "missing value" gets the way to write it.
    @Test func aLedgerNameBeginningWithADash() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let folder = cli.directory.path
        let made = try cli.run(["init", "--name", "정하늘", "--store", "-dash.sqlite"])
        #expect(made.status == 64)
        #expect(made.stderr.contains("Error: Missing value for '--store <path>'"), "\(made.stderr)")
        #expect(made.stderr.hasSuffix("Hint: a ledger path that begins with '-' is given with '=' (--store=-dash.sqlite) or as ./-dash.sqlite\n"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/-dash.sqlite"))
        let first = try cli.run(["--store", "-dash.sqlite", "init", "--name", "정하늘"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/-dash.sqlite"))
        #expect(try cli.run(["list", "--store=-dash.sqlite"]).stdout.hasPrefix("No experiences yet"))
        // A forgotten value is not taken for a path: no hint about dashes.
        let forgotten = try cli.run(["list", "--store", "--json"])
        #expect(forgotten.status == 64 && !forgotten.stderr.contains("Hint:"), "\(forgotten.stderr)")
    }

    /// A negative number after an option that takes a value (`--hours -5`): ArgumentParser
    /// reads it as an option and says only that the value is missing; the hint says how to
    /// give it, and given so it meets the option's own rule. Nothing is written either way.
    @Test func aNegativeNumberAfterAnOptionGetsTheWayToWriteIt() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "정하늘"])
        let before = try cli.ledgerBytes()
        let hours = try cli.run(["add", "training", "--title", "데이터 분석", "--hours", "-5"])
        #expect(hours.status == 64 && hours.stderr.hasPrefix("Error: Missing value for '--hours <hours>'"), "\(hours.stderr)")
        #expect(hours.stderr.hasSuffix("Hint: '-5' was read as an option, not as the value of --hours: a value that begins with '-' is given with '=' (--hours=-5)\n"))
        let written = try cli.run(["add", "training", "--title", "데이터 분석", "--hours=-5"])
        #expect(written.status == 65 && written.stderr.hasPrefix("--hours: error: training hours -5 are out of range"), "\(written.stderr)")
        #expect(try cli.ledgerBytes() == before)
        let id = String(try cli.succeed(["add", "training", "--title", "Course"]).split(separator: " ")[2])
        let added = try cli.ledgerBytes()
        let rating = try cli.run(["reflect", id, "--rating", "-2.5"])
        #expect(rating.status == 64 && rating.stderr.hasSuffix("(--rating=-2.5)\n"), "\(rating.stderr)")
        // Only where a value is missing: after a flag, `-5` is an unknown option, no hint.
        let flag = try cli.run(["list", "--json", "-5"])
        #expect(flag.status == 64 && flag.stderr.contains("Unknown option '-5'") && !flag.stderr.contains("Hint:"), "\(flag.stderr)")
        #expect(try cli.ledgerBytes() == added)
    }
}
