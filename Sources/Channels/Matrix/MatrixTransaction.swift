import Crypto

/// The body of `PUT /_matrix/app/v1/transactions/{txnId}`: `{"events": [...]}`.
public enum MatrixTransaction {
    /// Why a transaction body was refused; each maps to a Matrix error code and HTTP 400.
    public enum DecodeError: Error, Sendable, Equatable {
        /// Not JSON at all (or invalid UTF-8): `M_NOT_JSON`.
        case notJSON
        /// JSON, but not `{"events": [objects]}`: `M_BAD_JSON`.
        case badShape(String)

        public var errcode: String { self == .notJSON ? "M_NOT_JSON" : "M_BAD_JSON" }
        public var message: String {
            switch self {
            case .notJSON: return "body is not JSON"
            case .badShape(let detail): return detail
            }
        }
    }

    /// The events of a transaction body. Events missing required fields are skipped, not fatal: the homeserver
    /// would re-send the same transaction forever otherwise.
    public static func decode(_ body: [UInt8]) throws(DecodeError) -> [MatrixEvent] {
        guard let json = JSONValue.parse(body) else { throw .notJSON }
        guard case .object = json else { throw .badShape("body must be a JSON object") }
        guard let events = json["events"] else { return [] }
        guard let list = events.array else { throw .badShape("`events` must be an array") }
        return list.compactMap(MatrixEvent.init)
    }
}

extension MatrixTransaction {
    /// What a transaction carried, as one value: the SHA-256 of its event IDs in order (hex). A homeserver that
    /// re-sends a transaction sends the same events; one that reuses a txnId for new events gives another digest.
    public static func digest(of events: [MatrixEvent]) -> String {
        SHA256.hex(Array(events.map(\.eventID).joined(separator: "\n").utf8))
    }
}
