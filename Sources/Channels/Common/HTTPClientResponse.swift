/// A response received by ``HTTPClient``: any status, including 4xx and 5xx, is a response, not an error.
public struct HTTPClientResponse: Sendable, CustomStringConvertible {
    /// The status code, e.g. 200 or 429.
    public var status: Int
    /// The header fields of the final response (not of any `100 Continue`), in order, names as received.
    public var headers: [(String, String)]
    /// The body bytes (never more than the request's size limit).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header called `name` (ASCII case-insensitive), e.g. `header("retry-after")`.
    public func header(_ name: String) -> String? {
        headers.first { Self.namesEqual($0.0, name) }?.1
    }

    /// The values of every header called `name` (ASCII case-insensitive), in order.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { Self.namesEqual($0.0, name) }.map(\.1)
    }

    /// The body decoded as UTF-8 (invalid sequences replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Status and sizes only: bodies may hold personal data.
    public var description: String {
        "HTTP \(status) (\(headers.count) headers, \(body.count) body bytes)"
    }

    static func namesEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = lhs.utf8
        let b = rhs.utf8
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            let lx = (x >= 0x41 && x <= 0x5A) ? x | 0x20 : x
            let ly = (y >= 0x41 && y <= 0x5A) ? y | 0x20 : y
            if lx != ly { return false }
        }
        return true
    }
}
