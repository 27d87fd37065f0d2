// swift-tools-version:6.0
import PackageDescription

// The preloaded shim (CShim/) is built by the Makefile with the C compiler:
// SwiftPM would link libswiftCore into any shared library it produces.
let package = Package(
    name: "forkexplain",
    products: [
        .executable(name: "forkexplain", targets: ["forkexplain"]),
        .library(name: "ForkExplainCore", targets: ["ForkExplainCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // The shim's own snapshot code, compiled for `forkexplain check`
        // without the interposing wrappers, so both read the kernel alike.
        .target(
            name: "CForkExplainSnapshot",
            path: "CShim/common",
            publicHeadersPath: "include",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        // `forkexplain watch`: the kernel's failed clones, snapshotted with
        // the collector above (its internal headers, hence the search path).
        .target(
            name: "CForkExplainWatch",
            dependencies: ["CForkExplainSnapshot"],
            path: "CShim/watch",
            publicHeadersPath: "include",
            cSettings: [.define("_GNU_SOURCE"), .headerSearchPath("../common")]
        ),
        // simdjson's On-Demand parser behind a plain C API: one log line
        // into a flat list of values the reader maps into its model
        // (libsimdjson-dev, scripts/needs.list).
        .target(
            name: "CForkExplainJSON",
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        // The log analyzer: reading, classification, rendering.
        .target(name: "ForkExplainCore", dependencies: ["CForkExplainJSON"]),
        // `check`'s live snapshot: the C collector above, read back through
        // the core's log model. Linux and glibc only.
        .target(name: "ForkExplainLive", dependencies: ["ForkExplainCore", "CForkExplainSnapshot"]),
        .executableTarget(
            name: "forkexplain",
            dependencies: [
                "ForkExplainCore",
                "ForkExplainLive",
                "CForkExplainWatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ForkExplainCoreTests",
            dependencies: ["ForkExplainCore"],
            resources: [.copy("Fixtures")]
        ),
        // A real record from the C collector against the Swift model's keys.
        .testTarget(
            name: "ForkExplainLiveTests", dependencies: ["ForkExplainLive", "ForkExplainCore", "CForkExplainSnapshot"]),
        // The built `forkexplain` run as a user runs it: exit statuses,
        // one-line errors, the JSON keys the README promises.
        .testTarget(name: "ForkExplainCLITests", dependencies: ["forkexplain"]),
    ],
    cxxLanguageStandard: .cxx17
)
