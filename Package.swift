// swift-tools-version:6.0
import PackageDescription

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
        .target(
            name: "RunACallQuickBooks",
            dependencies: [
                "CLibXML2",
                "CSQLite",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "rac2qb",
            dependencies: [
                "RunACallQuickBooks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "ExportGenerator"),
        .executableTarget(name: "rac2qb-gen", dependencies: ["ExportGenerator"]),
        .testTarget(
            name: "RunACallQuickBooksTests",
            dependencies: [
                "RunACallQuickBooks",
                "ExportGenerator",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ]
)
