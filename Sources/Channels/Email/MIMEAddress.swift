/// A mailbox from an address header: `Ana Petrova <ana@example.bg>`.
public struct MIMEAddress: Sendable, Hashable {
    /// The address (`ana@example.bg`), as written.
    public let address: String
    /// The display name, RFC 2047-decoded and unquoted, or nil when there is none.
    public let displayName: String?

    /// An address with an optional display name.
    public init(address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }
}
