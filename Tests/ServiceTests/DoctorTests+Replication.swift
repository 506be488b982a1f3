import Foundation
import HTTP
import Service
import Testing

/// `tandem doctor`'s replication line against Litestream's real files: its YAML configuration, its LTX files beside
/// the database and in a file replica (`MIN-MAX.ltx`, dated), and its metrics served by our HTTP server.
extension DoctorTests {
    /// A database last written ten minutes ago, Litestream's position beside it (`local`, a second after that
    /// write), a file replica at `replica` written `replicaAge` seconds before that write, and Litestream's
    /// configuration naming the replica folder through `${REPLICA_DIR}` (or directly, without `viaEnvironment`).
    struct Replicated {
        let database: String
        let litestream: String
        let environment: [String: String]
    }

    func replicated(
        local: UInt64 = 5, replica: UInt64? = 5, replicaAge: TimeInterval = 0, extra: String = "",
        viaEnvironment: Bool = true
    ) throws -> Replicated {
        let database = try self.database()
        let written = Date(timeIntervalSinceNow: -600)
        let files = FileManager.default
        for file in [database, database + "-wal"] where files.fileExists(atPath: file) {
            try files.setAttributes([.modificationDate: written], ofItemAtPath: file)
        }
        let name = URL(fileURLWithPath: database).lastPathComponent
        try Self.ltx(in: folder.appendingPathComponent(".\(name)-litestream").path, txid: local, written: written + 1)
        let replicaFolder = folder.appendingPathComponent("replica-\(UUID().uuidString)").path
        if let replica { try Self.ltx(in: replicaFolder, txid: replica, written: written - replicaAge) }
        let yaml = """
            # Litestream for Tandem
            \(extra)
            dbs:
              - path: "\(database)"   # the live database
                replica:
                  type: file
                  path: \(viaEnvironment ? "${REPLICA_DIR}" : replicaFolder)
                  access-key-id: never-shown
            """
        let litestream = folder.appendingPathComponent("litestream-\(UUID().uuidString).yml").path
        try yaml.write(toFile: litestream, atomically: true, encoding: .utf8)
        return Replicated(database: database, litestream: litestream, environment: ["REPLICA_DIR": replicaFolder])
    }

    /// An LTX file `0000000000000001-<txid>.ltx` in `root/ltx/0/`, dated `written`.
    static func ltx(in root: String, txid: UInt64, written: Date) throws {
        let level = URL(fileURLWithPath: root).appendingPathComponent("ltx/0")
        try FileManager.default.createDirectory(at: level, withIntermediateDirectories: true)
        let hex = String(txid, radix: 16)
        let name = "0000000000000001-\(String(repeating: "0", count: 16 - hex.count))\(hex).ltx"
        let file = level.appendingPathComponent(name)
        try Data("LTX".utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: written], ofItemAtPath: file.path)
    }

    func replicationFinding(_ setup: Replicated) throws -> DoctorFinding {
        let file = folder.appendingPathComponent("tandem-\(UUID().uuidString).json").path
        let sections: [String: [String: Any]] = [
            "database": ["path": setup.database], "dialogs": ["path": TranscriptTests.dialogs],
            "replication": ["litestream_config": setup.litestream],
        ]
        try JSONSerialization.data(withJSONObject: sections).write(to: URL(fileURLWithPath: file))
        var findings: [DoctorFinding] = []
        Doctor(configurationFile: file, environment: setup.environment, timeout: .seconds(5)).run {
            findings.append($0)
        }
        return try #require(findings.first { $0.name == "replication" })
    }

    @Test func withoutLitestreamItWarnsThatNothingCopiesTheDatabase() throws {
        let findings = try run([
            "database": ["path": try database()], "dialogs": ["path": TranscriptTests.dialogs],
            "replication": ["litestream_config": folder.appendingPathComponent("none.yml").path],
        ])
        let replication = try #require(findings.first { $0.name == "replication" })
        #expect(replication.status == .warn)
        #expect(replication.detail.contains("no Litestream configuration at"))
        #expect(replication.fix.contains("deploy/replication.md"))
    }

    @Test func aLitestreamConfigurationWithoutThisDatabaseWarns() throws {
        let setup = try replicated()
        let other = Replicated(database: try database(), litestream: setup.litestream, environment: setup.environment)
        let finding = try replicationFinding(other)
        #expect(finding.status == .warn && finding.detail.contains("does not replicate"), "\(finding)")
    }

    @Test func anUpToDateFileReplicaIsOKAndNamesItsPosition() throws {
        let setup = try replicated()
        let finding = try replicationFinding(setup)
        #expect(finding.status == .ok, "\(finding)")
        #expect(finding.detail.hasPrefix("file replica \(setup.environment["REPLICA_DIR"] ?? "?")"))
        #expect(finding.detail.contains("Litestream at txid 0000000000000005, replica at 0000000000000005 (0 behind)"))
        #expect(finding.detail.hasSuffix("up to date with the last write"))
        #expect(!finding.description.contains("never-shown"))
    }

    @Test func theOldReplicasListAndAFileURLAreReadToo() throws {
        let setup = try replicated(local: 7, replica: 7)
        let folder = try #require(setup.environment["REPLICA_DIR"])
        let yaml = """
            addr: ""
            dbs:
              - path: /somewhere/else.sqlite
                replica: { type: s3 }
              - path: \(setup.database)
                replicas:
                  - url: file://\(folder)   # the first one is the replica Litestream 0.5 uses
                  - url: s3://other-bucket/ignored
            """
        try yaml.write(toFile: setup.litestream, atomically: true, encoding: .utf8)
        let finding = try replicationFinding(setup)
        #expect(finding.status == .ok, "\(finding)")
        #expect(finding.detail.hasPrefix("file replica file://\(folder), Litestream at txid 0000000000000007"))
        #expect(finding.detail.contains("replica at 0000000000000007 (0 behind)"))
    }

    @Test func aReplicaBehindTheLastWriteWarnsWithHowFar() throws {
        let finding = try replicationFinding(try replicated(local: 9, replica: 4, replicaAge: 300))
        #expect(finding.status == .warn, "\(finding)")
        #expect(finding.detail.contains("replica at 0000000000000004 (5 behind)"))
        #expect(finding.detail.hasSuffix("300 s behind the last database write"))
    }

    @Test func aReplicaNotWrittenYetWarns() throws {
        let finding = try replicationFinding(try replicated(replica: nil))
        #expect(finding.status == .warn && finding.detail.contains("nothing copied there yet"), "\(finding)")
    }

    @Test func litestreamMetricsThatDoNotAnswerWarn() throws {
        let finding = try replicationFinding(try replicated(extra: "addr: \"127.0.0.1:\(try Self.closedPort())\""))
        #expect(finding.status == .warn && finding.detail.contains("do not answer"), "\(finding)")
    }

    @Test func litestreamErrorCountersAreReported() throws {
        let metrics = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0)) { request in
            request.path == "/metrics"
                ? .text("""
                    # HELP litestream_sync_error_count Number of sync errors that have occurred
                    litestream_sync_error_count{db="/x"} 2
                    litestream_replica_operation_errors_total{operation="PUT",replica_type="file"} 1
                    litestream_txid{db="/x"} 5

                    """)
                : .status(.notFound)
        }
        let port = try metrics.start()
        defer { Self.stop(metrics) }
        let finding = try replicationFinding(try replicated(extra: "addr: \":\(port)\""))
        #expect(finding.status == .ok, "\(finding)")
        #expect(finding.detail.contains("3 sync/replica error(s) counted"))
    }
}
