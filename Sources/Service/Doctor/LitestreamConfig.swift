import Foundation

/// What `tandem doctor` needs from Litestream's YAML configuration (`/etc/litestream.yml`): the metrics address and,
/// for each database, its path, Litestream's own directory beside it and its replica. Reads the block-style YAML that
/// Litestream documents (`dbs:` a list of mappings, `replica:` a mapping, `#` comments, quoted scalars, `${VAR}` from
/// the environment as Litestream expands it) — not YAML in general. Never keeps credentials: only the keys below.
struct LitestreamConfig: Sendable, Equatable {
    /// One `dbs:` entry.
    struct Entry: Sendable, Equatable {
        /// `path:` — the database file (or `dir:` for a directory of them).
        var path = ""
        var isDirectory = false
        /// `meta-path:` — where Litestream keeps its position; empty for the default `.<file>-litestream` beside it.
        var metaPath = ""
        /// `replica:` (or the first of the deprecated `replicas:`): `type`, `url`, `path`, `bucket`, `endpoint`.
        var replica: [String: String] = [:]
    }

    /// `addr:` — where Litestream serves its Prometheus metrics (`:9090`); empty when off.
    var metricsAddress = ""
    var entries: [Entry] = []

    /// The replica keys worth showing; everything else (keys, passwords, tokens) is never read.
    private static let replicaKeys: Set<String> = ["type", "url", "path", "bucket", "endpoint", "host"]

    /// Parses `text`; `${NAME}` and `$NAME` are replaced from `environment`.
    init(parsing text: String, environment: [String: String]) {
        var inDatabases = false
        var itemIndent = -1
        var section: (name: String, indent: Int)?
        var replicaItemSeen = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Self.withoutComment(String(raw))
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            var indent = line.prefix { $0 == " " }.count
            var content = String(line.dropFirst(indent))
            var startsItem = false
            if content.hasPrefix("- ") {
                startsItem = true
                content = String(content.dropFirst(2))
                indent += 2
            }
            let (key, value) = Self.keyValue(content, environment: environment)
            if indent == 0 {
                inDatabases = key == "dbs"
                section = nil
                if key == "addr" { metricsAddress = value }
                continue
            }
            guard inDatabases else { continue }
            if startsItem && (itemIndent < 0 || indent == itemIndent) {
                itemIndent = indent
                entries.append(Entry())
                section = nil
                replicaItemSeen = false
            }
            guard !entries.isEmpty else { continue }
            if indent == itemIndent {
                section = nil
                switch key {
                case "path": entries[entries.count - 1].path = value
                case "dir":
                    entries[entries.count - 1].path = value
                    entries[entries.count - 1].isDirectory = true
                case "meta-path": entries[entries.count - 1].metaPath = value
                case "replica", "replicas": section = (key, indent)
                default: break
                }
            } else if let open = section, indent > open.indent {
                if startsItem {
                    guard !replicaItemSeen else {  // a second replica of the old list: Litestream 0.5 refuses it
                        section = nil
                        continue
                    }
                    replicaItemSeen = true
                }
                if Self.replicaKeys.contains(key) { entries[entries.count - 1].replica[key] = value }
            }
        }
    }

    /// The entry replicating the database at `path` (absolute, standardized), if any.
    func entry(for path: String) -> Entry? {
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        return entries.first { entry in
            let configured = URL(fileURLWithPath: entry.path).standardizedFileURL.path
            return entry.isDirectory
                ? URL(fileURLWithPath: target).deletingLastPathComponent().path == configured
                : configured == target
        }
    }

    private static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for (offset, character) in line.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" && previous == " " {
                return String(line.prefix(offset))
            }
            previous = character
        }
        return line
    }

    private static func keyValue(_ content: String, environment: [String: String]) -> (String, String) {
        guard let colon = content.firstIndex(of: ":") else { return (content, "") }
        let key = content[..<colon].trimmingCharacters(in: .whitespaces)
        var value = content[content.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
            value = String(value.dropFirst().dropLast())
        }
        return (key, expand(value, environment))
    }

    /// `${NAME}` and `$NAME` from `environment` (unset: empty), as Litestream expands its configuration.
    private static func expand(_ value: String, _ environment: [String: String]) -> String {
        guard value.contains("$") else { return value }
        var result = ""
        var rest = Substring(value)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            let name: Substring
            if rest.first == "{", let close = rest.firstIndex(of: "}") {
                name = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                rest = rest.dropFirst(name.count)
            }
            result += environment[String(name)] ?? ""
        }
        return result + rest
    }
}
