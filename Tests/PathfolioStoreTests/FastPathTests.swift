import Foundation
import GRDB
import PathfolioCore
@testable import PathfolioStore
import Testing

/// The shortcuts the ledger takes on hot paths give the same values as the general code.
@Suite struct FastPathTests {
    @Test func plainStringArraysDecodeLikeJSONDecoder() throws {
        let samples: [[String]] = [
            [], ["SQL"], ["데이터 분석", "엑셀", "Python 3"], ["a, b", "[x]", " spaced "], ["😀 emoji", "é"],
        ]
        for strings in samples {
            let text = try JSON.string(strings)
            #expect(JSON.plainStrings(text) == strings, "\(text)")
            #expect(try JSON.decode([String].self, from: text) == strings)
        }
    }

    @Test func escapesAndOddShapesGoToTheDecoder() throws {
        // Given text the shortcut does not handle, it declines, and the decoder answers.
        for text in [#"["say \"hi\""]"#, #"["line\nbreak"]"#, #"["a\/b"]"#, #"["\u00e9"]"#] {
            #expect(JSON.plainStrings(text) == nil)
            #expect(try JSON.decode([String].self, from: text) == JSONDecoder().decode([String].self, from: Data(text.utf8)))
        }
        for text in [#"["a",]"#, #"["a" "b"]"#, #"{"a":1}"#, #"["a"] x"#, #"[1]"#, #"["unterminated]"#] {
            #expect(JSON.plainStrings(text) == nil, "\(text)")
        }
        #expect(JSON.plainStrings(" [ \"a\" , \"b\" ] ") == ["a", "b"])
    }
}

extension FastPathTests {
    @Test func experienceColumnNamesAreTheCasesAndTheTablesColumns() throws {
        #expect(ExperienceColumns.allNames == ExperienceColumns.Column.allCases.map { "\($0)" })
        let ledger = try Ledger.inMemory()
        let table = try ledger.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('experience')")
        }
        #expect(Set(table) == Set(ExperienceColumns.allNames))
        #expect(table.count == ExperienceColumns.allNames.count)
    }

    @Test func columnsReadWhatGRDBReads() throws {
        let path = try Seeded()
        _ = try path.ledger.add(Reflection(
            id: path.ledger.newID(), experienceID: path.training.id, kind: .postTraining, written: PartialDate("2024-08-30"),
            entries: [ReflectionEntry(key: "learned", prompt: "배운 것", answer: "SQL 조인 🚀\n\"따옴표\"")],
            rating: 4, skillsGained: ["SQL"]))
        var compared = 0
        try path.ledger.database.read { db in
            for table in ["person", "organization", "experience", "link", "reflection"] {
                let statement = try db.makeStatement(sql: "SELECT * FROM \(table)")
                let rows = try Row.fetchCursor(statement)
                let columns = Columns(statement: statement.sqliteStatement)
                while let row = try rows.next() {
                    for index in 0..<row.count {
                        switch row[index] as DatabaseValue {
                        case let value where value.isNull:
                            #expect(columns.isNull(index))
                            #expect(columns[index] as String? == nil && columns[index] as Int? == nil)
                        case let value:
                            switch value.storage {
                            case .string(let text):
                                #expect(columns[index] as String == text, "\(table).\(index)")
                                #expect(columns.value(index, as: ExperienceKind.self) == ExperienceKind(rawValue: text))
                                #expect(columns.value(index, as: ExperienceStatus.self) == ExperienceStatus(rawValue: text))
                                #expect(columns.value(index, as: Visibility.self) == Visibility(rawValue: text))
                            case .int64(let number):
                                #expect(columns[index] as Int == Int(number))
                                #expect(columns[index] as Bool == (number != 0))
                            case .double(let number): #expect(columns[index] as Double? == number)
                            default: Issue.record("\(table).\(index) holds a blob")
                            }
                        }
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 100)
    }

    /// SQLite's C strings end at U+0000, so text is stored without it, on every path: read back
    /// the same whichever way it is read, and the revisions still verify.
    @Test func aNULCharacterIsDroppedOnTheWayIn() throws {
        #expect("a\u{0}b".normalizedLine == "ab")
        #expect("first\u{0} line\n\u{0}second".normalizedText == "first line\nsecond")
        let path = try Seeded()
        let stored = try path.ledger.update(path.job.id) { experience in
            experience.title = "Barista\u{0} 바리스타"
            experience.summary = "Espresso\u{0}\nand 라떼"
            experience.evidence = [Evidence(title: "menu", uri: "https://cafe.example/\u{0}menu")]
        }
        #expect(stored.experience.title == "Barista 바리스타")
        #expect(stored.experience.summary == "Espresso\nand 라떼")
        #expect(stored.experience.evidence.map(\.uri) == ["https://cafe.example/menu"])
        // Web addresses are not one-line text, and lose U+0000 too.
        #expect(Organization(id: "o", name: "Cafe", website: "https://cafe\u{0}.example").normalized().website == "https://cafe.example")
        #expect(try path.ledger.verify().problems == [])
    }

    /// The direct inserts refuse to run outside a transaction (SQLite may have rolled one back
    /// by itself): a statement would otherwise be committed on its own.
    @Test func directInsertsNeedATransaction() throws {
        let ledger = try Ledger.inMemory()
        try ledger.database.writeWithoutTransaction { db in
            let tx = Ledger.Transaction(db: db, options: .init(), path: ":memory:")
            #expect(throws: DatabaseError.self) {
                try tx.run(db.cachedStatement(sql: "INSERT INTO setting (key, value) VALUES (?, ?)"), ["k", "v"])
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM setting WHERE key = 'k'")
            #expect(count == 0)
        }
    }

    @Test func sha256IsLowercaseHex() {
        // The published test vectors for "" and "abc".
        #expect(Digest.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256("김하늘").count == 64)
    }

    /// A revision's chain hash is the SHA-256 of its pieces one after the other, whether they
    /// are copied into one buffer (short) or hashed one by one (long): old ledgers must verify.
    @Test func piecesHashAsTheirJoinedText() {
        #expect(Digest.sha256(of: ["a", "b", "c"]) == Digest.sha256("abc"))
        #expect(Digest.sha256(of: ["", "", ""]) == Digest.sha256(""))
        var rng = SplitMix64(seed: 41)
        for length in [1, 3, 17, 40] {
            let pieces = (0..<length).map { _ in Self.randomText(&rng) }
            #expect(Digest.sha256(of: pieces) == Digest.sha256(pieces.joined()), "\(pieces)")
        }
        // Over 1,024 bytes in all: hashed piece by piece.
        let long = [String(repeating: "경력 ", count: 200), "\n", String(repeating: "x", count: 500)]
        #expect(Digest.sha256(of: long) == Digest.sha256(long.joined()))
    }
}

extension FastPathTests {
    @Test func storedTimestampsParseLikeTheFormatStyle() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for text in ["2026-11-23T09:00:00.000Z", "1970-01-01T00:00:00.000Z", "2000-02-29T23:59:59.999Z",
                     "2024-12-31T12:34:56.789Z", "1999-03-01T00:00:00.001Z", "2100-01-01T00:00:00.500Z"] {
            let expected = try style.parse(text)
            let parsed = try #require(Timestamp.parseStored(text))
            #expect(parsed == expected, "\(text)")
            #expect(Timestamp.format(parsed) == text)
        }
        // The same to the bit as the format style, over many times of the kind the ledger writes.
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let text = Timestamp.format(Date(timeIntervalSince1970: Double(rng.next() % 4_000_000_000_000) / 1_000))
            #expect(Timestamp.parseStored(text) == (try style.parse(text)), "\(text)")
        }
        // Other forms are left to the format style.
        #expect(Timestamp.parseStored("2026-11-23T09:00:00Z") == nil)
        #expect(Timestamp.parseStored("2026-13-23T09:00:00.000Z") == nil)
    }
}

/// `FlatRecords` gives what `JSONDecoder` gives for the JSON the ledger stores, and declines
/// (so that the decoder answers) for anything else.
extension FastPathTests {
    /// The records, or `nil` when the text is refused.
    static func viaDecoder<T: Decodable>(_: [T].Type, _ text: String) -> [T]? {
        try? JSONDecoder().decode([T].self, from: Data(text.utf8))
    }

    static func viaLedger<T: Decodable>(_: [T].Type, _ text: String) -> [T]? {
        try? JSON.decode([T].self, from: text)
    }

    /// Text with everything JSON must escape, and what it need not.
    static func randomText(_ rng: inout SplitMix64) -> String {
        let pieces = ["a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "é", "e\u{301}",
                      "한", "\u{1112}\u{1161}", "😀", "👩🏽‍💻", "\u{2028}", "مرحبا", "{", "}", "[", "]", ",", ":", "null", "\\u0041"]
        return (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    @Test func storedRecordsDecodeLikeJSONDecoder() throws {
        var rng = SplitMix64(seed: 2026)
        for _ in 0..<300 {
            let details = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                PersonalDetail(PersonalDetailKind.allCases.randomElement(using: &rng)!, Self.randomText(&rng),
                               label: Bool.random(using: &rng) ? Self.randomText(&rng) : nil,
                               visibility: Visibility.allCases.randomElement(using: &rng)!)
            }
            let evidence = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                Evidence(title: Self.randomText(&rng), uri: Self.randomText(&rng), sha256: Bool.random(using: &rng) ? Self.randomText(&rng) : nil)
            }
            let entries = (0..<Int.random(in: 1...5, using: &rng)).map { _ in
                ReflectionEntry(key: Self.randomText(&rng), prompt: Self.randomText(&rng), answer: Self.randomText(&rng))
            }
            // As the ledger stores them, and as JSONEncoder pretty-prints them (other spacing).
            for pretty in [false, true] {
                let encoder = FastJSONEncoder(prettyPrinted: pretty)
                let detailsText = try encoder.string(details), evidenceText = try encoder.string(evidence), entriesText = try encoder.string(entries)
                #expect(FlatRecords.decode(PersonalDetail.self, from: detailsText) == details, "\(detailsText)")
                #expect(FlatRecords.decode(Evidence.self, from: evidenceText) == evidence, "\(evidenceText)")
                #expect(FlatRecords.decode(ReflectionEntry.self, from: entriesText) == entries, "\(entriesText)")
                #expect(Self.viaDecoder([ReflectionEntry].self, entriesText) == entries)
            }
        }
    }

    @Test func escapesSpacingAndOddButValidShapesDecodeLikeJSONDecoder() {
        let texts = [
            #"[{"key":"did","prompt":"caf\u00e9 \u00E9","answer":"\ud83d\ude80 \/ \" \\ \b\f\n\r\t \u0000"}]"#,
            #" [ { "answer" : "a" , "key" : "k" , "prompt" : "p" , "extra" : "ignored" } , {"key":"","prompt":"","answer":""} ] "#,
            #"[{"title":"t","uri":"u","sha256":null},{"title":"t","uri":"u"},{"uri":"u","title":"t","sha256":"ab"}]"#,
            #"[{"kind":"email","value":"a@b","visibility":"private","label":null},{"kind":"phone","value":"010","visibility":"public"}]"#,
            "[]", " [ ] ",
        ]
        for text in texts {
            #expect(Self.viaLedger([ReflectionEntry].self, text) == Self.viaDecoder([ReflectionEntry].self, text), "\(text)")
            #expect(Self.viaLedger([Evidence].self, text) == Self.viaDecoder([Evidence].self, text), "\(text)")
            #expect(Self.viaLedger([PersonalDetail].self, text) == Self.viaDecoder([PersonalDetail].self, text), "\(text)")
        }
        #expect(FlatRecords.objects(texts[0]) != nil)
        #expect(FlatRecords.objects(texts[1])?.count == 2)
    }

    @Test func anythingElseIsLeftToTheDecoder() {
        let declined = [
            #"[{"key":"k","prompt":"p","answer":"\ud83d"}]"#,            // a lone high surrogate
            #"[{"key":"k","prompt":"p","answer":"\ude80"}]"#,            // a lone low surrogate
            #"[{"key":"k","prompt":"p","answer":"\x"}]"#,                // no such escape
            #"[{"key":"k","prompt":"p","answer":"\u12"}]"#,              // a short \u
            "[{\"key\":\"k\",\"prompt\":\"p\",\"answer\":\"tab\there\"}]", // a raw control character
            #"[{"key":"k","prompt":"p","answer":1}]"#,                   // a number
            #"[{"key":"k","prompt":"p","answer":{"x":"y"}}]"#,           // nesting
            #"[{"key":"k","key":"again","prompt":"p","answer":"a"}]"#,   // a key twice
            #"[{"key":"k","prompt":"p"}]"#,                              // a key missing
            #"[{"key":"k","prompt":"p","answer":null}]"#,                // null where text is required
            #"[{"kind":"fax","value":"1","visibility":"public"}]"#,      // an unknown kind
            #"[{"key":"k","prompt":"p","answer":"a"}] x"#,               // trailing text
            #"[{"key":"k","prompt":"p","answer":"a"},]"#,                // a trailing comma
            #"{"key":"k"}"#, #"["a"]"#, "", "[", #"[{"key":"k","prompt":"p","answer":"unterminated]"#,
        ]
        for text in declined {
            #expect(FlatRecords.decode(ReflectionEntry.self, from: text) == nil && FlatRecords.decode(PersonalDetail.self, from: text) == nil, "\(text)")
            #expect(Self.viaLedger([ReflectionEntry].self, text) == Self.viaDecoder([ReflectionEntry].self, text), "\(text)")
            #expect(Self.viaLedger([PersonalDetail].self, text) == Self.viaDecoder([PersonalDetail].self, text), "\(text)")
        }
    }
}

extension FastPathTests {
    /// An ambiguity error lists its candidates cut short where that tells them apart, whole
    /// where it does not, and says which it found through the ledger.
    @Test func ambiguousCandidatesAreShownSoThatTheyDiffer() throws {
        #expect(LedgerError.distinguishable(["3f9a1c2e11aa", "3f9a1c2e22bb"], length: 8) == ["3f9a1c2e11aa", "3f9a1c2e22bb"])
        #expect(LedgerError.distinguishable(["2024exp-training", "2024exp-placement", "2024exp-job"], length: 12)
            == ["2024exp-trai", "2024exp-plac", "2024exp-job"])
        #expect(LedgerError.distinguishable(["2024exp-placement-1", "2024exp-placement-2", "2024exp-job"], length: 12)
            == ["2024exp-placement-1", "2024exp-placement-2", "2024exp-job"])
        let ledger = try Ledger.inMemory(options: .init(ids: .sequential(prefix: ""), actor: "tester"))
        let person = try ledger.transaction { tx in try tx.addPerson(Person(id: PersonID(rawValue: "client-2024-0001"), name: "김민준")).id }
        try ledger.transaction { tx in
            for id in ["2024exp-placement-1", "2024exp-placement-2"] {
                _ = try tx.add(Experience(id: ExperienceID(rawValue: id), kind: .workExperience, title: "청년 일경험"), for: person)
            }
        }
        do {
            _ = try ledger.read { tx in try tx.resolveExperience("2024exp-plac") }
            Issue.record("'2024exp-plac' names two experiences")
        } catch LedgerError.ambiguous(_, _, let candidates) {
            #expect(candidates == ["2024exp-placement-1", "2024exp-placement-2"])
        }
    }
}
