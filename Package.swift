// swift-tools-version: 6.1
import PackageDescription

/// Upcoming-language features every target opts into (see STYLE.md).
let strictness: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Pathfolio",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PathfolioCore", targets: ["PathfolioCore"]),
        .library(name: "PathfolioStore", targets: ["PathfolioStore"]),
        .library(name: "PathfolioFormats", targets: ["PathfolioFormats"]),
        .executable(name: "pathfolio", targets: ["pathfolio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libxml2, the C library behind every XML format: streaming reader and XSD validation.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // zlib's inflate, for reading zip packages (LEAP2A) without trusting a zip library
        // with damaged files.
        .systemLibrary(
            name: "CZLibInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // SQLite's process-wide settings (`sqlite3_config` is variadic, which Swift cannot call).
        .target(
            name: "CSQLiteConfig",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        // The model: plain Sendable values and their rules. No I/O, no dependencies.
        .target(
            name: "PathfolioCore",
            swiftSettings: strictness
        ),
        // The SQLite ledger.
        .target(
            name: "PathfolioStore",
            dependencies: [
                "PathfolioCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own functions, to read a row's columns without copies (`Columns`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                "CSQLiteConfig",
            ],
            swiftSettings: strictness
        ),
        // File formats: Portfolio values to and from bytes. Never touches the store.
        .target(
            name: "PathfolioFormats",
            dependencies: [
                "PathfolioCore",
                "CLibXML2",
                "CZLibInflate",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictness
        ),
        // The command-line tool: thin.
        .executableTarget(
            name: "pathfolio",
            dependencies: [
                "PathfolioCore",
                "PathfolioStore",
                "PathfolioFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictness
        ),
        .testTarget(
            name: "PathfolioCoreTests",
            dependencies: ["PathfolioCore"],
            swiftSettings: strictness
        ),
        .testTarget(
            name: "PathfolioStoreTests",
            dependencies: ["PathfolioCore", "PathfolioStore", .product(name: "GRDB", package: "GRDB.swift")],
            // Ledger files of earlier schema versions, read by MigrationTests through #filePath.
            exclude: ["Fixtures"],
            swiftSettings: strictness
        ),
        .testTarget(
            name: "PathfolioFormatsTests",
            dependencies: ["PathfolioCore", "PathfolioFormats", "PathfolioStore",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Golden"],  // golden files, read from the source tree (Golden.swift)
            swiftSettings: strictness
        ),
        .testTarget(
            name: "PathfolioCLITests",
            // The library too: the reliability tests write generated portfolios as ledgers and files.
            dependencies: ["pathfolio", "PathfolioCore", "PathfolioStore", "PathfolioFormats"],
            swiftSettings: strictness
        ),
    ],
    swiftLanguageModes: [.v6]
)
