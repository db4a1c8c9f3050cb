// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "riskdesk",
    platforms: [.macOS(.v15)],  // Synchronization.Atomic (the signal flag) needs macOS 15
    products: [
        .executable(name: "riskdesk", targets: ["riskdesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
    ],
    targets: [
        .target(name: "RiskCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "RiskStore",
            dependencies: [
                "RiskCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
        .target(
            name: "TerminalUI",
            dependencies: [
                "CNCursesW",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(
            name: "RiskDeskApp",
            dependencies: ["RiskCore", "RiskStore", "TerminalUI", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .executableTarget(
            name: "riskdesk",
            dependencies: [
                "RiskDeskApp", "RiskStore", "RiskCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RiskCoreTests", dependencies: ["RiskCore"]),
        .testTarget(name: "RiskStoreTests", dependencies: ["RiskStore", "RiskCore"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "RiskDeskAppTests", dependencies: ["RiskDeskApp", "RiskStore", "RiskCore", "TerminalUI"]),
    ]
)
