import Foundation
import Programme
import Service
import Store
import Testing

/// Configuration: embedded defaults, a JSON file, environment overrides, and errors that name the key.
struct ConfigurationTests {
    func file(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func defaultsRunLocally() throws {
        let configuration = try Configuration.load(file: nil, environment: [:])
        #expect(configuration.databasePath == "./tandem.sqlite")
        #expect(configuration.httpHost == "127.0.0.1")
        #expect(configuration.httpPort == 8080)
        #expect(configuration.dialogsPath == "Dialogs")
    }

    @Test func fileThenEnvironment() throws {
        let path = try file(#"{"database": {"path": "/tmp/x.sqlite"}, "http": {"port": 9000}}"#)
        let configuration = try Configuration.load(file: path, environment: ["TANDEM_HTTP_PORT": "9100"])
        #expect(configuration.databasePath == "/tmp/x.sqlite")
        #expect(configuration.httpPort == 9100)
    }

    @Test func unknownKeyIsNamed() throws {
        let path = try file(#"{"http": {"prot": 9000}}"#)
        #expect { try Configuration.load(file: path, environment: [:]) } throws: { error in
            (error as? ConfigurationError)?.key == "http.prot"
        }
    }

    @Test func wrongTypeIsNamed() throws {
        let path = try file(#"{"http": {"port": "9000"}}"#)
        #expect { try Configuration.load(file: path, environment: [:]) } throws: { error in
            (error as? ConfigurationError)?.key == "http.port"
        }
        let boolean = try file(#"{"http": {"port": true}}"#)
        #expect(throws: ConfigurationError.self) { try Configuration.load(file: boolean, environment: [:]) }
    }

    @Test func badEnvironmentValueIsNamed() {
        #expect { try Configuration.load(file: nil, environment: ["TANDEM_HTTP_PORT": "eighty"]) } throws: { error in
            (error as? ConfigurationError)?.key == "http.port"
        }
    }

    @Test func inboundTextsAreKeptAnHourByDefaultAndAtMostAWeek() throws {
        #expect(try Configuration.load(file: nil, environment: [:]).inboundRetentionMinutes == 60)
        #expect(try Configuration.load(file: nil, environment: ["TANDEM_INBOUND_RETENTION_MINUTES": "0"])
            .inboundRetentionMinutes == 0)
        #expect { try Configuration.load(file: nil, environment: ["TANDEM_INBOUND_RETENTION_MINUTES": "20000"]) }
            throws: { error in (error as? ConfigurationError)?.key == "inbound.retention_minutes" }
    }

    @Test func handlerThreadsAreSetAndBounded() throws {
        #expect(try Configuration.load(file: nil, environment: ["TANDEM_HTTP_WORKERS": "4"]).httpWorkers == 4)
        #expect { try Configuration.load(file: nil, environment: ["TANDEM_HTTP_WORKERS": "0"]) } throws: { error in
            (error as? ConfigurationError)?.key == "http.workers"
        }
    }

    @Test func malformedJSONIsAnError() throws {
        let path = try file("{not json")
        #expect(throws: ConfigurationError.self) { try Configuration.load(file: path, environment: [:]) }
    }

    @Test func aShortDataKeyIsNamedWithoutItsValue() throws {
        #expect { try Configuration.load(file: nil, environment: ["TANDEM_EXPENSES_DATA_KEY": "hunter2-short"]) }
            throws: { error in
                (error as? ConfigurationError)?.key == "expenses.data_key" && !"\(error)".contains("hunter2")
            }
    }

    @Test func theDataKeyTakesOverBankDetailsWhenTheServiceStarts() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-\(UUID().uuidString).sqlite").path
        try Database(path: path).write { connection in
            try connection.run("INSERT INTO participants (id, name, created_at) VALUES (1, 'Ana', 0)")
            try BankDetailsVault(connection, now: 0).save(
                BankDetails(holder: "Ana", iban: try IBAN("BG80 BNBG 9661 1020 3456 78")), participantID: 1)
        }
        let secret = "service-data-key-0123456789-abcdefghijklmnop"
        var configuration = try Configuration.load(file: nil, environment: ["TANDEM_EXPENSES_DATA_KEY": secret])
        configuration.databasePath = path
        configuration.dialogsPath = TranscriptTests.dialogs
        let pipeline = try ServiceFactory(configuration: configuration).pipeline()
        let key = try #require(try configuration.bankDetailsKey())
        let rows = try pipeline.database.read { connection in
            (try connection.query("SELECT key_id FROM bank_details").map { $0.string("key_id") },
             try connection.query("SELECT COUNT(*) AS n FROM secrets").first?.int("n"))
        }
        #expect(rows.0 == [key.id] && rows.1 == 0)
        let opened = try pipeline.database.write { try BankDetailsVault($0, now: 1, key: key).open(participantID: 1) }
        #expect(opened?.holder == "Ana")
    }

    @Test func schedulerSettingsComeFromTheFileAndTheEnvironment() throws {
        #expect(try Configuration.load(file: nil, environment: [:]).reminderSettings == ReminderSettings())
        let path = try file(#"{"scheduler": {"quiet_hours": "22:30-07:00", "session_reminder_days": 2}}"#)
        let configuration = try Configuration.load(
            file: path, environment: ["TANDEM_SCHEDULER_SESSION_REMINDER_DAYS": "0"])
        #expect(configuration.reminderSettings == ReminderSettings(
            quietHours: QuietHours(start: 22 * 60 + 30, end: 7 * 60), sessionReminderDays: 0))
        let none = try Configuration.load(file: nil, environment: ["TANDEM_SCHEDULER_QUIET_HOURS": "00:00-00:00"])
        #expect(none.reminderSettings.quietHours == QuietHours(start: 0, end: 0))
    }

    @Test func badQuietHoursStopStartUpWithTheKeyAndTheExpectedForm() {
        #expect {
            try Configuration.load(file: nil, environment: ["TANDEM_SCHEDULER_QUIET_HOURS": "9pm-8am"])
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.key == "scheduler.quiet_hours" && error.description.contains("HH:MM-HH:MM")
                && error.description.contains("9pm-8am")
        }
        #expect { try Configuration.load(file: nil, environment: ["TANDEM_SCHEDULER_SESSION_REMINDER_DAYS": "-1"]) }
            throws: { error in (error as? ConfigurationError)?.key == "scheduler.session_reminder_days" }
    }

    @Test func theFloodLimitIsSetAndMustBePositive() throws {
        #expect(try Configuration.load(file: nil, environment: [:]).inboundMaxMessagesPerMinute == 30)
        let path = try file(#"{"inbound": {"max_messages_per_minute": 120}}"#)
        #expect(try Configuration.load(file: path, environment: [:]).inboundMaxMessagesPerMinute == 120)
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-\(UUID().uuidString).sqlite")
        let pipeline = try ServiceFactory(configuration: Configuration.load(file: path, environment: [
            "TANDEM_DATABASE_PATH": database.path, "TANDEM_DIALOGS_PATH": SchedulerFixture.dialogs,
        ])).pipeline()
        #expect(pipeline.defaults.maxMessagesPerMinute == 120)
        #expect {
            try Configuration.load(file: nil, environment: ["TANDEM_INBOUND_MAX_MESSAGES_PER_MINUTE": "0"])
        } throws: { error in
            (error as? ConfigurationError)?.key == "inbound.max_messages_per_minute"
        }
    }

    @Test func theLogLevelIsReadAndAnUnknownOneIsNamed() throws {
        #expect(try Configuration.load(file: nil, environment: [:]).minimumLogLevel == .info)
        let path = try file(#"{"log": {"level": "warn"}}"#)
        #expect(try Configuration.load(file: path, environment: [:]).minimumLogLevel == .warn)
        #expect(try Configuration.load(file: path, environment: ["TANDEM_LOG_LEVEL": "DEBUG"]).minimumLogLevel == .debug)
        #expect { try Configuration.load(file: nil, environment: ["TANDEM_LOG_LEVEL": "verbose"]) } throws: { error in
            (error as? ConfigurationError)?.key == "log.level"
        }
    }

    @Test func checkpointsAreLeftToLitestreamOnlyWhenConfigured() throws {
        #expect(try Configuration.load(file: nil, environment: [:]).checkpointMode == .sqlite)
        let path = try file(#"{"database": {"checkpoint": "litestream"}}"#)
        #expect(try Configuration.load(file: path, environment: [:]).checkpointMode == .litestream)
        #expect { try Configuration.load(file: nil, environment: ["TANDEM_DATABASE_CHECKPOINT": "never"]) }
            throws: { error in (error as? ConfigurationError)?.key == "database.checkpoint" }
    }
}
