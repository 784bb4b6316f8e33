// swift-tools-version: 6.1
// Benchmarks for Pathfolio, in their own package so that the main build never pays for them.
// Run from this folder: `swift package benchmark` (in-process figures) and `./compare.sh`
// (whole commands against their baselines, with hyperfine). See ../BENCHMARKS.md.
import PackageDescription

let package = Package(
    name: "PathfolioBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Pathfolio", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // Deterministic inputs: ledgers, XML files, the plain-SQLite rows and a jrnl journal.
        .executableTarget(
            name: "pathfolio-benchdata",
            dependencies: [
                .product(name: "PathfolioCore", package: "Pathfolio"),
                .product(name: "PathfolioStore", package: "Pathfolio"),
                .product(name: "PathfolioFormats", package: "Pathfolio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/BenchData"
        ),
        // In-process figures (package-benchmark).
        .executableTarget(
            name: "PathfolioBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PathfolioCore", package: "Pathfolio"),
                .product(name: "PathfolioStore", package: "Pathfolio"),
                .product(name: "PathfolioFormats", package: "Pathfolio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/PathfolioBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
