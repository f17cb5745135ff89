// swift-tools-version: 6.0
// libFuzzer targets for bango, in a nested package so the main build never needs the
// fuzzer runtime. Build and run from this folder (see docs/DEVELOPMENT.md):
//   swift build -Xswiftc -sanitize=fuzzer,address
//   .build/debug/FuzzScan corpus/scan -max_total_time=60
// Each target's main hands libFuzzer its callback through LLVMFuzzerRunDriver, since
// SwiftPM gives every executable a main of its own.
import PackageDescription

let package = Package(
    name: "bango-fuzz",
    dependencies: [
        // Named, so the identity does not depend on the folder the repository is cloned into.
        .package(name: "bango", path: "..")
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        // Any bytes as a file of the type the first byte picks (zip, docx, xlsx, eml,
        // gz, tar, csv, txt in any encoding): the whole scan path, decoders, archive
        // readers and document extractors, with the built-in catalogue.
        .executableTarget(
            name: "FuzzScan",
            dependencies: [
                "CFuzzDriver", .product(name: "BangoScan", package: "bango"),
                .product(name: "BangoCore", package: "bango"),
            ]),
        // Any bytes as a pattern pack: the loader's validation and the regex compiler.
        .executableTarget(
            name: "FuzzPack", dependencies: ["CFuzzDriver", .product(name: "BangoCore", package: "bango")]),
    ],
    swiftLanguageModes: [.v6]
)
