/// Size limits enforced by ``HTTPRequestParser`` (and therefore by ``HTTPServer``).
public struct HTTPLimits: Sendable {
    /// Maximum length of the request line including its CRLF (and any empty lines before it). Over it: 414.
    public var maxRequestLineBytes: Int
    /// Maximum size of the header section (all field lines with their CRLFs, plus the final CRLF). Over it: 431.
    /// Trailers of a chunked body have their own allowance of the same size.
    public var maxHeaderBytes: Int
    /// Maximum number of header fields (and, separately, of trailer fields). Over it: 431.
    public var maxHeaderCount: Int
    /// Maximum length of one chunk-size line of a chunked body, extensions included. Over it: 400.
    public var maxChunkLineBytes: Int
    /// Maximum total framing bytes of a chunked body (size lines, extensions, CRLFs), not counting data or
    /// trailers; it stops a body made of millions of one-byte chunks. Over it: 413.
    public var maxChunkedOverheadBytes: Int
    /// The largest body accepted for a request, given its method and path; consulted once per request, as soon
    /// as the head is parsed, so an oversized `Content-Length` is refused with 413 before any body is read.
    public var maxBodyBytes: @Sendable (_ method: String, _ path: String) -> Int

    /// The default largest body: 1 MiB.
    public static let defaultMaxBodyBytes = 1 << 20

    /// Creates limits; the defaults are 8 KiB request line, 16 KiB headers, 100 headers, 4 KiB chunk lines,
    /// 64 KiB chunk overhead and 1 MiB bodies for every route.
    public init(
        maxRequestLineBytes: Int = 8 * 1024,
        maxHeaderBytes: Int = 16 * 1024,
        maxHeaderCount: Int = 100,
        maxChunkLineBytes: Int = 4 * 1024,
        maxChunkedOverheadBytes: Int = 64 * 1024,
        maxBodyBytes: @escaping @Sendable (_ method: String, _ path: String) -> Int = { _, _ in
            HTTPLimits.defaultMaxBodyBytes
        }
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxChunkLineBytes = maxChunkLineBytes
        self.maxChunkedOverheadBytes = maxChunkedOverheadBytes
        self.maxBodyBytes = maxBodyBytes
    }
}
