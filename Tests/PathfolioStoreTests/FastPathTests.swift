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
