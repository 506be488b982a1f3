// swift-tools-version:6.0
// Tandem — a peer-mentoring programme run by message. No package dependencies: system libraries only.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Tandem",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tandem", targets: ["tandem"]),
    ],
    targets: [
        // MARK: - System libraries (Debian: libsqlite3-dev, libcurl4-openssl-dev)
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        /// `<sys/epoll.h>` for the HTTP event loop (Linux; nothing to install).
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),

        // MARK: - Modules, lowest first
        /// Pure dialogue engine: flow files, slots and their parsers, locales, transcripts. No I/O.
        .target(name: "Engine", swiftSettings: strict),
        /// SQLite wrapper, migrations, repositories.
        .target(name: "Store", dependencies: ["CSQLite", "Engine"], swiftSettings: strict),
        /// Programme domain: participants, the actions that turn answered slots into records.
        .target(name: "Programme", dependencies: ["Engine", "Store", "Crypto"], swiftSettings: strict),
        /// SHA-256, HMAC, constant-time comparison, encryption at rest — OpenSSL's libcrypto, never our own.
        .target(name: "Crypto", dependencies: ["COpenSSL"], swiftSettings: strict),
        /// HTTP/1.1 server on POSIX sockets.
        .target(name: "HTTP", dependencies: ["CEpoll"], swiftSettings: strict),
        /// Channel adapters: console (terminal), later Matrix and email.
        .target(name: "Channels", dependencies: ["HTTP", "CCurl", "Crypto"], swiftSettings: strict),
        /// Wiring: configuration, the inbound pipeline (one message = one transaction), outbox.
        .target(
            name: "Service", dependencies: ["Engine", "Store", "Programme", "Channels", "HTTP", "Crypto"],
            swiftSettings: strict),
        /// `tandem bench`: the service under load on 127.0.0.1 (a fake homeserver, a load generator), one line per figure.
        .target(
            name: "Bench", dependencies: ["Service", "Engine", "Store", "HTTP"], swiftSettings: strict),
        /// The `tandem` command line.
        .executableTarget(
            name: "tandem", dependencies: [
                "Service", "Bench", "Engine", "Programme", "Store", "Channels", "Crypto", "HTTP",
            ],
            swiftSettings: strict),

        // MARK: - Tests
        .testTarget(name: "EngineTests", dependencies: ["Engine"], swiftSettings: strict),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Engine"], swiftSettings: strict),
        .testTarget(name: "ProgrammeTests", dependencies: ["Programme", "Store", "Engine"], swiftSettings: strict),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "Bench"], swiftSettings: strict),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"], swiftSettings: strict),
        .testTarget(
            name: "ChannelsTests", dependencies: ["Channels", "HTTP", "Crypto", "Bench"], exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "ServiceTests", dependencies: ["Service", "Engine", "Store", "Programme", "Channels"],
            swiftSettings: strict),
    ]
)
