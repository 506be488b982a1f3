import Channels
import Foundation

/// `tandem doctor`: checks what `tandem serve` needs — the configuration, the database (integrity, schema version,
/// dead messages, who may read its files and the backups), the dialogues, the HTTP port, the homeserver (appservice
/// ping), the SMTP server (EHLO) and the Litestream replica (configured, how far behind) — and says what to fix.
/// Read-only: opens the database read-only, sends no message and no mail.
///
/// ```swift
/// Doctor(configurationFile: "/etc/tandem/tandem.json").run { print($0) }
/// ```
public struct Doctor: Sendable {
    /// `--config FILE`; nil for the embedded defaults.
    public let configurationFile: String?
    /// `--db FILE`, replacing `database.path`.
    public let databasePath: String?
    /// `--backups DIR`: where the backups are, to check who may read them.
    public let backupDirectory: String?
    /// Where `TANDEM_<SECTION>_<KEY>` overrides come from.
    public let environment: [String: String]
    /// Limit for each network check (homeserver, SMTP server, HTTP port).
    public let timeout: Duration
    /// The channels checked (each registration's own check, after the others), their sections and tables known.
    public let channels: ChannelRegistry

    public init(
        configurationFile: String?, databasePath: String? = nil, backupDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(10),
        channels: ChannelRegistry = .standard
    ) {
        self.configurationFile = configurationFile
        self.databasePath = databasePath
        self.backupDirectory = backupDirectory
        self.environment = environment
        self.timeout = timeout
        self.channels = channels
    }

    /// Runs every check in order, handing each finding to `report` as soon as it is known (the network checks may
    /// take up to ``timeout`` each). Stops after the configuration when it does not load.
    public func run(report: (DoctorFinding) -> Void) {
        let (loaded, findings) = ConfigurationCheck(
            file: configurationFile, environment: environment, channels: channels
        ).run()
        findings.forEach(report)
        guard var configuration = loaded else { return }
        if let databasePath { configuration.databasePath = databasePath }
        report(DatabaseCheck(path: configuration.databasePath, schema: channels.schema).run())
        report(FileModesCheck(databasePath: configuration.databasePath, backupDirectory: backupDirectory).run())
        if let outbox = OutboxCheck(path: configuration.databasePath, now: Clock.system.now()).run() { report(outbox) }
        let http = HTTPClient(connectTimeout: timeout, userAgent: "Tandem doctor")
        report(ReplicationCheck(
            databasePath: configuration.databasePath, configurationPath: configuration.replicationLitestreamConfig,
            environment: environment, http: http, timeout: timeout).run())
        report(BankDetailsKeyCheck(path: configuration.databasePath, key: try? configuration.bankDetailsKey()).run())
        report(DialogsCheck(path: configuration.dialogsPath).run())
        report(HTTPPortCheck(host: configuration.httpHost, port: configuration.httpPort, http: http, timeout: timeout)
            .run())
        for channel in channels.registrations {
            report(channel.check(ChannelCheckContext(
                configuration: configuration, settings: channel.settings(in: configuration), http: http,
                timeout: timeout)))
        }
    }
}
