/// The bounds `MIMEParser` enforces, so that hostile or broken mail ends in a `MIMEError` rather than in a crash
/// or in memory growing without bound. Decoding never makes data larger than its input (base64 and
/// quoted-printable only shrink), so `maxTotalBytes` also bounds every decoded body and attachment.
public struct MIMELimits: Sendable, Hashable {
    /// Largest raw message accepted, in bytes. Default 25 MiB, what the big mail providers accept.
    public var maxTotalBytes: Int
    /// Deepest nesting of multiparts and attached messages; the top-level message is at depth 0, so the default
    /// of 10 allows ten nested multiparts.
    public var maxDepth: Int
    /// Most body parts in the whole message, the top-level part not counted. Default 100.
    public var maxParts: Int
    /// Longest physical header line in bytes, before unfolding. RFC 5322 allows 998; default 8 KiB for leniency.
    public var maxHeaderLineLength: Int
    /// Most fields in one header block (the message's or one part's). Default 500.
    public var maxHeaderCount: Int

    /// Limits with the defaults above; pass any of them to change it.
    public init(
        maxTotalBytes: Int = 25 * 1024 * 1024, maxDepth: Int = 10, maxParts: Int = 100,
        maxHeaderLineLength: Int = 8 * 1024, maxHeaderCount: Int = 500
    ) {
        self.maxTotalBytes = maxTotalBytes
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxHeaderLineLength = maxHeaderLineLength
        self.maxHeaderCount = maxHeaderCount
    }
}
