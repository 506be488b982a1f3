import Crypto
import Foundation
import Service

/// `tandem matrix registration --url URL --server-name NAME [--homeserver URL] [--config FILE]`: prints the
/// application-service registration YAML with fresh random tokens, and writes the tokens into the config file.
struct MatrixCommand {
    static let usage = """
        tandem matrix registration --url URL --server-name NAME [--homeserver URL] [--config FILE]
                                       print a registration YAML with fresh tokens (and save them to FILE)
        """

    let arguments: Arguments

    func run() throws -> Int32 {
        try arguments.allowFlags([])
        guard arguments.positional == ["registration"] else { throw CLIError("expected `matrix registration`") }
        guard let url = arguments.option("url"), let serverName = arguments.option("server-name") else {
            throw CLIError("`matrix registration` needs --url (where the homeserver reaches Tandem) and --server-name")
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
