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
        // Every scalar the shortcut trusts, inside a line and at its ends.
        for value in stride(from: 0x20, through: 0x1FAFF, by: 1) {
            guard let scalar = Unicode.Scalar(value), scalar.isPlainLineCharacter else { continue }
            samples.append("a\(scalar)b")
            samples.append(String(Character(scalar)))
        }
        for text in samples {
            #expect(text.normalizedLine == Self.normalizedLineByRule(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
