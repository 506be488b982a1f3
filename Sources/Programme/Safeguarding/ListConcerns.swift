import Engine
import Store

/// `list_concerns`: a safeguarding lead's concerns ("concerns"), newest first — only those of programmes they are
/// the safeguarding lead of, as `ConcernRepository` returns them.
public struct ListConcerns: FlowAction {
    public let name = "list_concerns"

    public var contract: ActionContract {
        ActionContract(texts: [
            "concerns.none", "concerns.list", "concerns.line_unsure", "concerns.line", "concerns.line_danger",
            "concern.involved_none", "concerns.unproven",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let concerns = try ConcernRepository(context.connection).concerns(viewerID: context.participantID)
        guard !concerns.isEmpty else { return [context.say("concerns.none")] }
        let lines = concerns.map { concern in
            let key = concern.dangerUnsure
                ? "concerns.line_unsure" : concern.dangerNow ? "concerns.line_danger" : "concerns.line"
            let line = context.say(key, [
                "number": String(concern.id),
                "date": CalendarDate(daysSinceEpoch: Int(concern.createdAt / 86_400_000)).iso,
                "name": concern.raisedByName, "role": concern.role,
                "contact": concern.contact.isEmpty ? "—" : concern.contact, "what": concern.what,
                "involved": concern.involved ?? context.say("concern.involved_none"),
            ])
            return concern.unproven ? line + " " + context.say("concerns.unproven") : line
        }
        return [context.say("concerns.list", ["count": String(concerns.count), "items": lines.joined(separator: "\n")])]
    }
}
