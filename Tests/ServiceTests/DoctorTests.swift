#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HTTP
import Programme
import Service
import Store
import Synchronization
import Testing

/// `tandem doctor` against real things: a temp SQLite file, the shipped (or a broken copy of the) dialogues, our
/// HTTP server on 127.0.0.1 acting as the homeserver or holding the port, a one-session SMTP server, closed ports.
@Suite("Doctor")
struct DoctorTests {
    static let asToken = "as-secret-0123456789"
    static let dataKey = "doctor-data-key-0123456789-abcdefghijklmnop"
    let folder: URL

    /// The commands a fake SMTP server received, shared with its thread; `done` is signalled when it hangs up.
    final class SMTPCommands: Sendable {
        private let lines = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)

        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-doctor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    // MARK: - Whole reports

    @Test func aWorkingSetupIsAllOK() throws {
        let homeserver = try Self.homeserver { request in
            request.headers["authorization"] == "Bearer \(Self.asToken)"
                ? .json(body: #"{"duration_ms":3}"#)
                : .json(status: .unauthorized, body: #"{"errcode":"M_UNKNOWN_TOKEN"}"#)
        }
        defer { Self.stop(homeserver.server) }
        let smtp = try Self.smtpSession()
        let replicated = try replicated(viaEnvironment: false)
        let findings = try run([
            "database": ["path": replicated.database],
            "dialogs": ["path": TranscriptTests.dialogs],
            "http": ["port": try Self.closedPort()],
            "matrix": [
                "homeserver_url": homeserver.url, "server_name": "example.org", "as_token": Self.asToken,
                "hs_token": "hs-secret",
            ],
            "email": ["smtp_url": "smtp://127.0.0.1:\(smtp.port)", "from": "tandem@example.org", "webhook_secret": "w"],
            "expenses": ["data_key": Self.dataKey],
            "replication": ["litestream_config": replicated.litestream],
        ])
        #expect(findings.map(\.name)
            == [
                "configuration", "database", "files", "outbox", "replication", "expenses", "dialogs", "http", "matrix",
                "smtp",
            ])
        #expect(findings.allSatisfy { $0.status == .ok }, "\(findings)")
        #expect(findings[1].detail.hasSuffix(", schema \(Schema.migrations.map(\.version).max() ?? 0), integrity ok"))
        #expect(findings[8].detail.contains("appservice ping round trip"))
        #expect(findings[8].detail.contains("(homeserver → tandem 3 ms)"))
        #expect(findings[9].description.hasPrefix("ok   smtp: 127.0.0.1:\(smtp.port) answered EHLO"))
        #expect(smtp.commands.done.wait(timeout: .now() + 5) == .success)
        #expect(smtp.commands.all.map { $0.prefix(4).uppercased() } == ["EHLO", "QUIT"], "no mail is ever sent")
        #expect(!findings.map(\.description).joined().contains(Self.asToken))
        #expect(!findings.map(\.description).joined().contains(Self.dataKey))
    }

    @Test func aConfigurationThatDoesNotLoadStopsTheReport() throws {
        let findings = try run(["http": ["prot": 1]])
        #expect(findings.count == 1)
        #expect(findings[0].status == .fail)
        #expect(findings[0].description.hasPrefix("FAIL configuration: http.prot: unknown setting"))
    }

    @Test func aHalfConfiguredChannelWarnsByNameNeverByValue() throws {
        let findings = try run([
            "database": ["path": try database()], "dialogs": ["path": TranscriptTests.dialogs],
            "http": ["port": try Self.closedPort()],
            "matrix": ["as_token": Self.asToken],
            "email": ["smtp_user": "tandem", "smtp_password": "pw-secret"],
        ], mode: 0o644)
        let warnings = findings.filter { $0.name == "configuration" && $0.status == .warn }.map(\.detail)
        #expect(warnings.contains { $0.contains("matrix.homeserver_url, matrix.server_name, matrix.hs_token empty") })
        #expect(warnings.contains { $0.contains("email.smtp_url is empty") })
        #expect(warnings.contains { $0.contains("(mode 644)") })
        let text = findings.map(\.description).joined(separator: "\n")
        #expect(!text.contains(Self.asToken) && !text.contains("pw-secret"))
        #expect(!findings.contains { $0.status == .fail })
    }

    // MARK: - Database and outbox

    @Test func bankDetailsKeysAreCheckedByIDNeverByValue() throws {
        let key = try BankDetailsKey(configuredSecret: Self.dataKey)
        let path = try database { connection in
            try connection.run("INSERT INTO participants (id, name, language, time_zone, created_at) VALUES (1, 'A', 'en', 'UTC', 0)")
            try BankDetailsVault(connection, now: 0, key: key).save(
                BankDetails(holder: "A", iban: try IBAN("BG80 BNBG 9661 1020 3456 78")), participantID: 1)
        }
        let base: [String: [String: Any]] = ["database": ["path": path], "dialogs": ["path": TranscriptTests.dialogs]]
        func finding(_ sections: [String: [String: Any]]) throws -> DoctorFinding {
            try #require(try run(sections.merging(base) { new, _ in new }).first { $0.name == "expenses" })
        }
        let right = try finding(["expenses": ["data_key": Self.dataKey]])
        #expect(right.status == .ok && right.detail.contains("configured key \(key.id)"), "\(right)")
        let missing = try finding([:])
        #expect(missing.status == .fail && missing.detail.contains("sealed with key \(key.id)"), "\(missing)")
        let other = try finding(["expenses": ["data_key": "another-key-0123456789-abcdefghijklmnopq"]])
        #expect(other.status == .fail, "\(other)")
        let fresh = try finding(["database": ["path": try database()]])
        #expect(fresh.status == .warn && fresh.detail.contains("expenses.data_key is not set"), "\(fresh)")
        #expect(![right, missing, other, fresh].map(\.description).joined().contains(Self.dataKey))
    }

    @Test func databaseFilesAndBackupsOthersMayReadWarnWithWhatToDo() throws {
        let path = try database { try $0.run("INSERT INTO participants (name, created_at) VALUES ('A', 0)") }
        let backups = folder.appendingPathComponent("backups").path
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: backups + "/hourly-01.sqlite", contents: Data("x".utf8))
        let files = FileManager.default
        func finding() throws -> DoctorFinding {
            var found: [DoctorFinding] = []
            Doctor(configurationFile: nil, databasePath: path, backupDirectory: backups, environment: [:])
                .run { found.append($0) }
            return try #require(found.first { $0.name == "files" })
        }
        try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: backups + "/hourly-01.sqlite")
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: backups)
        let private_ = try finding()
        #expect(private_.status == .ok, "\(private_)")

        try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: backups + "/hourly-01.sqlite")
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: backups)
        let exposed = try finding()
        #expect(exposed.status == .warn)
        // (SQLite gives a WAL the database's mode, so one opened meanwhile is listed too.)
        for line in ["\(path) (mode 644)", "\(backups) (mode 755)", "\(backups)/hourly-01.sqlite (mode 644)"] {
            #expect(exposed.lines.contains(line), "\(exposed.lines)")
        }
        #expect(exposed.lines.allSatisfy { $0.hasPrefix(path) || $0.hasPrefix(backups) })
        #expect(exposed.fix.contains("chmod go="))
        #expect(exposed.fix.contains("UMask=0077"))
    }

    @Test func deadMessagesWarnAndANewerSchemaFails() throws {
        let path = try database { connection in
            let id = try OutboxRepository(connection).enqueue(
                conversationID: nil, channel: .email, address: "ana@example.org", body: "hi", now: 0)
            try OutboxRepository(connection).markDead(id, error: "550 no such user")
            try connection.run("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from the future')")
        }
        let findings = try run(["database": ["path": path], "dialogs": ["path": TranscriptTests.dialogs]])
        let database = try #require(findings.first { $0.name == "database" })
        #expect(database.status == .fail)
        #expect(database.detail.contains("schema 9999 comes from a newer Tandem"))
        let outbox = try #require(findings.first { $0.name == "outbox" })
        #expect(outbox.description.hasPrefix("warn outbox: 0 queued, 1 dead (email 1) — see why with `tandem outbox"))
    }

    @Test func aFileThatIsNotADatabaseFails() throws {
        let path = folder.appendingPathComponent("not.sqlite").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        let findings = try run(["dialogs": ["path": TranscriptTests.dialogs]], database: path)
        let database = try #require(findings.first { $0.name == "database" })
        #expect(database.status == .fail)
        #expect(database.detail.hasPrefix("cannot read \(path)"))
        #expect(!findings.contains { $0.name == "outbox" })
    }

    // MARK: - Dialogs

    @Test func brokenDialogsShowTheFirstFiveProblems() throws {
        let copy = folder.appendingPathComponent("Dialogs").path
        try FileManager.default.copyItem(atPath: TranscriptTests.dialogs, toPath: copy)
        try FileManager.default.removeItem(atPath: copy + "/locales/tr/log.locale")
        let findings = try run(["database": ["path": try database()], "dialogs": ["path": copy]])
        let dialogs = try #require(findings.first { $0.name == "dialogs" })
        #expect(dialogs.status == .fail)
        #expect(dialogs.lines.count == 6)
        #expect(dialogs.lines.prefix(5).allSatisfy { $0.hasPrefix(copy) && $0.contains(".locale:") })
        #expect(dialogs.lines.last?.hasPrefix("… and ") == true)
        #expect(dialogs.description.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("     ") })
    }

    // MARK: - Matrix

    @Test(arguments: [
        (401, "M_UNKNOWN_TOKEN", "its as_token must equal matrix.as_token"),
        (403, "M_FORBIDDEN", "`id: tandem`"),
        (502, "M_CONNECTION_FAILED", "start `tandem serve`"),
        (502, "M_BAD_STATUS", "hs_token must equal matrix.hs_token"),
    ])
    func aFailedPingSaysWhatToFix(status: Int, errcode: String, fix: String) throws {
        let homeserver = try Self.homeserver { _ in
            .json(status: HTTPStatus(code: status), body: #"{"errcode":"\#(errcode)","status":403}"#)
        }
        defer { Self.stop(homeserver.server) }
        let finding = try matrix(homeserver.url)
        #expect(finding.status == .fail)
        #expect(finding.detail.contains("appservice ping answered \(status) \(errcode)"))
        #expect(finding.fix.contains(fix), "\(finding)")
    }

    @Test func aHomeserverWithoutThePingIsAWarning() throws {
        let homeserver = try Self.homeserver { _ in .json(status: .notFound, body: #"{"errcode":"M_UNRECOGNIZED"}"#) }
        defer { Self.stop(homeserver.server) }
        #expect(try matrix(homeserver.url).status == .warn)
    }

    @Test func aHomeserverThatIsDownFails() throws {
        let url = "http://127.0.0.1:\(try Self.closedPort())"
        let finding = try matrix(url)
        #expect(finding.status == .fail)
        #expect(finding.description.hasPrefix("FAIL matrix: cannot reach \(url) ("))
        #expect(finding.fix == "is the homeserver running? check matrix.homeserver_url")
    }

    // MARK: - SMTP and the HTTP port

    @Test func aClosedSMTPPortFails() throws {
        let port = try Self.closedPort()
        let findings = try run([
            "database": ["path": try database()], "dialogs": ["path": TranscriptTests.dialogs],
            "email": ["smtp_url": "smtp://127.0.0.1:\(port)", "from": "tandem@example.org", "webhook_secret": "w"],
        ])
        let smtp = try #require(findings.last)
        #expect(smtp.description
            == "FAIL smtp: cannot connect to 127.0.0.1:\(port) (connection refused) — is the mail server running? "
            + "check email.smtp_url")
    }

    @Test func credentialsTheServerCannotUseWarn() throws {
        let smtp = try Self.smtpSession()
        let replicated = try replicated(viaEnvironment: false)
        let findings = try run([
            "database": ["path": replicated.database], "dialogs": ["path": TranscriptTests.dialogs],
            "email": [
                "smtp_url": "smtp://127.0.0.1:\(smtp.port)", "from": "tandem@example.org", "webhook_secret": "w",
                "smtp_user": "tandem", "smtp_password": "pw-secret",
            ],
        ])
        let finding = try #require(findings.last)
        #expect(finding.status == .warn)
        #expect(finding.detail.hasSuffix("but offers no AUTH"))
        #expect(smtp.commands.done.wait(timeout: .now() + 5) == .success)
        #expect(!smtp.commands.all.joined().contains("pw-secret"))
    }

    @Test func aPortHeldByTandemIsOKAndByAnotherProgramFails() throws {
        for (answer, expected) in [("ok\n", DoctorFinding.Status.ok), ("", .fail)] {
            let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0)) { request in
                request.path == "/healthz" && !answer.isEmpty ? .text(answer) : .status(.notFound)
            }
            let port = try server.start()
            defer { Self.stop(server) }
            let findings = try run(["database": ["path": try database()], "http": ["port": Int(port)]])
            let http = try #require(findings.first { $0.name == "http" })
            #expect(http.status == expected, "\(http)")
            #expect(http.detail.contains(expected == .ok ? "already serving /healthz" : "in use by another program"))
        }
    }

    // MARK: - Helpers

    /// Writes `sections` as the configuration file (with `mode`) and runs the doctor without environment.
    func run(_ sections: [String: [String: Any]], database: String? = nil, mode: Int = 0o600) throws
        -> [DoctorFinding]
    {
        var sections = sections
        if sections["http"] == nil { sections["http"] = ["port": try Self.closedPort()] }
        let file = folder.appendingPathComponent("tandem-\(UUID().uuidString).json").path
        try JSONSerialization.data(withJSONObject: sections).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        var findings: [DoctorFinding] = []
        Doctor(configurationFile: file, databasePath: database, environment: [:], timeout: .seconds(5)).run {
            findings.append($0)
        }
        return findings
    }

    /// The matrix finding for a homeserver at `url`.
    private func matrix(_ url: String) throws -> DoctorFinding {
        let findings = try run([
            "database": ["path": try database()], "dialogs": ["path": TranscriptTests.dialogs],
            "matrix": ["homeserver_url": url, "server_name": "example.org", "as_token": Self.asToken, "hs_token": "h"],
        ])
        return try #require(findings.first { $0.name == "matrix" })
    }

    /// A fresh, migrated database file (closed again), after `prepare` ran in one transaction.
    func database(_ prepare: (Connection) throws -> Void = { _ in }) throws -> String {
        let path = folder.appendingPathComponent("tandem-\(UUID().uuidString).sqlite").path
        try Database(path: path).write(prepare)
        return path
    }

    /// Our HTTP server as a homeserver: `GET /_matrix/client/versions`, and `ping` for the appservice ping.
    private static func homeserver(ping: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws
        -> (server: HTTPServer, url: String)
    {
        let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0)) { request in
            switch (request.method, request.path) {
            case ("GET", "/_matrix/client/versions"): .json(body: #"{"versions":["v1.6","v1.11"]}"#)
            case ("POST", "/_matrix/client/v1/appservice/tandem/ping"): ping(request)
            default: .json(status: .notFound, body: #"{"errcode":"M_UNRECOGNIZED"}"#)
            }
        }
        let port = try server.start()
        return (server, "http://127.0.0.1:\(port)")
    }

    static func stop(_ server: HTTPServer) {
        server.shutdown()
        server.waitUntilStopped()
    }

    /// A port on 127.0.0.1 that nothing listens on: bound by our server, which is then stopped.
    static func closedPort() throws -> Int {
        let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0)) { _ in .status(.notFound) }
        let port = try server.start()
        stop(server)
        return Int(port)
    }

    /// A one-session SMTP server on 127.0.0.1: greets, answers every command 250 (QUIT 221), records the commands.
    private static func smtpSession() throws -> (port: Int, commands: SMTPCommands) {
        #if canImport(Glibc)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 1) == 0
                    && getsockname(listener, address, &length) == 0
            }
        }
        try #require(bound)
        let commands = SMTPCommands()
        Thread.detachNewThread {
            let client = accept(listener, nil, nil)
            close(listener)
            defer {
                close(client)
                commands.done.signal()
            }
            func reply(_ text: String) { _ = text.withCString { write(client, $0, strlen($0)) } }
            reply("220 fake ESMTP\r\n")
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1024)
            while case let count = read(client, &buffer, buffer.count), count > 0 {
                pending += buffer[..<count]
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces
                        .union(.newlines))
                    pending.removeSubrange(...end)
                    commands.append(line)
                    guard !line.uppercased().hasPrefix("QUIT") else { return reply("221 bye\r\n") }
                    reply(line.uppercased().hasPrefix("EHLO") ? "250-fake\r\n250 8BITMIME\r\n" : "250 ok\r\n")
                }
            }
        }
        return (Int(UInt16(bigEndian: address.sin_port)), commands)
    }
}
