public import ArgumentParser
import Foundation
public import PathfolioCore
public import PathfolioFormats
import PathfolioStore

extension Pathfolio {
    struct Reflect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reflect",
            abstract: "Write a reflection on an experience.",
            discussion: """
                In a terminal, opens $VISUAL (else $EDITOR, else vi) on a Markdown document with the prompts as headings; save and close it to store the reflection. An unchanged or empty document saves nothing.

                Without a terminal, or with --answer, --rating, --outcome, --skill or --from, it works without an editor: answers come from the options and from a Markdown or JSON document on standard input or in --from FILE.

                The kind defaults to what the experience calls for: postPlacement or postTraining once it has ended, checkpoint while it goes on. Reflections are visible to your counselor unless you say otherwise (--visibility private).

                Examples:
                  pathfolio reflect 3f9a1c2e
                  pathfolio reflect 3f9a1c2e --locale ko --answer did="고객 문의 응대" --rating 4 --outcome hired
                  pathfolio reflect 3f9a1c2e --template centre.md < answers.json
                  pathfolio reflect --revise 7c01d9e4
                  pathfolio reflect --print-template --kind postTraining --locale ko > centre.md
                """).parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "An experience ID or unique prefix.") var id: String?
        @Option(help: "The kind of reflection (default: what the experience calls for).") var kind: ReflectionKind?
        @Option(help: ArgumentHelp("A template file of your own (see --print-template).", valueName: "file")) var template: String?
        @Option(help: "The language of the built-in prompts (default: from LANG).") var locale: ReflectionLocale?
        @Option(help: "Who may see it (default: counselor).") var visibility: Visibility?
        @Option(name: .customLong("answer"), help: ArgumentHelp("An answer to the prompt KEY (repeatable).", valueName: "key=text"))
        var answers: [String] = []
        @Option(help: "How it went, from 1 (poor) to 5 (excellent).") var rating: Int?
        @Option(help: "How it turned out (hired, contractExtended, finishedAsPlanned, leftEarly, completed, credentialEarned, droppedOut, other).")
        var outcome: String?
        @Option(name: .customLong("skill"), help: "A skill gained (repeatable).") var skills: [String] = []
        @Option(help: ArgumentHelp("Read the reflection from a Markdown or JSON file ('-' for standard input).", valueName: "file"))
        var from: String?
        @Option(help: ArgumentHelp("The day it was written (default: today).", valueName: "date")) var date: String?
        @Option(help: ArgumentHelp("Revise a reflection you wrote (its ID or prefix, from `pathfolio show`) instead of writing a new one; the old text stays in its history.", valueName: "reflection"))
        var revise: String?
        @Flag(help: "Open the editor even when standard input is not a terminal.") var edit = false
        @Flag(name: .customLong("print-template"), help: "Print the template as a template file to start your own, and exit.")
        var printTemplate = false
        @Flag(help: "Print the saved reflection as JSON.") var json = false

        /// What the command line must name, checked while it is parsed, so that a mistake is
        /// reported with `reflect`'s own usage line.
        func validate() throws {
            guard !printTemplate else { return }
            switch (id, revise) {
            case (_?, _?):
                throw ValidationError("Give either an experience ID, to write a new reflection, or --revise REFLECTION, not both.")
            case (nil, nil):
                throw ValidationError("Missing expected argument '<id>': the experience to reflect on.")
            default:
                break
            }
        }

        func run() throws {
            if printTemplate {
                let template = try template.map(ReflectionSession.template(at:)) ?? .builtIn(kind ?? .free, locale: locale ?? .from(environment: ProcessInfo.processInfo.environment))
                print(template.fileText(), terminator: "")
                return
            }
            let given = !answers.isEmpty || rating != nil || outcome != nil || !skills.isEmpty || from != nil
            let interactive = edit || (!given && isatty(STDIN_FILENO) == 1)
            let (text, name) = interactive ? ("", "") : try input(readStandardInput: !given)
            // A document that says its kind (a kept editor file, JSON with "kind") picks the template.
            let declared = ReflectionDocument.declared(in: text)
            var session: ReflectionSession
            switch (id, revise) {
            case (let id?, nil):
                session = try ReflectionSession(ledger: try store.open(), reference: id, kind: kind ?? declared.kind,
                                                templateFile: template, locale: locale ?? declared.locale)
            case (nil, let revise?):
                guard kind == nil, template == nil, locale == nil else {
                    throw Failure.usage("--revise keeps the reflection's own kind and prompts",
                                        hint: "leave out --kind, --template and --locale")
                }
                session = try ReflectionSession(ledger: try store.open(), revising: revise)
            case (_?, _?), (nil, nil):
                preconditionFailure("validate() refuses an ID with --revise, and neither")
            }
            if let stated = declared.kind, stated != session.template.kind {
                throw Failure.usage("the document is a \(stated.rawValue) reflection, but the template \(session.template.name) is for \(session.template.kind.rawValue)",
                                    hint: "leave out --kind or --template, or change the kind the document gives")
            }
            session.visibility = visibility
            session.written = try date.map { text in
                let day = try DateArgument.parse(text, option: "--date")
                guard day.precision == .day else {
                    throw Failure.badValue("--date", "'\(text)' is not a full date", hint: "give the day it was written as YYYY-MM-DD",
                                           code: "date.invalid")
                }
                return day
            }
            do {
                session.draft = try commandLineDraft(session.template)
            } catch var failure as Failure where id != nil && kind == nil && template == nil && declared.kind == nil
                        && failure.diagnostics.contains(where: { $0.code == "reflection.key" }) {
                // The kind was picked for them: say why, when it is not the one they meant.
                let stored = session.stored
                if let written = try store.open().read({ try $0.reflections(on: stored.id) }).last {
                    let kind = session.template.kind.rawValue
                    failure.diagnostics.append(Diagnostic(.note, code: "reflection.kindChosen",
                        "experience \(stored.id.short) already has a \(written.kind.rawValue) reflection (\(written.id.short)), so a new one is \(kind)",
                        hint: "add to that one: pathfolio reflect --revise \(written.id.short) --answer KEY=TEXT; or say the kind: --kind \(written.kind.rawValue)"))
                }
                throw failure
            }
            if interactive {
                return try session.edit(json: json)
            }
            var document = ReflectionDraft()
            if !text.allSatisfy(\.isWhitespace) {
                document = try ReflectionDocument.read(text, template: session.template, file: name)
            }
            guard !document.merging(session.draft, template: session.template).isEmpty else {
                throw Failure(.usage, "nothing to save: no answers were given",
                              hint: "give answers with --answer KEY=TEXT (keys: \(session.template.prompts.map(\.key).joined(separator: ", "))), --rating, --outcome or --skill, or send a Markdown or JSON document on standard input; --edit opens your editor",
                              errorCode: "reflection.empty")
            }
            try session.report(try session.save(document: document), json: json)
        }

        /// The document given with --from, or on standard input when it is not a terminal and no
        /// answers were given as options (a script's open standard input must not block it).
        private func input(readStandardInput: Bool) throws -> (String, String) {
            if let from, from != "-" {
                guard let data = FileManager.default.contents(atPath: from) else { throw Failure.missingFile(from) }
                return (String(decoding: data, as: UTF8.self), from)
            }
            guard from == "-" || (readStandardInput && isatty(STDIN_FILENO) != 1) else { return ("", "<stdin>") }
            return (String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self), "<stdin>")
        }

        /// `1st`, `2nd`, `3rd`, `4th`, … for naming a repeated option.
        static func ordinal(_ number: Int) -> String {
            let suffix = (11...13).contains(number % 100) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][number % 10]
            return "\(number)\(suffix)"
        }

        /// The answers, rating, outcome and skills given as options.
        private func commandLineDraft(_ template: ReflectionTemplate) throws -> ReflectionDraft {
            var draft = ReflectionDraft(skills: skills.normalizedUniqueLines)
            for (number, answer) in answers.enumerated() {
                guard let equals = answer.firstIndex(of: "=") else {
                    // The value is reflection text: name the option by its place, never quote it.
                    throw Failure.usage("the \(Self.ordinal(number + 1)) --answer has no '=' (KEY=TEXT)",
                                        hint: "write --answer KEY=TEXT, e.g. --answer learned=\"SQL joins\" (keys: \(template.prompts.map(\.key).joined(separator: ", ")))")
                }
                let key = answer[..<equals].trimmingWhitespace
                do {
                    try draft.setAnswer(key, String(answer[answer.index(after: equals)...]), template: template)
                } catch {
                    throw Failure(diagnostics: error.diagnostics, code: .usage)
                }
            }
            if let rating {
                guard (1...5).contains(rating) else {
                    throw Failure.badValue("--rating", "rating \(rating) is outside 1–5", hint: "rate from 1 (poor) to 5 (excellent), or leave it out",
                                           code: "reflection.rating")
                }
                draft.rating = rating
            }
            if let outcome {
                let allowed = ReflectionOutcome.fitting(template.kind).map(\.rawValue).joined(separator: ", ")
                guard let value = ReflectionOutcome(localized: outcome) else {
                    throw Failure.badValue("--outcome", "unknown outcome '\(outcome)'", hint: "use one of: \(allowed)", code: "reflection.outcome")
                }
                guard value.fits(template.kind) else {
                    throw Failure.badValue("--outcome", "the outcome '\(outcome)' does not fit a \(template.kind.rawValue) reflection",
                                           hint: "use one of: \(allowed)", code: "reflection.outcome")
                }
                draft.outcome = value
            }
            return draft
        }
    }
}

extension ReflectionKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ReflectionLocale: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
