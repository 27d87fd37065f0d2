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
        .target(name: "ForkExplainCore", dependencies: ["CForkExplainSnapshot"]),
        .executableTarget(
            name: "forkexplain",
            dependencies: [
                "ForkExplainCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ForkExplainCoreTests",
            dependencies: ["ForkExplainCore"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
