public import Foundation
public import PathfolioCore

/// One change to one record, as the ledger recorded it.
///
/// Revisions are only ever appended. ``snapshot`` is the record as JSON after the change
/// (`nil` once the record was purged, or for the purge itself); the previous values are the
/// snapshot of the revision before it. Each person's revisions form a hash chain, so a
/// ledger edited behind Pathfolio's back is detected by ``Ledger/verify()``.
public struct Revision: Sendable, Hashable, Identifiable {
    /// The revision's number, increasing across the whole ledger.
    public var id: Int64
    public var personID: PersonID
    public var entity: RevisionEntity
    public var entityID: String
    public var action: RevisionAction
    public var at: Date
    /// Who made the change (the login name, or `$PATHFOLIO_ACTOR`).
    public var actor: String
    /// The record as canonical JSON after the change.
    public var snapshot: String?
    public var hash: String

    /// The record the revision is of: kind and ID, since records of two kinds may share an ID.
    public var record: RecordReference { RecordReference(entity, entityID) }

    /// The fields that differ between `previous` (the record's revision before this one) and
    /// this revision, as flattened JSON paths (`period.end`, `skills[1]`).
    public func changes(since previous: Revision?) -> [FieldChange] {
        let before = previous?.snapshot.map(FieldChange.flatten) ?? [:]
        let after = snapshot.map(FieldChange.flatten) ?? [:]
        return Set(before.keys).union(after.keys).sorted(by: FieldChange.fieldOrder).compactMap { key in
            before[key] == after[key] ? nil : FieldChange(field: key, before: before[key], after: after[key])
        }
    }

    /// The hash that links a revision to the one before it.
    static func chainHash(previousHash: String?, personID: String, entity: String, entityID: String,
                          action: String, at: String, actor: String, contentHash: String) -> String {
        // The fields joined by new lines, hashed piece by piece.
        Digest.sha256(of: ["pathfolio-revision-1", "\n", previousHash ?? "", "\n", personID, "\n", entity, "\n", entityID, "\n",
                           action, "\n", at, "\n", actor, "\n", contentHash])
    }
}

/// One field's value before and after a revision.
public struct FieldChange: Sendable, Hashable {
    public var field: String
    public var before: String?
    public var after: String?

    /// Flattens a JSON object into `path: value` pairs, values as compact JSON text.
    static func flatten(_ text: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return [:]
        }
        var result: [String: String] = [:]
        func visit(_ value: Any, _ path: String) {
            switch value {
            case let dictionary as [String: Any]:
                if dictionary.isEmpty { result[path] = "{}" }
                for (key, child) in dictionary { visit(child, path.isEmpty ? key : "\(path).\(key)") }
            case let array as [Any] where array.allSatisfy({ !($0 is [String: Any]) && !($0 is [Any]) }):
                // A list of plain values reads best whole: ["SQL","Python"].
                if let data = try? JSONSerialization.data(withJSONObject: array, options: [.withoutEscapingSlashes]) {
                    result[path] = String(decoding: data, as: UTF8.self)
                }
            case let array as [Any]:
                if array.isEmpty { result[path] = "[]" }
                for (index, child) in array.enumerated() { visit(child, "\(path)[\(index)]") }
            case is NSNull:
                break
            default:
                if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]) {
                    result[path] = String(decoding: data, as: UTF8.self)
                }
            }
        }
        visit(object, "")
        return result
    }

    /// Orders paths so that `skills[2]` comes before `skills[10]`.
    static func fieldOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric]) == .orderedAscending
    }
}
