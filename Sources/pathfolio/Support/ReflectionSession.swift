import Foundation
import PathfolioCore
import PathfolioFormats
import PathfolioStore

/// One reflection being written (or revised) on one experience: the template chosen, the
/// answers given so far, and the two ways to finish (the editor, or input given up front).
/// Shared by `reflect` and `end`.
struct ReflectionSession {
    let ledger: Ledger
    let stored: StoredExperience
    let template: ReflectionTemplate
    /// The reflection being revised, if this session revises one.
    private(set) var revising: Reflection?
    /// What there is before anything is given: the revised reflection's answers, or nothing.
    private(set) var base = ReflectionDraft()
    var visibility: Visibility?
    var written: PartialDate?
    /// Answers and fields from the command line.
    var draft = ReflectionDraft()

    /// Resolves the experience and picks the template: `--template FILE`, else the built-in
    /// one for `kind` (by default the kind the experience calls for next) in `locale`
    /// (by default the environment's).
    init(ledger: Ledger, reference: String, kind: ReflectionKind?, templateFile: String?,
         locale: ReflectionLocale?) throws {
        // Before anyone writes in an editor what could not be saved.
        try ledger.requireWritable()
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

    /// Opens a reflection to revise it, with the prompts it was written with.
    init(ledger: Ledger, revising reference: String) throws {
        try ledger.requireWritable()
        self.ledger = ledger
        let (reflection, stored) = try ledger.read { tx in
            let reflection = try tx.reflection(try tx.resolveReflection(reference))
            return (reflection, try tx.stored(reflection.experienceID))
        }
        self.stored = stored
        self.revising = reflection
        self.base = ReflectionDraft(reflection)
        self.template = .revising(reflection)
    }

    /// The command that saves a kept file later.
    func retry(_ path: String) -> String {
        (revising.map { "pathfolio reflect --revise \($0.id.short)" } ?? "pathfolio reflect \(stored.id.short)")
            + " --from \(Self.shellWord(path))"
    }

    /// `path` as one word for a POSIX shell: as it is when it holds nothing a shell reads
    /// (the usual temporary folder), else in single quotes (a `TMPDIR` with a space).
    static func shellWord(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "/._-+,:@%".unicodeScalars.contains($0) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// After `end`: offers to write the reflection the experience calls for, when it calls for
    /// one not yet written and a person is at the terminal (`ask` nil), or opens the editor
    /// at once (`ask` true, `--reflect`); `--no-reflect` (false) does neither.
    static func offerAfterEnding(_ stored: StoredExperience, ledger: Ledger, ask: Bool?) throws {
        // Asked for with --reflect, a kind without an ending reflection (a project) gets a free one.
        guard let kind = stored.experience.kind.endingReflection ?? (ask == true ? .free : nil), ask != false,
              ask == true || Terminal.isInteractive else { return }
        if ask == nil {
            let written = try ledger.read { try $0.reflections(on: stored.id) }
            guard !written.contains(where: { $0.kind == kind }) else { return }
            // Asked in the language the reflection's prompts will be in (the answer may be 예).
            let korean = ReflectionLocale.from(environment: ProcessInfo.processInfo.environment) == .ko
            guard Terminal.confirm(korean ? "\(kind.koreanObject) 지금 쓸까요?" : "Write the \(kind.englishName) reflection now?") else {
                print(Output.dim("\(korean ? "나중에 쓰려면" : "Later"): pathfolio reflect \(stored.id.short)"))
                return
            }
        }
        do {
            try ReflectionSession(ledger: ledger, reference: stored.id.rawValue, kind: kind, templateFile: nil, locale: nil)
                .edit(json: false)
        } catch var failure as Failure {
            // The end is saved whatever happened to the reflection: "nothing saved" alone
            // read as if the experience had not ended.
            let kept = failure.diagnostics.contains { $0.code == "editor.kept" || $0.hint?.contains("is kept at") == true }
            failure.diagnostics.append(Diagnostic(.note, code: "end.saved", "experience \(stored.id.short) is ended and saved (\(Describe.period(stored.experience.period)), \(stored.experience.status.rawValue)); only the reflection was not written",
                                             hint: kept ? nil : "write it later: pathfolio reflect \(stored.id.short)"))
            throw failure
        }
    }

    /// Reads a template file; a missing file exits 66, a file that breaks a rule 65 with `file:line` errors.
    static func template(at path: String) throws -> ReflectionTemplate {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure.missingFile(path) }
        return try ReflectionTemplate.parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Stores a document given up front: the revised reflection's answers, then the
    /// document's, then the command line's.
    func save(document: ReflectionDraft) throws -> Reflection {
        try finish(base.merging(document, template: template).merging(draft, template: template))
    }

    /// Stores the final draft: a new reflection, or a new revision of the one revised.
    private func finish(_ final: ReflectionDraft) throws -> Reflection {
        var final = final
        final.visibility = visibility ?? final.visibility ?? base.visibility
        final.written = written ?? final.written ?? base.written
        let made = final.reflection(id: revising?.id ?? ledger.newID(), experienceID: stored.id, written: Clock.today(),
                                    template: template)
        guard let revising else { return try ledger.add(made) }
        return try ledger.transaction { tx in
            try tx.updateReflection(revising.id) { reflection in
                reflection.entries = made.entries
                reflection.rating = made.rating
                reflection.outcome = made.outcome
                reflection.skillsGained = made.skillsGained
                reflection.visibility = made.visibility
                reflection.written = made.written
            }
        }
    }

    /// Opens the editor on the reflection document and stores what comes back. An unchanged,
    /// emptied or blank document saves nothing and says so; a document that cannot be read or
    /// saved is kept, with its path printed.
    func edit(json: Bool) throws {
        let start = base.merging(draft, template: template)
        let document = ReflectionDocument.render(template: template, draft: start, about: Describe.titled(stored)
                                                 + " (\(Describe.period(stored.experience.period)))",
                                                 visibility: visibility ?? base.visibility ?? .counselor)
        let file = try ScratchFile(name: "reflection-\(stored.id.short).md", contents: document)
        let (status, seconds) = try Editor.run(on: file.path)
        let text = try file.read()
        guard status == 0 else {
            // Nothing typed is lost: a changed file stays where it is.
            let unchanged = text == document
            if unchanged { file.remove() }
            let kept = unchanged ? nil : "your text is kept at \(file.path); save it with: \(retry(file.path))"
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
                              hint: "fix it and run: \(retry(file.path))")
        let parsed: ReflectionDraft
        do {
            parsed = try ReflectionDocument.parse(text, template: template, file: file.path)
        } catch {
            throw Failure(diagnostics: error.diagnostics + [keep], code: .dataError)
        }
        guard !parsed.isEmpty else {
            file.remove()
            print("Nothing was written under the prompts; nothing saved.")
            return
        }
        let reflection: Reflection
        do {
            reflection = try finish(parsed)
        } catch {
            // Whatever stopped the save, the text stays and the way to retry is said.
            let failure: Failure = switch error {
            case let error as LedgerError: Failure(error)
            case let error as DiagnosticError: Failure(diagnostics: error.diagnostics, code: .dataError)
            case let error as Failure: error
            default: Failure(.software, "the reflection could not be saved: \(error)", errorCode: "reflection.save")
            }
            throw Failure(diagnostics: failure.diagnostics + [keep], code: failure.code)
        }
        file.remove()
        try report(reflection, json: json)
    }

    /// Prints what was saved.
    func report(_ reflection: Reflection, json: Bool) throws {
        if json { return try Output.json(reflection) }
        if let revising, reflection == revising {
            print("No change to reflection \(Output.id(reflection.id.short)); nothing saved.")
            return
        }
        var line = "\(revising == nil ? "Saved" : "Revised") \(reflection.kind.rawValue) reflection \(Output.id(reflection.id.short)) on \(Describe.titled(stored))"
        line += Output.dim("  (\(reflection.entries.count) answer\(reflection.entries.count == 1 ? "" : "s"), \(reflection.visibility.rawValue))")
        print(line)
        if !reflection.skillsGained.isEmpty {
            print("Skills gained: \(reflection.skillsGained.joined(separator: ", "))")
        }
    }
}

extension ReflectionKind {
    /// How the kind reads in an English sentence: `post-placement`.
    var englishName: String {
        switch self {
        case .postPlacement: "post-placement"
        case .postTraining: "post-training"
        case .checkpoint: "checkpoint"
        case .free: "free"
        }
    }

    /// The kind as the object of a Korean sentence, with its particle: `현장 경험 후 회고를`
    /// (the names the Korean Markdown gives the reflections).
    var koreanObject: String {
        switch self {
        case .postPlacement: "현장 경험 후 회고를"
        case .postTraining: "훈련 후 회고를"
        case .checkpoint: "중간 점검을"
        case .free: "자유 회고를"
        }
    }
}
