/// A parsed `Content-Type` value: `type/subtype` and parameters.
public struct MIMEContentType: Sendable, Hashable {
    /// Lowercased top-level type (`text`, `multipart`, `image`).
    public let type: String
    /// Lowercased subtype (`plain`, `alternative`, `jpeg`).
    public let subtype: String
    /// Parameters by lowercased name, RFC 2231 continuations joined and decoded (`charset`, `boundary`, `name`).
    public let parameters: [String: String]

    /// `type/subtype`, lowercased.
    public var mediaType: String { "\(type)/\(subtype)" }

    /// The default for parts without a Content-Type: `text/plain; charset=us-ascii` (RFC 2045 §5.2).
    public static let textPlain = MIMEContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])

    /// A content type from its parts (lowercased here).
    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters
    }

    /// Parses a raw Content-Type header value; nil when it has no `type/subtype`.
    public init?(parsing value: String) {
        let (token, parameters) = MIMEParameterParser.parse(value)
        let pieces = token.split(separator: "/", maxSplits: 1).map { $0.mimeTrimmed() }
        guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty,
              !pieces[0].contains(" "), !pieces[1].contains(" ") else { return nil }
        self.init(type: pieces[0], subtype: pieces[1], parameters: parameters)
    }
}
