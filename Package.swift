// swift-tools-version:6.1
import PackageDescription

/// The library's stages are separate modules. Support, Read and Decide are built with cross-module optimization so
/// that Render and the run inline their small functions; Render is not: there it would keep the XML writer's and the
/// report spool's stored properties under run-time exclusivity checks (callgrind, 10,000 invoices: 12.95 G
/// instructions with none, 13.10 G with all four, 12.88 G like this; one module 12.81 G; README, Layout).
let stageSettings: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "rac2qb",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rac2qb", targets: ["rac2qb"]),
        .library(name: "RunACallQuickBooks", targets: ["RunACallQuickBooks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // The desk's HTTP server; its default traits (swift-configuration, full Foundation) are not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The Web Connector's password hash (PBKDF2, in _CryptoExtras).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // HTTPS for a Web Connector on another computer (through Hummingbird's TLS).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // The one system call Swift's Glibc module does not show (sync_file_range needs _GNU_SOURCE).
        .target(name: "CSystemCalls"),
        // The library's stages, one way: each target may use only those above it here (README, Layout).
        .target(name: "RunACallSupport", dependencies: ["CLibXML2", "CSQLite", "CSystemCalls"], swiftSettings: stageSettings),
        .target(
            name: "RunACallRead",
            dependencies: ["RunACallSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: stageSettings
        ),
        .target(
            name: "RunACallDecide",
            dependencies: ["RunACallSupport", "RunACallRead", .product(name: "Yams", package: "Yams")],
            swiftSettings: stageSettings
        ),
        .target(
            name: "RunACallRender",
            dependencies: ["RunACallSupport", "RunACallRead", "RunACallDecide", "CLibXML2"],
            swiftSettings: []
        ),
        .target(
            name: "RunACallQuickBooks",
            dependencies: [
                "RunACallSupport",
                "RunACallRead",
                "RunACallDecide",
                "RunACallRender",
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "RunACallDesk",
            dependencies: [
                "RunACallQuickBooks",
                "RunACallConnector",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RunACallConnector",
            dependencies: [
                "RunACallQuickBooks",
                "CLibXML2",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "rac2qb",
            dependencies: [
                "RunACallQuickBooks",
                "RunACallDesk",
                "RunACallConnector",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "ExportGenerator"),
        .executableTarget(name: "rac2qb-gen", dependencies: ["ExportGenerator"]),
        .testTarget(
            name: "RunACallQuickBooksTests",
            dependencies: [
                "RunACallSupport",
                "RunACallRead",
                "RunACallDecide",
                "RunACallRender",
                "RunACallQuickBooks",
                "RunACallDesk",
                "RunACallConnector",
                "ExportGenerator",
                "CLibXML2",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            // The audit of the deciders' rules and the tests that cover them.
            exclude: ["Decide/RULES.md"]
        ),
    ]
)
