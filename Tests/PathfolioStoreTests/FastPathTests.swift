import Foundation
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
    @Test func sha256IsLowercaseHex() {
        // The published test vectors for "" and "abc".
        #expect(Digest.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256("김하늘").count == 64)
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
