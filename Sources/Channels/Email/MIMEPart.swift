/// One node of a parsed message: the top-level message itself, a multipart container or a leaf body part.
public struct MIMEPart: Sendable, Hashable {
    /// This part's own header fields.
    public let headers: MIMEHeaders
    /// The Content-Type (defaulted as RFC 2045/2046 say when missing or unparseable).
    public let contentType: MIMEContentType
    /// The Content-Disposition token, lowercased (`inline`, `attachment`), or nil.
    public let disposition: String?
    /// Content-Disposition parameters by lowercased name (`filename`, RFC 2231-decoded).
    public let dispositionParameters: [String: String]
    /// The Content-Transfer-Encoding, lowercased; `7bit` when missing.
    public let transferEncoding: String
    /// The body with its transfer encoding removed. Empty for multiparts; for `message/rfc822`, the whole
    /// attached message.
    public let body: [UInt8]
    /// Sub-parts of a multipart, or for `message/rfc822` the attached message's top-level part.
    public let children: [MIMEPart]

    /// A part from its fields (the parser builds these).
    public init(
        headers: MIMEHeaders, contentType: MIMEContentType, disposition: String?,
        dispositionParameters: [String: String], transferEncoding: String, body: [UInt8], children: [MIMEPart]
    ) {
        self.headers = headers
        self.contentType = contentType
        self.disposition = disposition
        self.dispositionParameters = dispositionParameters
        self.transferEncoding = transferEncoding
        self.body = body
        self.children = children
    }

    /// Whether this is a multipart container.
    public var isMultipart: Bool { contentType.type == "multipart" }

    /// The file name the sender gave (Content-Disposition `filename`, else Content-Type `name`), unsanitised.
    public var declaredFilename: String? {
        let name = dispositionParameters["filename"] ?? contentType.parameters["name"]
        guard let name, !name.mimeTrimmed().isEmpty else { return nil }
        return name
    }

    /// The Content-ID without angle brackets, or nil.
    public var contentID: String? {
        guard let raw = headers["content-id"]?.mimeTrimmed(), !raw.isEmpty else { return nil }
        return MIMEMessageIDs.parse(raw).first ?? raw
    }

    /// For `text/*` leaves: the body decoded with its `charset` (unknown charsets as UTF-8 or windows-1252).
    public var text: String? {
        guard contentType.type == "text", !isMultipart else { return nil }
        return MIMECharset.decode(body, label: contentType.parameters["charset"] ?? "us-ascii").text
    }
}
