// swift-tools-version: 6.0
// bango: a fast scanner for personal data and secrets.
//
// Module dependencies run one way:
//   bango (CLI) → BangoAudit → BangoScan / BangoReport → BangoCore → PCRE2 → CPCRE2
//                                                      → Hyperscan → CHyperscan
import PackageDescription

let package = Package(
    name: "bango",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bango", targets: ["bango"]),
        .library(name: "BangoCore", targets: ["BangoCore"]),
        .library(name: "BangoScan", targets: ["BangoScan"]),
        .library(name: "BangoReport", targets: ["BangoReport"]),
        .library(name: "BangoAudit", targets: ["BangoAudit"]),
        .library(name: "BangoTestSupport", targets: ["BangoTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // PCRE2's 8-bit API seen through a shim header.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // zlib's inflate for gzip streams, through a shim header; imported by BangoScan only.
        .systemLibrary(
            name: "CZlibInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // Hyperscan's multi-literal search (Vectorscan where Hyperscan is not packaged).
        .systemLibrary(
            name: "CHyperscan",
            pkgConfig: "libhs",
            providers: [.apt(["libhyperscan-dev"]), .brew(["vectorscan"])]
        ),
        // A safe Swift wrapper; the only importer of CPCRE2.
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        // A safe Swift wrapper of Hyperscan's literal databases; the only importer of CHyperscan.
        .target(name: "Hyperscan", dependencies: ["CHyperscan"]),
        // Built-in pattern packs, embedded into the binary as data.
        .target(
            name: "BangoPatterns",
            path: "Patterns",
            exclude: ["README.md"],
            resources: [
                .embedInCode("ar.yaml"),
                .embedInCode("ca.yaml"),
                .embedInCode("eu.yaml"),
                .embedInCode("global.yaml"),
                .embedInCode("jp.yaml"),
                .embedInCode("secret.yaml"),
                .embedInCode("secret-cloud.yaml"),
                .embedInCode("secret-comms.yaml"),
                .embedInCode("secret-connection.yaml"),
                .embedInCode("secret-dev.yaml"),
                .embedInCode("secret-payments.yaml"),
                .embedInCode("secret-saas.yaml"),
            ]
        ),
        // Findings, detectors, validators, packs, matching, scoring. No file I/O.
        .target(
            name: "BangoCore",
            dependencies: [
                "PCRE2",
                "Hyperscan",
                "BangoPatterns",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Walking, loading (mmap or read), decoding, containers and documents, chunking
        // and scheduling.
        .target(
            name: "BangoScan",
            dependencies: [
                "BangoCore",
                "CZlibInflate",
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Reporters, the run summary and manifest, exit codes. Findings and manifests come
        // from BangoCore; nothing here knows how they were scanned.
        // Merging shard outputs (a k-way merge of manifests) takes its heap from
        // swift-collections.
        .target(
            name: "BangoReport",
            dependencies: ["BangoCore", .product(name: "HeapModule", package: "swift-collections")]),
        // The audit store: runs, targets and findings in SQLite (through GRDB), the
        // incremental rescan, the changes between runs, and the reports read from it.
        .target(
            name: "BangoAudit",
            dependencies: [
                "BangoCore", "BangoScan", "BangoReport", "BangoPatterns",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The command line: argument parsing and the config file that stands in for flags.
        .executableTarget(
            name: "bango",
            dependencies: [
                "BangoCore",
                "BangoScan",
                "BangoReport",
                "BangoAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Fixture helpers shared by the test targets (iconv-encoded text).
        // Synthetic identifiers and fixtures for the tests and benchmarks; never linked
        // into the scanner.
        .target(
            name: "BangoTestSupport",
            dependencies: ["BangoCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/BangoTestSupport"),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(name: "HyperscanTests", dependencies: ["Hyperscan", "BangoCore"]),
        .testTarget(
            name: "BangoCoreTests",
            dependencies: [
                "BangoCore", "Hyperscan", "BangoTestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(name: "BangoScanTests", dependencies: ["BangoScan", "BangoCore", "BangoTestSupport"]),
        .testTarget(name: "BangoReportTests", dependencies: ["BangoReport", "BangoTestSupport"]),
        .testTarget(
            name: "BangoAuditTests",
            dependencies: ["BangoAudit", "BangoScan", "BangoCore", "BangoReport", "BangoTestSupport"]),
        .testTarget(
            name: "BangoCLITests",
            dependencies: [
                "bango", "BangoCore", "BangoAudit", "BangoTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Audit/Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
