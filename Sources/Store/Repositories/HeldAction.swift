import Engine

/// The action of a sensitive flow, completed in a conversation its channel could not vouch for: it runs only when
/// the person confirms it with `token` from the address on record, before `expiresAt`, once.
public struct HeldAction: Sendable, Hashable {
    /// How a held action ended.
    public enum Outcome: String, Sendable {
        case confirmed
        case declined
    }

    public let id: Int64
    public let conversationID: Int64
    public let participantID: Int64
    /// The one-time token a confirming reply must carry.
    public let token: String
    /// The request as the engine made it; its slots are empty once settled.
    public let request: ActionRequest
    /// The message that completed the flow (actions read commands such as "approve 12" from it).
    public let sourceMessageID: Int64?
    public let createdAt: Int64
    public let expiresAt: Int64
    /// nil while it waits.
    public let outcome: Outcome?

    /// Whether it still waits for its confirmation at `now`.
    public func isPending(at now: Int64) -> Bool { outcome == nil && now < expiresAt }
}
