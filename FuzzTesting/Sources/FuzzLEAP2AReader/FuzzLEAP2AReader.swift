import Foundation
import PathfolioCore
import PathfolioFormats

nonisolated(unsafe) let options = ReadOptions(source: "fuzz.leap2a", today: try! PartialDate("2026-11-23"))

/// Reads any bytes as a LEAP2A feed or zip package.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLEAP2AReader(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = try? LEAP2AReader.read(Data(bytes: data, count: count), options: options)
    return 0
}
