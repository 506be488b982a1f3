import Foundation
import Service
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

    @Test func malformedJSONIsAnError() throws {
        let path = try file("{not json")
        #expect(throws: ConfigurationError.self) { try Configuration.load(file: path, environment: [:]) }
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
}
