import Foundation
public import PathfolioCore
import Crypto
import GRDB

extension Ledger {
    /// One transaction on the ledger, given to ``Ledger/transaction(_:)`` and
    /// ``Ledger/read(_:)``.
    ///
    /// Every ledger operation is available here, so several can be composed into one
    /// all-or-nothing write. A transaction must not escape its closure.
    public final class Transaction {
        let db: Database
        let options: Options
        /// One timestamp for every revision the transaction writes.
        let timestamp: String
        private var chainHeads: [PersonID: String?] = [:]

        init(db: Database, options: Options) {
            self.db = db
            self.options = options
            self.timestamp = Timestamp.format(options.now())
        }

        /// A new ID from the ledger's generator.
        public func newID<Entity>(_: Entity.Type = Entity.self) -> Identifier<Entity> {
            options.ids.next()
        }

        /// Appends a revision to the person's hash chain.
        func appendRevision<Content: Encodable>(
            person: PersonID, entity: RevisionEntity, id: String, action: RevisionAction, snapshot: Content?
        ) throws {
            let text = try snapshot.map { try JSON.string($0) }
            let contentHash = Digest.sha256(text ?? "")
            let previous = try chainHead(of: person)
            let hash = Revision.chainHash(
                previousHash: previous, personID: person.rawValue, entity: entity.rawValue, entityID: id,
                action: action.rawValue, at: timestamp, actor: options.actor, contentHash: contentHash)
            try db.cachedStatement(sql: """
                INSERT INTO revision (personID, entity, entityID, action, at, actor, snapshot, contentHash, previousHash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [person.rawValue, entity.rawValue, id, action.rawValue, timestamp,
                                         options.actor, text, contentHash, previous, hash])
            chainHeads[person] = .some(hash)
        }

        private func chainHead(of person: PersonID) throws -> String? {
            if let cached = chainHeads[person] { return cached }
            let head = try String.fetchOne(
                db.cachedStatement(sql: "SELECT hash FROM revision WHERE personID = ? ORDER BY id DESC LIMIT 1"),
                arguments: [person.rawValue])
            chainHeads[person] = .some(head)
            return head
        }

        func forgetChainHead(of person: PersonID) { chainHeads[person] = nil }

        /// Resolves an ID or a unique prefix of at least four characters in `table`.
        func resolve(_ reference: String, in table: String, entity: String, scope: String? = nil,
                     arguments scopeArguments: StatementArguments = []) throws -> String {
            let reference = reference.trimmingWhitespace
            let extra = scope.map { " AND \($0)" } ?? ""
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?\(extra))",
                                 arguments: [reference] + scopeArguments) == true {
                return reference
            }
            guard reference.count >= 4 else {
                throw LedgerError.notFound(entity: entity, reference: reference)
            }
            let matches = try String.fetchAll(
                db, sql: "SELECT id FROM \(table) WHERE id >= ? AND id < ?\(extra) ORDER BY id LIMIT 20",
                arguments: [reference, reference + "\u{10FFFF}"] + scopeArguments)
            switch matches.count {
            case 0: throw LedgerError.notFound(entity: entity, reference: reference)
            case 1: return matches[0]
            default: throw LedgerError.ambiguous(entity: entity, reference: reference,
                                                 candidates: matches.map { String($0.prefix(12)) })
            }
        }
    }
}

/// The kinds of record a revision can be about.
public enum RevisionEntity: String, Sendable, Hashable, Codable, CaseIterable {
    case person, organization, experience, link, reflection
}

/// What a revision did.
public enum RevisionAction: String, Sendable, Hashable, Codable, CaseIterable {
    case create, update, delete, restore, purge
}

/// Canonical JSON for snapshots: sorted keys, no escaped slashes, so the same value always
/// gives the same bytes (and the same hash).
enum JSON {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

enum Digest {
    /// The SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits.
    static func sha256(_ text: String) -> String {
        sha256(Data(text.utf8))
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// Timestamps as stored: UTC, ISO 8601, milliseconds.
enum Timestamp {
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func parse(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}

/// The SHA-256 of a file's bytes, for evidence.
public func sha256OfFile(at path: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
    return Digest.sha256(data)
}
