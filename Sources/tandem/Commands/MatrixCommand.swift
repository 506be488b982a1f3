import Crypto
import Foundation
import Service

/// `tandem matrix registration --url URL --server-name NAME [--homeserver URL] [--config FILE]`: prints the
/// application-service registration YAML with fresh random tokens, and writes the tokens into the config file.
struct MatrixCommand {
    static let spec = CommandSpec(
        path: ["matrix", "registration"],
        abstract: "print the application-service registration YAML with fresh tokens (saved into --config FILE)",
        options: [
            OptionSpec(name: "url", value: "URL", help: "where the homeserver reaches Tandem").required,
            OptionSpec(name: "server-name", value: "NAME", help: "the homeserver's server name").required,
            OptionSpec(name: "homeserver", value: "URL", help: "the homeserver's client URL (default 127.0.0.1:8008)"),
            OptionSpec(name: "localpart", value: "NAME", help: "the bot's user localpart (default: tandem)"),
            OptionSpec(name: "config", value: "FILE", help: "the JSON configuration the tokens are written into"),
        ],
        discussion: "See deploy/matrix.md for Synapse, Conduit and Dendrite.")

    let arguments: Arguments

    func run() throws -> Int32 {
        guard let url = arguments.option("url"), let serverName = arguments.option("server-name") else {
            preconditionFailure("required options are checked by Arguments")
        }
        let localpart = arguments.option("localpart") ?? "tandem"
        let asToken = SecureRandom.token(bytes: 32)
        let hsToken = SecureRandom.token(bytes: 32)
        if let file = arguments.option("config") {
            try save(to: file, [
                "homeserver_url": arguments.option("homeserver") ?? "http://127.0.0.1:8008",
                "server_name": serverName, "bot_localpart": localpart, "as_token": asToken, "hs_token": hsToken,
            ])
        }
        let escapedServer = serverName.replacingOccurrences(of: ".", with: "\\\\.")
        print("""
            # Tandem application service registration. Add this file's absolute path to the homeserver's
            # app_service_config_files (Synapse) — see deploy/matrix.md for Conduit and Dendrite.
            id: tandem
            url: "\(url)"
            as_token: "\(asToken)"
            hs_token: "\(hsToken)"
            sender_localpart: "\(localpart)"
            rate_limited: false
            namespaces:
              users:
                - regex: "@\(localpart):\(escapedServer)"
                  exclusive: true
              aliases: []
              rooms: []
            """)
        return 0
    }

    /// Merges the `matrix` section into the JSON config file (created if missing), keeping other sections.
    private func save(to file: String, _ matrix: [String: String]) throws {
        var root: [String: Any] = [:]
        if let data = FileManager.default.contents(atPath: file) {
            guard let existing = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CLIError("\(file) is not a JSON object")
            }
            root = existing
        }
        var section = root["matrix"] as? [String: Any] ?? [:]
        for (key, value) in matrix { section[key] = value }
        root["matrix"] = section
        let data = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try data.write(to: URL(fileURLWithPath: file), options: .atomic)
        chmod(file, 0o600)
    }
}
