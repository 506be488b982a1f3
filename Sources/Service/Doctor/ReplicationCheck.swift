import Channels
import Foundation

/// Whether a Litestream replica protects the database, and how far behind it is: from Litestream's configuration
/// (`replication.litestream_config`), its position beside the database (its `.<file>-litestream` directory) against
/// the last write to the WAL, the position of a file replica, and its Prometheus error counters when `addr:` is set.
/// Never fails: without a replica the service works, but a lost disk loses everything since the last backup.
struct ReplicationCheck {
    let databasePath: String
    let configurationPath: String
    let environment: [String: String]
    let http: HTTPClient
    let timeout: Duration

    /// A replica further behind the last database write than this is reported (Litestream syncs every second).
    static let tolerance: TimeInterval = 60

    func run() -> DoctorFinding {
        guard let text = try? String(contentsOfFile: configurationPath, encoding: .utf8) else {
            return .warn(
                "replication", "no Litestream configuration at \(configurationPath): nothing copies the database "
                    + "as it changes, a lost disk loses everything since the last `tandem backup`",
                fix: "replicate it with Litestream (deploy/replication.md), or set replication.litestream_config")
        }
        let configuration = LitestreamConfig(parsing: text, environment: environment)
        guard let entry = configuration.entry(for: databasePath) else {
            return .warn(
                "replication", "\(configurationPath) does not replicate \(databasePath)",
                fix: "add it under `dbs:` (deploy/litestream.yml)")
        }
        guard let replica = Self.describe(entry.replica) else {
            return .warn(
                "replication", "\(configurationPath) lists \(databasePath) without a replica",
                fix: "give it a `replica:` (deploy/litestream.yml)")
        }
        let meta = metaPath(entry)
        guard let local = LitestreamPosition.newest(under: meta) else {
            return .warn(
                "replication", "\(replica): Litestream has not replicated anything yet (no position in \(meta))",
                fix: "is `litestream replicate` running? (deploy/replication.md)")
        }
        let lastWrite = Self.lastWrite(databasePath)
        var lag = max(0, lastWrite.timeIntervalSince(local.written))
        var details = ["\(replica), Litestream at txid \(local.hex)"]
        if let folder = Self.fileReplicaPath(entry.replica) {
            guard let remote = LitestreamPosition.newest(under: folder) else {
                return .warn(
                    "replication", "\(replica): nothing copied there yet (Litestream at txid \(local.hex))",
                    fix: "check Litestream's log for errors writing to \(folder)")
            }
            if remote.txid < local.txid { lag = max(0, lastWrite.timeIntervalSince(remote.written)) }
            details.append("replica at \(remote.hex) (\(local.txid - min(local.txid, remote.txid)) behind)")
        }
        if !configuration.metricsAddress.isEmpty {
            guard let errors = metricsErrors(configuration.metricsAddress) else {
                return .warn(
                    "replication", "\(details.joined(separator: ", ")); its metrics at "
                        + "\(configuration.metricsAddress) do not answer",
                    fix: "is `litestream replicate` running? (deploy/replication.md)")
            }
            details.append("\(errors) sync/replica error(s) counted")
        }
        let summary = details.joined(separator: ", ")
        guard lag <= Self.tolerance else {
            return .warn(
                "replication", "\(summary); \(Int(lag)) s behind the last database write",
                fix: "check Litestream's log and its litestream_sync_error_count")
        }
        return .ok("replication", "\(summary); \(lag < 1 ? "up to date with" : "\(Int(lag)) s behind") the last write")
    }

    /// Litestream's directory for the database: `meta-path`, or `.<file>-litestream` beside it.
    private func metaPath(_ entry: LitestreamConfig.Entry) -> String {
        guard entry.metaPath.isEmpty else { return entry.metaPath }
        let url = URL(fileURLWithPath: databasePath).standardizedFileURL
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent)-litestream").path
    }

    /// When the database last changed: its WAL's modification time, or the file's when the WAL is missing or empty
    /// (a connection that only reads may create an empty one).
    private static func lastWrite(_ path: String) -> Date {
        let files = FileManager.default
        for candidate in [path + "-wal", path] {
            guard let attributes = try? files.attributesOfItem(atPath: candidate),
                  (attributes[.size] as? NSNumber)?.intValue ?? 0 > 0,
                  let date = attributes[.modificationDate] as? Date
            else { continue }
            return date
        }
        return .distantPast
    }

    /// `file replica /mnt/backup/tandem`, `s3 replica s3://bucket/tandem`; nil without a replica.
    private static func describe(_ replica: [String: String]) -> String? {
        if let url = replica["url"], !url.isEmpty {
            let scheme = url.split(separator: ":").first.map(String.init) ?? "url"
            return "\(scheme) replica \(url)"
        }
        guard let type = replica["type"], !type.isEmpty else { return nil }
        let place = [replica["bucket"], replica["host"], replica["path"]].compactMap { $0 }.filter { !$0.isEmpty }
        return "\(type) replica \(place.joined(separator: "/"))"
    }

    /// The folder of a `file` replica (`type: file` with `path:`, or a `file://` URL); nil for other kinds.
    private static func fileReplicaPath(_ replica: [String: String]) -> String? {
        if let url = replica["url"], url.hasPrefix("file://") { return String(url.dropFirst("file://".count)) }
        guard replica["type"] == "file", let path = replica["path"], !path.isEmpty else { return nil }
        return path
    }

    /// The sum of `litestream_sync_error_count` and `litestream_replica_operation_errors_total` from the metrics at
    /// `address` (`:9090` is this machine); nil when they cannot be read.
    private func metricsErrors(_ address: String) -> Int? {
        let host = address.hasPrefix(":")
            ? "127.0.0.1" + address : address.replacingOccurrences(of: "0.0.0.0", with: "127.0.0.1")
        guard let response = try? http.send(HTTPClientRequest(url: "http://\(host)/metrics", timeout: timeout)),
              response.status == 200
        else { return nil }
        let text = String(decoding: response.body, as: UTF8.self)
        var errors = 0.0
        let counters = ["litestream_sync_error_count{", "litestream_replica_operation_errors_total"]
        for line in text.split(separator: "\n") where counters.contains(where: { line.hasPrefix($0) }) {
            errors += line.split(separator: " ").last.flatMap { Double($0) } ?? 0
        }
        return Int(errors)
    }
}
