import FuzzSupport
import PathfolioCore
import PathfolioFormats

/// Parses any text as a reflection template and as a filled-in reflection document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReflectionTemplate(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    if let template = try? ReflectionTemplate.parse(text, file: "fuzz.md") {
        // A template that parses renders, and its rendering parses back.
        let rendered = ReflectionDocument.render(template: template)
        _ = try? ReflectionDocument.parse(rendered, template: template, file: "fuzz.md")
        _ = try? ReflectionTemplate.parse(template.fileText(), file: "fuzz.md")
    }
    _ = try? ReflectionDocument.parse(text, file: "fuzz.md")
    return 0
}

/// The program's entry (SwiftPM links `FuzzReflectionTemplate_main` as `main`): libFuzzer's driver.
@_cdecl("FuzzReflectionTemplate_main")
public func fuzzReflectionTemplateMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in data.map { fuzzReflectionTemplate($0, count) } ?? 0 }
}
