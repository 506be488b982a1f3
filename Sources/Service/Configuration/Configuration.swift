import Channels
import Foundation
import Programme
import Store

/// Tandem's settings: one JSON file (`tandem serve --config FILE`) with sections, each key overridable by an
/// environment variable `TANDEM_<SECTION>_<KEY>` (e.g. `TANDEM_HTTP_PORT=9090`). Without a file, the embedded
/// defaults below run a complete local service. Unknown keys and wrong types are start-up errors naming the key.
public struct Configuration: Sendable, Equatable {
    public var databasePath = "./tandem.sqlite"
    /// `FULL` (default, survives power loss) or `NORMAL` (survives a crash of the process).
    public var databaseSynchronous = "FULL"
    /// `sqlite` (default: a thread of Tandem's checkpoints the WAL, off the request path) or `litestream` (Tandem
    /// never checkpoints: Litestream replicates the WAL and checkpoints it; see `deploy/replication.md`).
    public var databaseCheckpoint = CheckpointMode.sqlite.rawValue
    public var httpHost = "127.0.0.1"
    public var httpPort = 8080
    /// Threads that run request handlers (the event loop reads every request; complete ones wait in order for one).
    public var httpWorkers = 32
    public var dialogsPath = "Dialogs"
    /// Minutes after which an unfinished flow is dropped.
    public var dialogsExpiryMinutes = 24 * 60
    /// How long after saving something a person can still say "undo".
    public var dialogsUndoMinutes = 60
    /// A reply still undelivered this long after it was queued is marked dead (`tandem outbox list dead`).
    public var outboxDeadAfterMinutes = 24 * 60
    /// The longest wait between two delivery attempts of one reply (backoff doubles from 1 s up to this).
    public var outboxRetryMaxSeconds = 300
    /// Minutes the text of a delivered reply or notice is kept after it was queued (0: dropped once delivered).
    /// Replies repeat what people said ("Got it: • Topics: …"), so they go the way inbound texts go.
    public var outboxRetentionMinutes = 60
    /// Messages one sender may send per minute; more are stored but not answered (flood protection).
    public var inboundMaxMessagesPerMinute = 30
    /// Minutes the text of an inbound message is kept after it was processed (0: never stored).
    public var inboundRetentionMinutes = 60
    /// Messages from people Tandem does not know, all together, per minute; more are dropped unstored.
    public var inboundMaxStrangerMessagesPerMinute = 60
    /// Messages from people Tandem does not know at one mail domain or Matrix server, per minute.
    public var inboundMaxStrangerMessagesPerDomainPerMinute = 10
    public var defaultLanguage = "en"
    public var defaultTimeZone = "UTC"
    public var matrixHomeserverURL = ""
    public var matrixServerName = ""
    public var matrixBotLocalpart = "tandem"
    public var matrixASToken = ""
    public var matrixHSToken = ""
    public var emailSMTPURL = ""
    public var emailSMTPUser = ""
    public var emailSMTPPassword = ""
    public var emailFrom = ""
    public var emailWebhookSecret = ""
    /// Mailgun's webhook signing key, for `POST /hooks/email/mailgun/mime`; empty turns that route off.
    public var emailMailgunSigningKey = ""
    /// The most emails sent to one address per hour; more wait in the outbox.
    public var emailRateLimitPerHour = 20
    /// The `authserv-id` of the mail server whose `Authentication-Results` headers are believed; empty: none are.
    public var emailTrustedAuthservID = ""
    /// Believe an email's From only on `dmarc=pass` from the trusted server (off: an aligned `dkim=pass` is enough).
    public var emailRequireDMARC = true
    /// The secret behind reply addresses (`tandem+TOKEN@…`), at least 32 bytes; empty: one generated once and kept
    /// in the database.
    public var emailReplyKey = ""
    /// The secret bank details are sealed with (at least 32 bytes, e.g. `openssl rand -base64 32`). Empty: a secret
    /// kept in the database is used, so whoever has the file can open them — set it in production.
    public var expensesDataKey = ""
    /// `HH:MM-HH:MM` in each programme's local time: the scheduler sends no reminders then.
    public var schedulerQuietHours = QuietHours().description
    /// Days before an agreed session its peers are reminded (0: on the day, before it starts).
    public var schedulerSessionReminderDays = 1
    /// Litestream's configuration file, read by `tandem doctor` to find this database's replica and its position.
    public var replicationLitestreamConfig = "/etc/litestream.yml"
    /// The lowest log level written: `debug`, `info` (default), `warn` or `error` (`tandem serve --log-level`).
    public var logLevel = LogLevel.info.description
    /// The registered channels' own sections (``ChannelRegistration/settings``), `section.key` → value as set in
    /// the file or the environment; a key not set here has its declared default (``ChannelSettings``).
    public var channelSettings: [String: JSONValue] = [:]

    public init() {}

    /// The scheduler's settings (`scheduler.*`; the quiet hours were checked by `load`).
    public var reminderSettings: ReminderSettings {
        ReminderSettings(
            quietHours: (try? QuietHours(parsing: schedulerQuietHours)) ?? QuietHours(),
            sessionReminderDays: schedulerSessionReminderDays)
    }

    /// `log.level` as a level (checked by `load`).
    public var minimumLogLevel: LogLevel { LogLevel(name: logLevel) ?? .info }

    /// The bot's Matrix user ID, `@localpart:server_name`.
    public var matrixBotUserID: String { "@\(matrixBotLocalpart):\(matrixServerName)" }

    /// The settings as a table: `section.key` → (kind, how to set it). The single place keys are declared.
    private static var keys: [String: Key] { [
        "database.path": .string(\.databasePath),
        "database.synchronous": .string(\.databaseSynchronous),
        "database.checkpoint": .string(\.databaseCheckpoint),
        "http.host": .string(\.httpHost),
        "http.port": .integer(\.httpPort),
        "http.workers": .integer(\.httpWorkers),
        "dialogs.path": .string(\.dialogsPath),
        "dialogs.expiry_minutes": .integer(\.dialogsExpiryMinutes),
        "dialogs.undo_minutes": .integer(\.dialogsUndoMinutes),
        "outbox.dead_after_minutes": .integer(\.outboxDeadAfterMinutes),
        "outbox.retry_max_seconds": .integer(\.outboxRetryMaxSeconds),
        "outbox.retention_minutes": .integer(\.outboxRetentionMinutes),
        "inbound.max_messages_per_minute": .integer(\.inboundMaxMessagesPerMinute),
        "inbound.retention_minutes": .integer(\.inboundRetentionMinutes),
        "inbound.max_stranger_messages_per_minute": .integer(\.inboundMaxStrangerMessagesPerMinute),
        "inbound.max_stranger_messages_per_domain_per_minute": .integer(\.inboundMaxStrangerMessagesPerDomainPerMinute),
        "defaults.language": .string(\.defaultLanguage),
        "defaults.time_zone": .string(\.defaultTimeZone),
        "matrix.homeserver_url": .string(\.matrixHomeserverURL),
        "matrix.server_name": .string(\.matrixServerName),
        "matrix.bot_localpart": .string(\.matrixBotLocalpart),
        "matrix.as_token": .string(\.matrixASToken),
        "matrix.hs_token": .string(\.matrixHSToken),
        "email.smtp_url": .string(\.emailSMTPURL),
        "email.smtp_user": .string(\.emailSMTPUser),
        "email.smtp_password": .string(\.emailSMTPPassword),
        "email.from": .string(\.emailFrom),
        "email.webhook_secret": .string(\.emailWebhookSecret),
        "email.mailgun_signing_key": .string(\.emailMailgunSigningKey),
        "email.rate_limit_per_hour": .integer(\.emailRateLimitPerHour),
        "email.trusted_authserv_id": .string(\.emailTrustedAuthservID),
        "email.require_dmarc": .boolean(\.emailRequireDMARC),
        "email.reply_key": .string(\.emailReplyKey),
        "expenses.data_key": .string(\.expensesDataKey),
        "scheduler.quiet_hours": .string(\.schedulerQuietHours),
        "scheduler.session_reminder_days": .integer(\.schedulerSessionReminderDays),
        "log.level": .string(\.logLevel),
        "replication.litestream_config": .string(\.replicationLitestreamConfig),
    ] }

    /// How one key is set: the type of its value (the case of an example value) and where it goes.
    private struct Key {
        let example: JSONValue
        let assign: (inout Configuration, JSONValue) -> Void

        static func string(_ path: WritableKeyPath<Configuration, String>) -> Key {
            Key(example: .string("")) { if case .string(let text) = $1 { $0[keyPath: path] = text } }
        }

        static func integer(_ path: WritableKeyPath<Configuration, Int>) -> Key {
            Key(example: .integer(0)) { if case .integer(let number) = $1 { $0[keyPath: path] = number } }
        }

        static func boolean(_ path: WritableKeyPath<Configuration, Bool>) -> Key {
            Key(example: .bool(false)) { if case .bool(let flag) = $1 { $0[keyPath: path] = flag } }
        }

        /// A registered channel's key, kept in ``Configuration/channelSettings``.
        static func channel(_ key: String, _ setting: ChannelSetting) -> Key {
            Key(example: setting.defaultValue) { $0.channelSettings[key] = $1 }
        }

        /// `value` if it has this key's type, else nil.
        func accepts(_ value: JSONValue) -> JSONValue? {
            switch (example, value) {
            case (.string, .string), (.integer, .integer), (.bool, .bool): value
            default: nil
            }
        }

        /// An environment variable's text as this key's type, or nil.
        func parse(_ text: String) -> JSONValue? {
            switch example {
            case .integer: Int(text).map(JSONValue.integer)
            case .bool:
                switch text.lowercased() {
                case "true", "1", "yes": .bool(true)
                case "false", "0", "no": .bool(false)
                default: nil
                }
            default: .string(text)
            }
        }

        /// What a value of this key must be.
        var expected: String {
            switch example {
            case .integer: "an integer"
            case .bool: "true or false"
            default: "a string"
            }
        }
    }

    /// Tandem's keys and those of `channels`' sections.
    private static func keys(_ channels: ChannelRegistry) -> [String: Key] {
        keys.merging(channels.settings.map { ($0.key, Key.channel($0.key, $0.value)) }) { own, _ in own }
    }

    /// Every key, `section.key`, sorted (for documentation and `tandem config`), those of `channels` included.
    public static func allKeys(_ channels: ChannelRegistry = .standard) -> [String] { keys(channels).keys.sorted() }

    /// Reads `file` (if given) and then the environment, knowing the sections of `channels`.
    public static func load(
        file: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        channels: ChannelRegistry = .standard
    ) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ConfigurationError(key: nil, message: "cannot read configuration file \(file)")
            }
            try configuration.apply(json: data, channels: channels)
        }
        try configuration.apply(environment: environment, channels: channels)
        try configuration.validate()
        for registration in channels.registrations {
            try registration.validate(registration.settings(in: configuration))
        }
        return configuration
    }

    mutating func apply(json data: Data, channels: ChannelRegistry) throws(ConfigurationError) {
        guard case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw ConfigurationError(key: nil, message: "configuration is not a JSON object")
        }
        let keys = Self.keys(channels)
        for (section, body) in root {
            guard case .object(let fields) = body else {
                throw ConfigurationError(key: section, message: "must be an object of settings")
            }
            for (name, value) in fields {
                let key = "\(section).\(name)"
                guard let kind = keys[key] else {
                    let known = keys.keys.sorted().joined(separator: ", ")
                    throw ConfigurationError(key: key, message: "unknown setting (known: \(known))")
                }
                guard let typed = kind.accepts(value) else {
                    throw ConfigurationError(key: key, message: "must be \(kind.expected)")
                }
                kind.assign(&self, typed)
            }
        }
    }

    mutating func apply(environment: [String: String], channels: ChannelRegistry) throws(ConfigurationError) {
        for (key, kind) in Self.keys(channels) {
            let variable = "TANDEM_" + key.replacingOccurrences(of: ".", with: "_").uppercased()
            guard let text = environment[variable] else { continue }
            guard let value = kind.parse(text) else {
                throw ConfigurationError(key: key, message: "\(variable) must be \(kind.expected)")
            }
            kind.assign(&self, value)
        }
    }

    func validate() throws(ConfigurationError) {
        guard (0...65535).contains(httpPort) else { throw ConfigurationError(key: "http.port", message: "must be 0–65535") }
        guard (1...1024).contains(httpWorkers) else {
            throw ConfigurationError(key: "http.workers", message: "must be 1–1024")
        }
        guard ["FULL", "NORMAL"].contains(databaseSynchronous.uppercased()) else {
            throw ConfigurationError(key: "database.synchronous", message: "must be FULL or NORMAL")
        }
        guard CheckpointMode(rawValue: databaseCheckpoint.lowercased()) != nil else {
            throw ConfigurationError(key: "database.checkpoint", message: "must be sqlite or litestream")
        }
        guard LogLevel(name: logLevel) != nil else {
            throw ConfigurationError(key: "log.level", message: "must be debug, info, warn or error")
        }
        guard dialogsExpiryMinutes > 0 else {
            throw ConfigurationError(key: "dialogs.expiry_minutes", message: "must be positive")
        }
        guard (1...10_080).contains(dialogsUndoMinutes) else {
            throw ConfigurationError(key: "dialogs.undo_minutes", message: "must be 1 to 10080 (a week)")
        }
        guard outboxDeadAfterMinutes > 0 else {
            throw ConfigurationError(key: "outbox.dead_after_minutes", message: "must be positive")
        }
        guard outboxRetryMaxSeconds > 0 else {
            throw ConfigurationError(key: "outbox.retry_max_seconds", message: "must be positive")
        }
        guard inboundMaxMessagesPerMinute > 0 else {
            throw ConfigurationError(key: "inbound.max_messages_per_minute", message: "must be positive")
        }
        guard (0...10_080).contains(inboundRetentionMinutes) else {
            throw ConfigurationError(key: "inbound.retention_minutes", message: "must be 0–10080 (a week)")
        }
        guard (0...10_080).contains(outboxRetentionMinutes) else {
            throw ConfigurationError(key: "outbox.retention_minutes", message: "must be 0–10080 (a week)")
        }
        guard inboundMaxStrangerMessagesPerMinute > 0 else {
            throw ConfigurationError(key: "inbound.max_stranger_messages_per_minute", message: "must be positive")
        }
        guard inboundMaxStrangerMessagesPerDomainPerMinute > 0 else {
            throw ConfigurationError(
                key: "inbound.max_stranger_messages_per_domain_per_minute", message: "must be positive")
        }
        guard emailRateLimitPerHour > 0 else {
            throw ConfigurationError(key: "email.rate_limit_per_hour", message: "must be positive")
        }
        guard emailSMTPURL.isEmpty || emailFrom.contains("@") else {
            throw ConfigurationError(key: "email.from", message: "must be an address when email.smtp_url is set")
        }
        _ = try bankDetailsKey()
        _ = try replyKey()
        do {
            _ = try QuietHours(parsing: schedulerQuietHours)
        } catch {
            throw ConfigurationError(key: "scheduler.quiet_hours", message: error.description)
        }
        guard (0...30).contains(schedulerSessionReminderDays) else {
            throw ConfigurationError(key: "scheduler.session_reminder_days", message: "must be 0–30")
        }
        guard TimeZone(identifier: defaultTimeZone) != nil else {
            throw ConfigurationError(key: "defaults.time_zone", message: "unknown time zone \(defaultTimeZone)")
        }
    }
}

extension Configuration {
    /// The key from `expenses.data_key`, or nil when it is not set.
    public func bankDetailsKey() throws(ConfigurationError) -> BankDetailsKey? {
        guard !expensesDataKey.isEmpty else { return nil }
        do {
            return try BankDetailsKey(configuredSecret: expensesDataKey)
        } catch {
            throw ConfigurationError(
                key: "expenses.data_key", message: "must be at least 32 bytes of random text (openssl rand -base64 32)")
        }
    }
}

extension Configuration {
    /// The key from `email.reply_key`, or nil when it is not set (the database's own is used).
    public func replyKey() throws(ConfigurationError) -> ReplyKey? {
        guard !emailReplyKey.isEmpty else { return nil }
        do {
            return try ReplyKey(configuredSecret: emailReplyKey)
        } catch {
            throw ConfigurationError(
                key: "email.reply_key", message: "must be at least 32 bytes of random text (openssl rand -base64 32)")
        }
    }

    /// How far an email's From is believed (`email.trusted_authserv_id`, `email.require_dmarc`).
    public var emailSenderPolicy: EmailSenderPolicy {
        EmailSenderPolicy(trustedAuthservID: emailTrustedAuthservID, requireDMARC: emailRequireDMARC)
    }
}

/// A configuration problem, naming the key it concerns.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let key: String?
    public let message: String

    /// A problem with `key` (`section.key`; nil for the file as a whole).
    public init(key: String?, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { key.map { "configuration: \($0): \(message)" } ?? "configuration: \(message)" }
}
