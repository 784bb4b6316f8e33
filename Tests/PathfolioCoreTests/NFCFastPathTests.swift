import Foundation
import Testing
@testable import PathfolioCore

/// `String.nfc` skips Foundation for text NFC cannot change; it must agree with Foundation.
struct NFCFastPathTests {
    @Test func theFastPathAgreesWithFoundation() {
        let samples = [
            "김하늘", "데이터 분석 실무", "㈜데이터랩", "café", "cafe\u{301}", "\u{1112}\u{1161}\u{11AB}", "한\u{11A8}",
            "か\u{3099}", "が", "Ω", "\u{2126}", "Å", "\u{212B}", "🚀👩🏽‍💻🇰🇷", "مرحبا", "שלום", "e\u{0301}\u{0323}",
            "ＡＢＣ", "ﬁ", "\u{F900}", "漢字かなカナ", "Ä\u{308}",
        ]
        for text in samples {
            #expect(text.nfc == text.precomposedStringWithCanonicalMapping, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func everyScalarTheFastPathTrustsIsStableAloneAndAfterALetter() {
        for value in stride(from: 0x80, through: 0x1FAFF, by: 1) {
            guard let scalar = Unicode.Scalar(value), scalar.isStableUnderNFC else { continue }
            let alone = String(Character(scalar))
            let after = "a" + alone + "b"
            #expect(alone.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(alone.unicodeScalars))
            #expect(after.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(after.unicodeScalars))
        }
    }

    /// `normalizedLine` as it was before its shortcut, for comparison.
    static func normalizedLineByRule(_ line: String) -> String {
        let text = line.precomposedStringWithCanonicalMapping
        return text.split(whereSeparator: { $0.isNewline || $0 == "\t" })
            .map { $0.trimmingWhitespace }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    @Test func normalizedLineShortcutAgreesWithTheRule() {
        var samples = [
            "Data analyst", "데이터 분석  실무", " leading", "trailing ", "\ttab", "line\nbreak", "cr\r\nlf",
            "nbsp\u{00A0}inside", "\u{00A0}edge\u{00A0}", "next\u{0085}line", "ideographic\u{3000}space",
            "em\u{2003}space", "cafe\u{301}", "\u{1112}\u{1161}\u{11AB}", "🚀 launch", "", " ", "é", "a\u{7F}b",
        ]
        // Every scalar the shortcut trusts, inside a line, at its ends and after a space (a
        // skin tone after a space is one character with it: white space, and trimmed).
        samples += ["x \u{1F3FB}", "x \u{1F3FF}y", "👍\u{1F3FD}", "x \u{200D}", "x \u{FE0F}"]
        for value in stride(from: 0x20, through: 0x1FAFF, by: 1) {
            guard let scalar = Unicode.Scalar(value), scalar.isPlainLineCharacter else { continue }
            samples.append("a\(scalar)b")
            samples.append(String(Character(scalar)))
            samples.append("a \(scalar)")
        }
        for text in samples {
            #expect(text.normalizedLine == Self.normalizedLineByRule(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// `normalizedText` as it was before its shortcut, for comparison.
    static func normalizedTextByRule(_ text: String) -> String {
        let text = text.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = Substring(line)
            while let last = line.last, last.isWhitespace { line = line.dropLast() }
            return String(line)
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    @Test func normalizedTextShortcutAgreesWithTheRule() {
        let pieces = ["a", "Z", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "데이터", "김하늘", "e\u{301}", "\u{1112}\u{1161}",
                      "\u{A0}", "\u{85}", "\u{2028}", "\u{3000}", "🚀", "\u{1F3FB}", "👩\u{1F3FD}", "\u{200D}", "\u{FE0F}",
                      "か\u{3099}", "漢字", "مرحبا", "-", "•", "\u{7F}"]
        var rng = SplitMix64(seed: 11)
        var samples = ["", " ", "\n", "plain text", "line one\nline two", "trailing \nspace", "\nleading", "last\n",
                       "a\n\n\nb", "x \u{1F3FB}\ny", "한국어 문장\n둘째 줄"]
        for _ in 0..<20_000 {
            samples.append((0..<Int(rng.next() % 10)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined())
        }
        for text in samples {
            #expect(text.normalizedText == Self.normalizedTextByRule(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

extension NFCFastPathTests {
    /// `lines` splits by bytes; it must split where splitting at line-feed characters does,
    /// carriage returns, combining marks and clusters around the breaks included.
    @Test func linesSplitWhereLineFeedCharactersAre() {
        let pieces = ["\n", "\n", "\r", "\r\n", "\n\r", "a", " ", "한", "\u{1112}\u{1161}", "\u{301}", "e\u{301}", "👩🏽‍💻",
                      "\u{85}", "\u{2028}", "\u{B}", "\u{200D}", "🇰🇷"]
        var rng = SplitMix64(seed: 10)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(text.lines == text.split(separator: "\n", omittingEmptySubsequences: false),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect("".lines == [""])
        #expect("a\n\nb\r\nc\n".lines == ["a", "", "b\r\nc", ""])
    }
}

extension NFCFastPathTests {
    /// `utf8Joined` copies bytes; it must give what `joined(separator:)` gives.
    @Test func utf8JoinedIsJoined() {
        let pieces = ["", "a", "한국어", "e\u{301}", "\u{301}", "👩🏽‍💻", "\n", "|", String(repeating: "긴 문장 ", count: 40)]
        var rng = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let parts = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
            let separator = ["", ", ", "\n\n", "\u{301}", " · "].randomElement(using: &rng)!
            #expect(parts.utf8Joined(separator: separator) == parts.joined(separator: separator))
            #expect(parts.utf8Joined(separator: separator).utf8.elementsEqual(parts.joined(separator: separator).utf8))
        }
    }
}
