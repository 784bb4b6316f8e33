import PathfolioCore
import PathfolioFormats
import Testing

/// The XML written for fixed portfolios, compared with golden files byte for byte (and each
/// golden file is valid for xmllint). Re-record with `RECORD_GOLDEN=1` after an intended change.
struct XMLGoldenTests {
    static let cases: [(String, @Sendable () throws -> Portfolio, Audience)] = [
        ("every-field.self.xml", everyField, .self),
        ("every-field.public.xml", everyField, .public),
        ("job-seeker.counselor.xml", { Samples.jobSeeker }, .counselor),
        ("hostile.self.xml", { Samples.hostile }, .self),
    ]

    @Test(arguments: cases.indices)
    func exportsMatchTheirGoldenFiles(index: Int) throws {
        let (name, make, audience) = Self.cases[index]
        let text = try PortfolioXML.write(try make(), audience: audience)
        try Golden.expect(text, matches: name)
        let lint = try xmllint(text)
        #expect(lint.status == 0, "\(lint.output)")
        let read = PortfolioXML.read(bytes: Array(text.utf8), name: name)
        #expect(read.isValid, "\(read.diagnostics)")
        #expect(try read.portfolios.map { try PortfolioXML.write($0.portfolio, audience: audience) } == [text])
    }
}
