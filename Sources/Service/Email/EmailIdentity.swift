import Channels
import Foundation

/// Tandem's own email address (`email.from`: `tandem@example.org` or `Name <tandem@example.org>`), its `+tag`
/// variants used as reply addresses, and the domain its Message-IDs end in.
public struct EmailIdentity: Sendable, Hashable {
    /// Shown as the sender's name when `email.from` gives none.
    public static let defaultDisplayName = "Tandem"

    public let displayName: String
    /// The part before `@`, without any `+tag`, lowercased.
    public let localPart: String
    /// Lowercased.
    public let domain: String

    /// The identity in `from`, or nil when it holds no `local@domain` address.
    public init?(from: String) {
        var name = ""
        var address = from.trimmingCharacters(in: .whitespaces)
        if let open = address.lastIndex(of: "<"), let close = address.lastIndex(of: ">"), open < close {
            name = String(address[..<open]).trimmingCharacters(in: CharacterSet(charactersIn: " \t\""))
            address = String(address[address.index(after: open)..<close])
        }
        let parts = address.lowercased().split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else { return nil }
        displayName = name.isEmpty ? Self.defaultDisplayName : name
        localPart = String(parts[0].prefix { $0 != "+" })
        self.domain = String(parts[1])
    }

    /// `local@domain`.
    public var address: String { "\(localPart)@\(domain)" }

    /// The sender of Tandem's mail, with its display name.
    public var mailbox: MIMEAddress { MIMEAddress(address: address, displayName: displayName) }

    /// `local+tag@domain`: the reply address that leads back to one conversation.
    public func replyAddress(tag: String) -> MIMEAddress {
        MIMEAddress(address: "\(localPart)+\(tag)@\(domain)", displayName: displayName)
    }

    /// Whether `address` is Tandem's own, with or without a `+tag` (case-insensitive).
    public func isOwn(_ address: String) -> Bool {
        let parts = address.lowercased().split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1] == domain else { return false }
        return parts[0].prefix { $0 != "+" } == localPart
    }

    /// The tag in `local+tag@domain` when the address is Tandem's own, else nil.
    public func tag(in address: String) -> String? {
        guard isOwn(address), let plus = address.firstIndex(of: "+"), let at = address.lastIndex(of: "@"),
              plus < at else { return nil }
        let tag = String(address[address.index(after: plus)..<at])
        return tag.isEmpty ? nil : tag
    }
}
