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
        /// The ledger's file (`:memory:` for an in-memory ledger), for errors.
        let path: String
        /// One timestamp for every revision the transaction writes, taken at its first
        /// write (formatting it costs more than a short read: 1.5M instructions the first
        /// time in a process).
        lazy var timestamp: String = Timestamp.format(options.now())
        private var chainHeads: [PersonID: String?] = [:]

        init(db: Database, options: Options, path: String) {
            self.db = db
            self.options = options
            self.path = path
        }

        /// Runs `body` inside a savepoint: when it throws, everything it wrote is undone and
        /// the rest of the transaction goes on (several files imported in one transaction,
        /// each whole or not at all, with one commit for all of them).
        ///
        /// - Throws: what `body` throws, after undoing its writes. A failure of the ledger
        ///   itself (a full disk, a lock held too long) is thrown as the ``LedgerError`` of
        ///   category `.io`: the whole transaction is then lost, so the caller must stop.
        public func savepoint<T>(_ body: () throws -> T) throws -> T {
            let heads = chainHeads
            var result: T?
            do {
                try db.inSavepoint {
                    result = try body()
                    return .commit
                }
            } catch {
                // The revisions written inside the savepoint are gone, and so are the chain
                // heads they made.
                chainHeads = heads
                if let error = error as? DatabaseError, let mapped = Ledger.mapped(error, path: path) { throw mapped }
                if !db.isInsideTransaction {
                    // SQLite rolled back the whole transaction (it does for some I/O errors).
                    throw LedgerError.io(path: path, reason: "the write was interrupted (\(error)); nothing was written")
                }
                throw error
            }
            return result!
        }

        /// A new ID from the ledger's generator.
        public func newID<Entity>(_: Entity.Type = Entity.self) -> Identifier<Entity> {
            options.ids.next()
        }

        /// Appends a revision to the person's hash chain.
        /// A snapshot already encoded, with its hash (see ``PortfolioImport/prepared()``).
        struct EncodedSnapshot {
            var text: String
            var contentHash: String
        }

        func appendRevision<Content: Encodable>(
            person: PersonID, entity: RevisionEntity, id: String, action: RevisionAction, snapshot: Content?,
            encoded: EncodedSnapshot? = nil
        ) throws {
            let text = try encoded?.text ?? snapshot.map { try JSON.string($0) }
            let contentHash = encoded?.contentHash ?? Digest.sha256(text ?? "")
            let previous = try chainHead(of: person)
            let hash = Revision.chainHash(
                previousHash: previous, personID: person.rawValue, entity: entity.rawValue, entityID: id,
                action: action.rawValue, at: timestamp, actor: options.actor, contentHash: contentHash)
            try run(db.cachedStatement(sql: """
                INSERT INTO revision (personID, entity, entityID, action, at, actor, snapshot, contentHash, previousHash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """), [person.rawValue, entity.rawValue, id, action.rawValue, timestamp,
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

        /// Runs a query and decodes each row while the cursor is on it.
        ///
        /// The statement is prepared once per SQL text and connection (preparing the
        /// experience query costs more than running it for one ID), and columns are found
        /// by name through the statement's index: a copied row, as `Row.fetchAll` makes,
        /// lowercases every column name on each lookup. `decode` must not run the same SQL.
        func fetch<T>(_ sql: String, arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> [T] {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
            var decoded: [T] = []
            while let row = try rows.next() { decoded.append(try decode(row)) }
            return decoded
        }

        /// Resolves an ID or a unique prefix of at least four characters in `table`.
        ///
        /// With `live`, deleted records are left out; where the reference then names nothing
        /// but does name one deleted record, the error says that it is deleted (`edit` of a
        /// deleted experience said "no experience matches"), unless `reportingDeleted` is
        /// off for a caller that goes on looking (a person's name).
        func resolve(_ reference: String, in table: String, entity: String, live: Bool = false,
                     reportingDeleted: Bool = true, scope: String? = nil,
                     arguments scopeArguments: StatementArguments = []) throws -> String {
            var reference = reference.trimmingWhitespace
            // `experience:1`, as `history` and a hint may name it where two kinds share an ID.
            if reference.hasPrefix(entity + ":") { reference.removeFirst(entity.count + 1) }
            let found = try ids(namedBy: reference, in: table, where: [live ? "deletedAt IS NULL" : nil, scope], scopeArguments)
            if found.count == 1 { return found[0] }
            if found.count > 1 {
                throw LedgerError.ambiguous(entity: entity, reference: reference,
                                            candidates: LedgerError.distinguishable(found, length: 12))
            }
            guard live, reportingDeleted,
                  let id = try deletedMatch(reference, in: table, entity: entity, scope: scope, arguments: scopeArguments) else {
                // Purged: nothing of it is left but its history's outline, which says so.
                if scope == nil, RevisionEntity(rawValue: table) != nil, let (_, id) = try purgedRecord(named: reference, entity: table) {
                    throw LedgerError.purged(entity: entity, id: id)
                }
                throw LedgerError.notFound(entity: entity, reference: reference)
            }
            throw LedgerError.deleted(entity: entity, id: RevisionEntity(rawValue: table).map { typedID(of: RecordReference($0, id)) } ?? id)
        }

        /// The one deleted record of `table` that `reference` names, by its whole ID or a
        /// unique prefix of at least four characters; nil where it names none. Where it names
        /// several, an ambiguity error listing them (`'2024exp-trai' matches 2 deleted
        /// experiences: …`), as for live ones.
        func deletedMatch(_ reference: String, in table: String, entity: String? = nil, scope: String? = nil,
                          arguments scopeArguments: StatementArguments = []) throws -> String? {
            let reference = reference.trimmingWhitespace
            let found = try ids(namedBy: reference, in: table, where: ["deletedAt IS NOT NULL", scope], scopeArguments)
            guard found.count > 1 else { return found.first }
            throw LedgerError.ambiguous(entity: "deleted " + (entity ?? table), reference: reference,
                                        candidates: LedgerError.distinguishable(found, length: 12))
        }

        /// The IDs of `table`'s records meeting `conditions` that `reference` names: itself
        /// where it is one, else those it begins (at least four characters; at most 20, in order).
        private func ids(namedBy reference: String, in table: String, where conditions: [String?],
                         _ arguments: StatementArguments) throws -> [String] {
            let extra = conditions.compactMap { $0 }.map { " AND \($0)" }.joined()
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?\(extra))",
                                 arguments: [reference] + arguments) == true {
                return [reference]
            }
            guard reference.count >= 4 else { return [] }
            return try String.fetchAll(
                db, sql: "SELECT id FROM \(table) WHERE id >= ? AND id < ?\(extra) ORDER BY id LIMIT 20",
                arguments: [reference, reference + "\u{10FFFF}"] + arguments)
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
/// gives the same bytes (and the same hash). `FastJSONEncoder` writes what `JSONEncoder`
/// with `[.sortedKeys, .withoutEscapingSlashes]` writes, byte for byte (tested), in a
/// fraction of the time: one snapshot is written for every record imported.
enum JSON {
    static func string<T: Encodable>(_ value: T) throws -> String {
        try FastJSONEncoder().string(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A JSON array. The empty one, arrays of strings without escapes (highlights, skills,
    /// tags: read for every experience a command shows), and the flat records stored as JSON
    /// (personal details, evidence, reflection entries: a tenth of an export's instructions
    /// in `JSONDecoder`) skip the decoder; anything they do not expect goes to it.
    static func decode<Element: Decodable>(_ type: [Element].Type, from text: String) throws -> [Element] {
        if text == "[]" { return [] }
        if Element.self == String.self, let strings = plainStrings(text) { return strings as! [Element] }
        if let records = FlatRecords.decode(Element.self, from: text) { return records }
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Parses `["a", "b"]` when no string holds an escape or a control character; `nil` for
    /// anything else, which the caller hands to `JSONDecoder`.
    static func plainStrings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            let count = bytes.count
            var i = 0
            func skipSpace() {
                while i < count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            }
            skipSpace()
            guard i < count, bytes[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            skipSpace()
            var strings: [String] = []
            // Sized once (two quotes a string, at most): growing it cost more than the parse.
            var quotes = 0
            for byte in bytes where byte == UInt8(ascii: "\"") { quotes += 1 }
            strings.reserveCapacity(quotes / 2)
            if i < count, bytes[i] == UInt8(ascii: "]") {
                i += 1
                skipSpace()
                return i == count ? strings : nil
            }
            while true {
                skipSpace()
                guard i < count, bytes[i] == UInt8(ascii: "\"") else { return nil }
                i += 1
                let start = i
                while i < count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") || bytes[i] < 0x20 { return nil }
                    i += 1
                }
                guard i < count else { return nil }
                strings.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                i += 1
                skipSpace()
                guard i < count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "]") else { return nil }
                i += 1
                skipSpace()
                return i == count ? strings : nil
            }
        }
    }
}

enum Digest {
    /// The SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits.
    static func sha256(_ text: String) -> String {
        sha256(of: [text])
    }

    /// The SHA-256 of the texts' UTF-8 bytes one after the other. A long text (a snapshot)
    /// is read in place (a copy into `Data` first cost as much as the hashing); short pieces
    /// (a revision's chain hash: 17 of them, 300 bytes in all) are copied into one buffer on
    /// the stack and hashed with one call, as each call into the hasher costs about 700
    /// instructions whatever its length (an import's writing thread: 18,000 instructions a
    /// chain hash, 11.6% of the thread, before).
    static func sha256(of texts: [String]) -> String {
        var hasher = SHA256()
        let total = texts.reduce(0) { $0 + $1.utf8.count }
        if texts.count > 1, total <= 1024 {
            withUnsafeTemporaryAllocation(byteCount: total, alignment: 1) { buffer in
                var offset = 0
                for var text in texts {
                    text.withUTF8 { piece in
                        guard let start = piece.baseAddress else { return }
                        (buffer.baseAddress! + offset).copyMemory(from: start, byteCount: piece.count)
                        offset += piece.count
                    }
                }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            }
        } else {
            for var text in texts {
                text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            }
        }
        return hex(hasher.finalize())
    }

    static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        // Two table lookups a byte into one buffer: formatting each byte as its own String
        // and joining them cost more than the hashing (two digests per revision written).
        let digits = Array("0123456789abcdef".utf8)
        return digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
                for (index, byte) in bytes.enumerated() {
                    buffer[2 * index] = digits[Int(byte >> 4)]
                    buffer[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
                return bytes.count * 2
            }
        }
    }
}

/// Timestamps as stored: UTC, ISO 8601, milliseconds.
enum Timestamp {
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func parse(_ text: String) -> Date? {
        if let date = parseStored(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// The form ``format(_:)`` writes, `2026-11-23T09:00:00.000Z`, read by hand: the format
    /// style costs ~6k instructions a call, and every experience read has two timestamps.
    /// `nil` for anything else, which goes to the format style.
    static func parseStored(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 24, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
                  b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "."),
                  b[23] == UInt8(ascii: "Z") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) else { return nil }
                    value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                  let millisecond = number(20..<23),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
            // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            let days = era * 146_097 + dayOfEra - 719_468
            let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
            // Counted from 2001 as `Date` stores it, so the value is the format style's to the bit.
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millisecond) / 1_000)
        }
    }
}

/// The SHA-256 of a file's bytes, for evidence.
public func sha256OfFile(at path: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
    return Digest.sha256(data)
}
