// swift-tools-version: 6.1
// Benchmarks for bango, kept in a nested package so the main build never compiles
// ordo-one/benchmark. Run from this folder: `swift package benchmark`.
import PackageDescription

let package = Package(
    name: "bango-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named, so the identity does not depend on the folder the repository is cloned into.
        .package(name: "bango", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Matcher",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BangoCore", package: "bango"),
                .product(name: "BangoTestSupport", package: "bango"),
            ],
            path: "Benchmarks/Matcher",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Loader",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BangoCore", package: "bango"),
                .product(name: "BangoScan", package: "bango"),
            ],
            path: "Benchmarks/Loader",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Reporting",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BangoCore", package: "bango"),
                .product(name: "BangoReport", package: "bango"),
                .product(name: "BangoTestSupport", package: "bango"),
            ],
            path: "Benchmarks/Reporting",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
