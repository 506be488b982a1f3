/// The message that answered a question (`slot` = `FLOW/QUESTION`).
public struct LastAnswer: Sendable, Hashable {
    public let messageID: Int64
    public let slot: String

    public init(messageID: Int64, slot: String) {
        self.messageID = messageID
        self.slot = slot
    }
}
