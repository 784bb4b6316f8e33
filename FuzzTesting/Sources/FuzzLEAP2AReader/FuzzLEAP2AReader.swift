import Foundation
import FuzzSupport
import PathfolioCore
import PathfolioFormats

nonisolated(unsafe) let options = ReadOptions(source: "fuzz.leap2a", today: try! PartialDate("2026-11-23"))

/// Reads any bytes as a LEAP2A feed or zip package.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLEAP2AReader(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = try? LEAP2AReader.read(Data(bytes: data, count: count), options: options)
    return 0
}

/// The program's entry (SwiftPM links `FuzzLEAP2AReader_main` as `main`): libFuzzer's driver.
@_cdecl("FuzzLEAP2AReader_main")
public func fuzzLEAP2AReaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in data.map { fuzzLEAP2AReader($0, count) } ?? 0 }
}
