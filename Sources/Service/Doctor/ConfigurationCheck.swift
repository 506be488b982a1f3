import Foundation

/// Loads the configuration as `tandem serve` would, and warns about channels that are only half set up and a file
/// that others may read. Names settings, never prints their values.
struct ConfigurationCheck {
    let file: String?
    let environment: [String: String]
    /// The channels whose sections the configuration may have.
    let channels: ChannelRegistry

    /// The configuration (nil when it does not load) and what was found.
    func run() -> (Configuration?, [DoctorFinding]) {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(file: file, environment: environment, channels: channels)
        } catch {
            guard let key = error.key else {
                return (nil, [.fail("configuration", error.message, fix: "give a readable JSON object with --config")])
            }
            let fix = "fix \(key) in \(file ?? "the environment") (or its TANDEM_ variable)"
            return (nil, [.fail("configuration", "\(key): \(error.message)", fix: fix)])
        }
        let variables = Configuration.allKeys(channels).map(Self.variable).filter { environment[$0] != nil }
        var detail = file ?? "embedded defaults (no --config)"
        if !variables.isEmpty { detail += ", overridden by \(variables.joined(separator: ", "))" }
        return (configuration, [.ok("configuration", detail)] + warnings(configuration))
    }

    private static func variable(_ key: String) -> String {
        "TANDEM_" + key.replacingOccurrences(of: ".", with: "_").uppercased()
    }

    private func warnings(_ configuration: Configuration) -> [DoctorFinding] {
        var found: [DoctorFinding] = []
        for channel in channels.registrations {
            found += channel.warnings(configuration, channel.settings(in: configuration))
        }
        if let file, let mode = FileManager.default.posixMode(atPath: file), mode & 0o077 != 0,
           let own = try? Configuration.load(file: file, environment: [:], channels: channels), Self.holdsSecrets(own) {
            found.append(.warn(
                "configuration", "\(file) holds tokens or passwords and others may read it "
                    + "(mode \(String(mode, radix: 8)))",
                fix: "chmod 600 \(file)"))
        }
        return found
    }

    private static func holdsSecrets(_ configuration: Configuration) -> Bool {
        [
            configuration.matrixASToken, configuration.matrixHSToken, configuration.emailSMTPPassword,
            configuration.emailWebhookSecret, configuration.emailMailgunSigningKey,
        ].contains { !$0.isEmpty }
    }
}
