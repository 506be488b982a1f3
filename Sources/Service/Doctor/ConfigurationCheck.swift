import Foundation

/// Loads the configuration as `tandem serve` would, and warns about channels that are only half set up and a file
/// that others may read. Names settings, never prints their values.
struct ConfigurationCheck {
    let file: String?
    let environment: [String: String]

    /// The configuration (nil when it does not load) and what was found.
    func run() -> (Configuration?, [DoctorFinding]) {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(file: file, environment: environment)
        } catch {
            guard let key = error.key else {
                return (nil, [.fail("configuration", error.message, fix: "give a readable JSON object with --config")])
            }
            let fix = "fix \(key) in \(file ?? "the environment") (or its TANDEM_ variable)"
            return (nil, [.fail("configuration", "\(key): \(error.message)", fix: fix)])
        }
        let variables = Configuration.allKeys.map(Self.variable).filter { environment[$0] != nil }
        var detail = file ?? "embedded defaults (no --config)"
        if !variables.isEmpty { detail += ", overridden by \(variables.joined(separator: ", "))" }
        return (configuration, [.ok("configuration", detail)] + warnings(configuration))
    }

    private static func variable(_ key: String) -> String {
        "TANDEM_" + key.replacingOccurrences(of: ".", with: "_").uppercased()
    }

    private func warnings(_ configuration: Configuration) -> [DoctorFinding] {
        var found: [DoctorFinding] = []
        let matrix = [
            ("matrix.homeserver_url", configuration.matrixHomeserverURL),
            ("matrix.server_name", configuration.matrixServerName),
            ("matrix.as_token", configuration.matrixASToken), ("matrix.hs_token", configuration.matrixHSToken),
        ]
        let matrixMissing = matrix.filter { $0.1.isEmpty }.map(\.0)
        if !matrixMissing.isEmpty, matrixMissing.count < matrix.count {
            found.append(.warn(
                "configuration", "Matrix is half configured: \(matrixMissing.joined(separator: ", ")) empty",
                fix: "`tandem matrix registration --config FILE` writes every matrix setting (deploy/matrix.md)"))
        }
        let email = configuration.emailSMTPURL.isEmpty
        if email, !configuration.emailSMTPUser.isEmpty || !configuration.emailSMTPPassword.isEmpty {
            found.append(.warn(
                "configuration", "SMTP credentials are set but email.smtp_url is empty: no mail is sent",
                fix: "set email.smtp_url, or remove email.smtp_user and email.smtp_password"))
        }
        if configuration.emailSMTPUser.isEmpty != configuration.emailSMTPPassword.isEmpty {
            let missing = configuration.emailSMTPUser.isEmpty ? "email.smtp_user" : "email.smtp_password"
            found.append(.warn(
                "configuration", "\(missing) is empty while the other SMTP credential is set",
                fix: "set both email.smtp_user and email.smtp_password, or neither"))
        }
        if !email, configuration.emailWebhookSecret.isEmpty, configuration.emailMailgunSigningKey.isEmpty {
            found.append(.warn(
                "configuration", "mail goes out but no answer can come in: email.webhook_secret and "
                    + "email.mailgun_signing_key are empty",
                fix: "set email.webhook_secret (POST /hooks/email) or email.mailgun_signing_key"))
        }
        if let file, let mode = FileManager.default.posixMode(atPath: file), mode & 0o077 != 0,
           let own = try? Configuration.load(file: file, environment: [:]), Self.holdsSecrets(own) {
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
