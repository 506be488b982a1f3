/// Why `MIMEParser` refused a message. Every limit in `MIMELimits` has its own case, so a caller can log it and
/// answer the sender (or the webhook provider) without guessing.
public enum MIMEError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input had no bytes at all.
    case empty
    /// The raw message is larger than `MIMELimits.maxTotalBytes`.
    case tooLarge(size: Int, limit: Int)
    /// Multiparts (or attached messages) nest deeper than `MIMELimits.maxDepth`.
    case tooDeep(limit: Int)
    /// The message has more body parts than `MIMELimits.maxParts`.
    case tooManyParts(limit: Int)
    /// One physical header line is longer than `MIMELimits.maxHeaderLineLength` bytes.
    case headerLineTooLong(limit: Int)
    /// One header block has more fields than `MIMELimits.maxHeaderCount`.
    case tooManyHeaders(limit: Int)

    /// A short English explanation for logs.
    public var description: String {
        switch self {
        case .empty: "the message is empty"
        case let .tooLarge(size, limit): "the message has \(size) bytes, more than the limit of \(limit)"
        case let .tooDeep(limit): "body parts nest deeper than \(limit) levels"
        case let .tooManyParts(limit): "the message has more than \(limit) body parts"
        case let .headerLineTooLong(limit): "a header line is longer than \(limit) bytes"
        case let .tooManyHeaders(limit): "a header block has more than \(limit) fields"
        }
    }
}
