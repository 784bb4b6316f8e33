public import PathfolioCore

/// A ledger operation that could not be done. Nothing was written.
///
/// Each case says what went wrong (``message``), how to fix it (``hint``), and what kind
/// of failure it is (``category``), so a command-line tool can choose its exit code.
public enum LedgerError: Error, Sendable, CustomStringConvertible {
    /// No ledger file at the path.
    case storeMissing(path: String)
    /// The path exists but cannot be used as a ledger.
    case storeUnusable(path: String, reason: String)
    /// The file was written by a newer Pathfolio.
    case newerSchema(path: String)
    /// This process may read the ledger but not write it or its folder (read-only media,
    /// someone else's file); `reason` says what writing would have needed, if more than that.
    case readOnly(path: String, reason: String?)
    /// Another process held the ledger for longer than the busy timeout.
    case busy(path: String)
    /// Reading or writing the file failed.
    case io(path: String, reason: String)
    /// No record of that kind matches the reference.
    case notFound(entity: String, reference: String)
    /// The only record of that kind the reference names is deleted (`id` names it as a
    /// command would: its short form, or its whole ID where the short one is shared).
    case deleted(entity: String, id: String)
    /// The record the reference names was purged: nothing of it is left (`id` is its whole ID).
    case purged(entity: String, id: String)
    /// More than one record matches an ID prefix.
    case ambiguous(entity: String, reference: String, candidates: [String])
    /// A command needs a person and the ledger has no default one.
    case noPerson
    /// The change breaks the model's rules.
    case invalid([Diagnostic])
    /// The change is not possible in the ledger's current state.
    case conflict(message: String, hint: String)

    /// What kind of failure this is.
    public enum Category: Sendable {
        /// The data given breaks a rule.
        case data
        /// A record or the ledger file does not exist.
        case notFound
        /// The file system or the database failed, or another process held the ledger.
        case io
    }

    public var category: Category {
        switch self {
        case .storeMissing, .notFound, .deleted, .purged, .noPerson: .notFound
        case .storeUnusable, .busy, .io, .newerSchema, .readOnly: .io
        case .ambiguous, .invalid, .conflict: .data
        }
    }

    public var message: String {
        switch self {
        case .storeMissing(let path): "no ledger at \(path)"
        case .storeUnusable(let path, let reason): "cannot use \(path) as a ledger: \(reason)"
        case .newerSchema(let path): "\(path) was written by a newer version of Pathfolio"
        case .readOnly(let path, let reason):
            "cannot write \(path): it can only be read here (this process may not write it or its folder)" + (reason.map { "; " + $0 } ?? "")
        case .busy(let path): "\(path) is busy: another pathfolio process kept it locked too long"
        case .io(let path, let reason): "\(path): \(reason)"
        case .notFound(let entity, let reference): "no \(entity) matches '\(reference)'"
        case .deleted(let entity, let id): "\(entity) \(id) is deleted"
        case .purged(let entity, let id): "\(entity) \(id) was purged"
        case .ambiguous(let entity, let reference, let candidates):
            "'\(reference)' matches \(candidates.count) \(entity.hasSuffix("person") ? String(entity.dropLast(6)) + "people" : entity + "s"): \(candidates.prefix(5).joined(separator: ", "))\(candidates.count > 5 ? ", …" : "")"
        case .noPerson: "this ledger has no person yet"
        case .invalid(let diagnostics):
            diagnostics.first { $0.severity == .error }.map { d in
                (d.location.map { $0.text + ": " } ?? "") + d.message
            } ?? "invalid data"
        case .conflict(let message, _): message
        }
    }

    public var hint: String? {
        switch self {
        case .storeMissing: "run `pathfolio init` to create it, or point --store (or PATHFOLIO_STORE) at an existing ledger"
        case .storeUnusable: "point --store (or PATHFOLIO_STORE) at a ledger file"
        case .newerSchema: "upgrade pathfolio; this version does not know the file's newer tables and will not touch them"
        case .readOnly: "get write access to the file and its folder, or work on a copy: pathfolio backup --out COPY.sqlite, then --store COPY.sqlite"
        case .busy: "try again; if it persists, check for a pathfolio process that hangs"
        case .io: "check that the disk has free space, that no file-size limit (`ulimit -f`) applies, and that you may write to the file and its folder"
        case .notFound(let entity, _):
            switch entity {
            case "experience": "`pathfolio list` shows the IDs; any unique prefix of at least 4 characters works"
            case "person": "`pathfolio person list` shows the people; a name, part of one, or an ID prefix works"
            case "revision": "`pathfolio history ID` lists a record's revisions with their numbers"
            default: "check the ID; `pathfolio history ID` accepts any record's ID prefix"
            }
        case .deleted(_, let id): "`pathfolio restore \(id)` brings it back; `pathfolio history \(id)` shows what it was"
        case .purged: "purged records are erased for good; nothing of them is left to show or restore"
        case .ambiguous(let entity, _, _) where entity.hasSuffix("person"):
            // People are named by name as often as by ID, and two can share one.
            "give more of the name, or one of the IDs above (`pathfolio person list` shows them)"
        case .ambiguous: "type more characters of the ID"
        case .noPerson: "add one with `pathfolio person add NAME`"
        case .invalid(let diagnostics): diagnostics.first { $0.severity == .error }?.hint
        case .conflict(_, let hint): hint
        }
    }

    /// Every diagnostic, for `.invalid`; otherwise one made from the message and hint.
    public var diagnostics: [Diagnostic] {
        if case .invalid(let diagnostics) = self { return diagnostics }
        return [.error(code, message, hint: hint)]
    }

    /// A stable code for programs.
    public var code: String {
        switch self {
        case .storeMissing: "store.missing"
        case .storeUnusable: "store.unusable"
        case .newerSchema: "store.newerSchema"
        case .readOnly: "store.readOnly"
        case .busy: "store.busy"
        case .io: "store.io"
        case .notFound: "reference.notFound"
        case .deleted: "reference.deleted"
        case .purged: "reference.purged"
        case .ambiguous: "reference.ambiguous"
        case .noPerson: "person.none"
        case .invalid(let diagnostics): diagnostics.first { $0.severity == .error }?.code ?? "invalid"
        case .conflict: "state.conflict"
        }
    }

    public var description: String {
        var text = "error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

extension LedgerError {
    /// Candidates for an ambiguity error, cut to `length` characters where that still tells
    /// them apart, whole where it does not (`2024exp-training`, `2024exp-trainee` cut to 12
    /// were the same `2024exp-trai`, which named neither).
    static func distinguishable(_ ids: [String], length: Int) -> [String] {
        let cut = ids.map { String($0.prefix(length)) }
        var seen: [String: Int] = [:]
        for form in cut { seen[form, default: 0] += 1 }
        return zip(ids, cut).map { id, form in seen[form]! > 1 ? id : form }
    }
}
