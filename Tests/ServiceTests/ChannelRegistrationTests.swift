import Channels
import Foundation
import Service
import Store
import Synchronization
import Testing

/// A channel added by registration only (the pigeon channel of `Pigeon/`, which nothing in `Sources/` knows): its
/// configuration section, its table, its webhook, its transport and its doctor line all come from one
/// ``ChannelRegistration`` added to the standard ones.
@Suite("Channel registration")
struct ChannelRegistrationTests {
    static let token = "pigeon-token"
    let loft = PigeonLoft()
    var channels: ChannelRegistry { .standard.adding(.pigeon(loft: loft)) }

    static func temporary(_ suffix: String) -> String {
        let name = "tandem-pigeon-\(UUID().uuidString)\(suffix)"
        return FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    }

    /// A configuration file with `sections` besides a fresh database and the repository's dialogues.
    static func configurationFile(_ sections: String) throws -> String {
        let file = temporary(".json")
        let json = """
            { "database": { "path": "\(temporary(".sqlite"))" }, "http": { "port": 0 },
              "dialogs": { "path": "\(TranscriptTests.dialogs)" }\(sections.isEmpty ? "" : ", " + sections) }
            """
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Runs the service with the pigeon channel for `body`, with its port; Ana is known at the pigeon address `ana`.
    func withService(_ body: (TandemService, Int) throws -> Void) throws {
        let file = try Self.configurationFile(#""pigeon": { "token": "\#(Self.token)" }"#)
        let configuration = try Configuration.load(file: file, environment: [:], channels: channels)
        let service = try TandemService(configuration: configuration, channels: channels)
        try service.pipeline.database.write { connection in
            _ = try ParticipantRepository(connection).create(
                name: "Ana", language: "en", timeZone: "UTC", channel: .pigeon, address: "ana", now: 0)
        }
        let port = Int(try service.start())
        defer {
            service.shutdown()
            service.waitUntilStopped()
        }
        try body(service, port)
    }

    static func post(_ port: Int, ring: String, text: String, token: String = token) throws -> HTTPClientResponse {
        let body = JSONValue.object(["ring": .string(ring), "from": .string("ana"), "text": .string(text)])
        return try HTTPClient().send(HTTPClientRequest(
            method: "POST", url: "http://127.0.0.1:\(port)/hooks/pigeon",
            headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
            body: body.serialized, timeout: .seconds(10)))
    }

    /// Waits (at most 10 s) until the loft holds `count` messages.
    func waitForLoft(_ count: Int) -> [OutboxMessage] {
        for _ in 0..<200 where loft.messages.count < count { Thread.sleep(forTimeInterval: 0.05) }
        return loft.messages
    }

    @Test func aMessageToTheRegisteredWebhookIsAnsweredThroughItsTransport() throws {
        try withService { _, port in
            let response = try Self.post(port, ring: "r1", text: "help")
            #expect(response.status == 200)
            let landed = waitForLoft(1)
            #expect(landed.count == 1)
            #expect(landed.first?.channel == .pigeon)
            #expect(landed.first?.address == "ana")
            #expect(landed.first?.body.isEmpty == false)
        }
    }

    @Test func aRedeliveryIsRecognisedByTheChannelsOwnTable() throws {
        try withService { service, port in
            _ = try Self.post(port, ring: "r7", text: "help")
            let again = try Self.post(port, ring: "r7", text: "help")
            #expect(String(decoding: again.body, as: UTF8.self).contains("duplicate"))
            let rings = try service.pipeline.database.read { try $0.query("SELECT ring FROM pigeon_messages") }
            #expect(rings.map { $0.string("ring") } == ["r7"])
            #expect(try service.pipeline.database.read {
                try $0.query("SELECT count(*) AS n FROM inbound_messages WHERE channel = 'pigeon'")
            }.first?.int("n") == 1)
        }
    }

    @Test func theRegisteredRouteAuthenticatesBeforeReadingTheBody() throws {
        try withService { _, port in
            let response = try Self.post(port, ring: "r2", text: "help", token: "wrong")
            #expect(response.status == 401)
            #expect(loft.messages.isEmpty)
        }
    }

    @Test func theRegisteredInboundIsCountedInMetrics() throws {
        try withService { _, port in
            _ = try Self.post(port, ring: "r3", text: "help")
            let metrics = try HTTPClient().send(HTTPClientRequest(
                url: "http://127.0.0.1:\(port)/metrics", timeout: .seconds(10)))
            let page = String(decoding: metrics.body, as: UTF8.self)
            #expect(page.contains(#"channel="pigeon""#))
            #expect(page.contains(#"route="/hooks/pigeon""#))
        }
    }

    @Test func theSectionIsReadFromTheFileAndTheEnvironmentWithDefaults() throws {
        let file = try Self.configurationFile(#""pigeon": { "token": "from-file" }"#)
        let configuration = try Configuration.load(
            file: file, environment: ["TANDEM_PIGEON_MAX_BYTES": "512"], channels: channels)
        let settings = ChannelRegistration.pigeon(loft: loft).settings(in: configuration)
        #expect(settings.string("token") == "from-file")
        #expect(settings.integer("max_bytes") == 512)
        #expect(settings.string("loft") == "home")
    }

    /// The key named by the error loading a configuration with `section`, or nil when it loads.
    func refusedKey(_ section: String, channels: ChannelRegistry) throws -> String? {
        let file = try Self.configurationFile(section)
        do {
            _ = try Configuration.load(file: file, environment: [:], channels: channels)
            return nil
        } catch {
            return error.key
        }
    }

    @Test func anUnknownKeyInTheSectionStopsStartUpNamingIt() throws {
        #expect(try refusedKey(#""pigeon": { "wings": "two" }"#, channels: channels) == "pigeon.wings")
    }

    @Test func theSectionIsUnknownWithoutTheRegistration() throws {
        #expect(try refusedKey(#""pigeon": { "token": "t" }"#, channels: .standard) == "pigeon.token")
    }

    @Test func theChannelsValidationNamesItsKey() throws {
        #expect(try refusedKey(#""pigeon": { "max_bytes": 0 }"#, channels: channels) == "pigeon.max_bytes")
    }

    /// What `tandem doctor` reports with `file` (and `database`, replacing its path), knowing `registry`.
    static func doctor(_ file: String?, database: String? = nil, _ registry: ChannelRegistry) -> [DoctorFinding] {
        let findings = Mutex<[DoctorFinding]>([])
        let doctor = Doctor(
            configurationFile: file, databasePath: database, environment: [:], timeout: .seconds(2), channels: registry)
        doctor.run { finding in findings.withLock { $0.append(finding) } }
        return findings.withLock { $0 }
    }

    @Test func doctorReportsTheChannelsOwnCheck() throws {
        let file = try Self.configurationFile(#""pigeon": { "token": "t", "loft": "north" }"#)
        let pigeon = Self.doctor(file, channels).first { $0.name == "pigeon" }
        #expect(pigeon?.status == .ok)
        #expect(pigeon?.detail == "flying to the loft north")
    }

    @Test func doctorWarnsAboutTheChannelsSettingsAsItSays() throws {
        let file = try Self.configurationFile(#""pigeon": { "token": "t", "loft": "" }"#)
        let warnings = Self.doctor(file, channels).filter { $0.name == "configuration" && $0.status == .warn }
        #expect(warnings.map(\.detail).contains("pigeon.loft is empty: replies fly nowhere"))
    }

    @Test func doctorKnowsTheChannelsTablesOnlyWithItsRegistration() throws {
        let file = try Self.configurationFile(#""pigeon": { "token": "t" }"#)
        let configuration = try Configuration.load(file: file, environment: [:], channels: channels)
        _ = try configuration.openDatabase(channels: channels)
        let path = configuration.databasePath
        #expect(Self.doctor(nil, database: path, channels).first { $0.name == "database" }?.status == .ok)
        #expect(Self.doctor(nil, database: path, .standard).first { $0.name == "database" }?.status == .fail)
    }
}
