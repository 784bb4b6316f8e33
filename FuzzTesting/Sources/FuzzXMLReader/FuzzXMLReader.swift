import FuzzSupport
import PathfolioCore
import PathfolioFormats

/// The compiled schema, once: every input is validated as `pathfolio import` does.
nonisolated(unsafe) let schema = try? PortfolioXML.compiledSchema()

/// Reads any bytes as a portfolio file. A crash, a leak of libxml2 memory or an ASan report
/// is a finding; diagnostics are the expected outcome for most inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMLReader(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let result = PortfolioXML.read(bytes: UnsafeBufferPointer(start: data, count: count), name: "fuzz.xml", schema: schema)
    // What was read must be writable again: the round trip a user relies on.
    if result.isValid {
        for read in result.portfolios { _ = try? PortfolioXML.write(read.portfolio, audience: .self) }
    }
    return 0
}

/// The program's entry (SwiftPM links `FuzzXMLReader_main` as `main`): libFuzzer's driver.
@_cdecl("FuzzXMLReader_main")
public func fuzzXMLReaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in data.map { fuzzXMLReader($0, count) } ?? 0 }
}
