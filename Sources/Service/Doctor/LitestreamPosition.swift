import Foundation

/// How far Litestream got, read from its LTX files (`ltx/<level>/<min txid>-<max txid>.ltx`, 16 hex digits each):
/// the highest transaction ID and when the file holding it was written. Litestream keeps these files in its own
/// directory beside the database (what it has taken from the WAL) and in a file replica (what it has copied there).
struct LitestreamPosition: Sendable, Equatable {
    /// Litestream's transaction ID (one per WAL sync pass, not one per SQLite transaction).
    let txid: UInt64
    /// When the file holding ``txid`` was written.
    let written: Date

    /// The newest position in the LTX files under `root/ltx/`, or nil when there are none.
    static func newest(under root: String) -> LitestreamPosition? {
        let files = FileManager.default
        let ltx = (root as NSString).appendingPathComponent("ltx")
        var newest: LitestreamPosition?
        for level in (try? files.contentsOfDirectory(atPath: ltx)) ?? [] {
            let folder = (ltx as NSString).appendingPathComponent(level)
            for name in (try? files.contentsOfDirectory(atPath: folder)) ?? [] {
                let file = (folder as NSString).appendingPathComponent(name)
                guard let txid = maxTXID(name), txid >= newest?.txid ?? 0,
                      let written = try? files.attributesOfItem(atPath: file)[.modificationDate] as? Date
                else { continue }
                if txid > newest?.txid ?? 0 || written > newest?.written ?? .distantPast {
                    newest = LitestreamPosition(txid: txid, written: written)
                }
            }
        }
        return newest
    }

    /// The transaction ID as Litestream prints it: 16 hex digits.
    var hex: String {
        let digits = String(txid, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// The upper transaction ID of an LTX file name `MIN-MAX.ltx`.
    private static func maxTXID(_ name: String) -> UInt64? {
        guard name.hasSuffix(".ltx") else { return nil }
        let parts = name.dropLast(4).split(separator: "-")
        guard parts.count == 2, parts[1].count == 16 else { return nil }
        return UInt64(parts[1], radix: 16)
    }
}
