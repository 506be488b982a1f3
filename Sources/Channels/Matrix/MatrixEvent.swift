/// One event of an application-service transaction, with the fields Tandem reads.
public struct MatrixEvent: Sendable, Hashable {
    public let type: String
    public let eventID: String
    public let sender: String
    public let roomID: String
    /// Present on state events (which is how they are recognised, whatever their type).
    public let stateKey: String?
    public let content: JSONValue
    /// Server-added data, e.g. `invite_room_state` (the room's state as the invited user may see it).
    public let unsigned: JSONValue

    /// Reads an event object; nil when a required field is missing or of the wrong type.
    public init?(_ json: JSONValue) {
        guard let type = json["type"]?.string, let eventID = json["event_id"]?.string, !eventID.isEmpty,
              let sender = json["sender"]?.string, let roomID = json["room_id"]?.string else { return nil }
        self.type = type
        self.eventID = eventID
        self.sender = sender
        self.roomID = roomID
        self.stateKey = json["state_key"]?.string
        self.content = json["content"] ?? .object([:])
        self.unsigned = json["unsigned"] ?? .object([:])
    }
}
