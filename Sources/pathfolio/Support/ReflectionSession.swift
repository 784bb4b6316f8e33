import Foundation
import PathfolioCore
import PathfolioFormats
import PathfolioStore

/// One reflection being written on one experience: the template chosen, the answers given
/// so far, and the two ways to finish (the editor, or input given up front). Shared by
/// `reflect` and `end`.
struct ReflectionSession {
    let ledger: Ledger
    let stored: StoredExperience
    let template: ReflectionTemplate
    var visibility: Visibility?
    var written: PartialDate?
    /// Answers and fields from the command line.
    var draft = ReflectionDraft()

    /// Resolves the experience and picks the template: `--template FILE`, else the built-in
    /// one for `kind` (by default the kind the experience calls for next) in `locale`
    /// (by default the environment's).
    init(ledger: Ledger, reference: String, kind: ReflectionKind?, templateFile: String?,
         locale: ReflectionLocale?) throws {
        self.ledger = ledger
        let (stored, written) = try ledger.read { tx in
            let id = try tx.resolveExperience(reference)
            return (try tx.stored(id), try tx.reflections(on: id))
        }
        self.stored = stored
        if let templateFile {
            let template = try Self.template(at: templateFile)
            if let kind, kind != template.kind {
                throw Failure.usage("the template \(templateFile) is for \(template.kind.rawValue) reflections, not \(kind.rawValue)",
                                    hint: "leave out --kind, or change the template's 'kind:' line")
            }
            self.template = template
        } else {
            let kind = kind ?? stored.experience.suggestedReflectionKind(written: written)
            self.template = .builtIn(kind, locale: locale ?? ReflectionLocale.from(environment: ProcessInfo.processInfo.environment))
        }
    }

    /// Reads a template file; a missing file exits 66, a file that breaks a rule 65 with `file:line` errors.
    static func template(at path: String) throws -> ReflectionTemplate {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure.missingFile(path) }
        return try ReflectionTemplate.parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Stores `draft` (laid over the command-line answers) as a new reflection.
    func save(_ input: ReflectionDraft) throws -> Reflection {
        var merged = input.merging(draft, template: template)
        merged.visibility = visibility ?? merged.visibility
        merged.written = written ?? merged.written
        let reflection = merged.reflection(id: ledger.newID(), experienceID: stored.id, written: Clock.today(),
                                           template: template)
        return try ledger.add(reflection)
    }

    /// Opens the editor on the reflection document and stores what comes back. An unchanged,
    /// emptied or blank document saves nothing and says so; a document that cannot be read or
    /// saved is kept, with its path printed.
    func edit(json: Bool) throws {
        let document = ReflectionDocument.render(template: template, draft: draft, about: Describe.titled(stored)
                                                 + " (\(Describe.period(stored.experience.period)))",
                                                 visibility: visibility ?? .counselor)
        let file = try ScratchFile(name: "reflection-\(stored.id.short).md", contents: document)
        let (status, seconds) = try Editor.run(on: file.path)
        let text = try file.read()
        guard status == 0 else {
            // Nothing typed is lost: a changed file stays where it is.
            let unchanged = text == document
            if unchanged { file.remove() }
            let kept = unchanged ? nil : "your text is kept at \(file.path); save it with: pathfolio reflect \(stored.id.short) --from \(file.path)"
            let diagnostic: Diagnostic = status == 127
                ? .error("editor.missing", "the editor '\(Editor.command)' was not found; nothing saved",
                         hint: (["set VISUAL or EDITOR to an installed editor, e.g. export VISUAL=nano"] + [kept].compactMap { $0 }).joined(separator: "; "))
                : .error("editor.failed", "the editor '\(Editor.command)' exited with status \(status); nothing saved", hint: kept)
            throw Failure(diagnostics: [diagnostic], code: .io)
        }
        if text == document {
            file.remove()
            print("The reflection is unchanged; nothing saved.")
            if seconds < 1 {
                var stderr = StandardError()
                print("""
                    warning: the editor '\(Editor.command)' returned at once, before you could write.
                      hint: a window editor must be told to wait, e.g. export VISUAL="code --wait" (or "subl -w", "gedit -s")
                    """, to: &stderr)
            }
            return
        }
        if text.allSatisfy(\.isWhitespace) {
            file.remove()
            print("The reflection is empty; nothing saved.")
            return
        }
        let keep = Diagnostic(.note, code: "editor.kept", "your text is kept at \(file.path)",
                              hint: "fix it and run: pathfolio reflect \(stored.id.short) --from \(file.path)")
        let parsed: ReflectionDraft
        do {
            parsed = try ReflectionDocument.parse(text, template: template, file: file.path)
        } catch {
            throw Failure(diagnostics: error.diagnostics + [keep], code: .dataError)
        }
        guard !parsed.isEmpty || !draft.isEmpty else {
            file.remove()
            print("Nothing was written under the prompts; nothing saved.")
            return
        }
        let reflection: Reflection
        do {
            reflection = try save(parsed)
        } catch let error as LedgerError {
            throw Failure(diagnostics: Failure(error).diagnostics + [keep], code: Failure(error).code)
        }
        file.remove()
        try report(reflection, json: json)
    }

    /// Prints what was saved.
    func report(_ reflection: Reflection, json: Bool) throws {
        if json { return try Output.json(reflection) }
        var line = "Saved \(reflection.kind.rawValue) reflection \(Output.id(reflection.id.short)) on \(Describe.titled(stored))"
        line += Output.dim("  (\(reflection.entries.count) answer\(reflection.entries.count == 1 ? "" : "s"), \(reflection.visibility.rawValue))")
        print(line)
        if !reflection.skillsGained.isEmpty {
            print("Skills gained: \(reflection.skillsGained.joined(separator: ", "))")
        }
    }
}
