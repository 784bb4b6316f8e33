// swift-tools-version: 6.1
// libFuzzer targets for Pathfolio's readers, in a package of their own so that the main
// `swift build` never compiles them. `Scripts/fuzz.sh` builds them with
// `-sanitize=fuzzer,address -parse-as-library` (every module instrumented) and runs them.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between clones.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

func fuzzer(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "PathfolioCore", package: parent),
            .product(name: "PathfolioFormats", package: parent),
            "FuzzSupport",
        ]
    )
}

let package = Package(
    name: "PathfolioFuzzing",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        // Pathfolio's own XML: libxml2's streaming reader, XSD validation, the model's rules.
        fuzzer("FuzzXMLReader"),
        // LEAP2A feeds and zip packages.
        fuzzer("FuzzLEAP2AReader"),
        // Reflection templates and filled-in reflection documents.
        fuzzer("FuzzReflectionTemplate"),
    ],
    swiftLanguageModes: [.v6]
)
