// swift-tools-version:6.1
import PackageDescription

/// Language features every target opts into ahead of the Swift version that makes them the default
/// (as the Swift server packages do): existential types are spelled `any P`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Guidebook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "guidebook", targets: ["guidebook"]),
        .library(name: "GuidebookKit", targets: ["GuidebookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // cmark-gfm from the system (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Snowball's stemmers (Debian: libstemmer-dev); only GuidebookKit/Search/Stemmer.swift calls it.
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        // The only module that talks to cmark-gfm; Swift values out.
        .target(name: "GuidebookMarkdown", dependencies: ["CCmarkGFM"], swiftSettings: swiftSettings),
        .target(
            name: "GuidebookKit",
            dependencies: [
                "GuidebookMarkdown",
                "CStemmer",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // The preview server: only `guidebook serve` needs it.
        .target(
            name: "GuidebookServer",
            dependencies: [
                "GuidebookKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GuidebookCommands",
            dependencies: [
                "GuidebookKit",
                "GuidebookServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // mimalloc (Debian: libmimalloc-dev) takes the place of glibc's malloc in the command: a build's
        // worker threads allocate and free across threads, where glibc's arenas contend for locks
        // (README, "Memory allocator").
        .executableTarget(
            name: "guidebook",
            dependencies: ["GuidebookCommands"],
            swiftSettings: swiftSettings,
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .target(name: "GuidebookTestSupport", dependencies: ["GuidebookKit"], swiftSettings: swiftSettings),
        .testTarget(name: "GuidebookMarkdownTests", dependencies: ["GuidebookMarkdown"], swiftSettings: swiftSettings),
        .testTarget(
            name: "GuidebookKitTests",
            dependencies: ["GuidebookKit", "GuidebookTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuidebookServerTests",
            dependencies: ["GuidebookServer", "GuidebookTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuidebookCommandsTests",
            dependencies: ["GuidebookCommands", "GuidebookTestSupport"],
            // Golden files are read from the source tree (#filePath), not bundled.
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
    ]
)
