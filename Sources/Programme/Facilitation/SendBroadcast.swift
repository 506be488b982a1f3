import Engine
import Store

/// `send_broadcast` ("send broadcast"): confirms the speaker's newest draft (at most a day old). A draft for
/// later is scheduled; otherwise every recipient's message is queued now, in this transaction.
public struct SendBroadcast: FlowAction {
    public let name = "send_broadcast"

    /// How long a draft waits for its confirmation.
    static let draftLifetime: Int64 = 24 * 3_600_000

    public var contract: ActionContract {
        ActionContract(texts: [
            "facilitation.not_allowed", "broadcast.no_draft", "broadcast.scheduled", "broadcast.sent",
            "broadcast.sent.unreachable",
        ] + ActionContext.broadcastTexts + BroadcastSender.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let membership = context.facilitation else { return [context.say("facilitation.not_allowed")] }
        let broadcasts = BroadcastRepository(context.connection)
        guard let draft = try broadcasts.draft(authorID: context.participantID),
              context.now - draft.createdAt <= Self.draftLifetime
        else { return [context.say("broadcast.no_draft")] }
        if draft.sendAt > context.now {
            try broadcasts.schedule(draft.id)
            return [context.say("broadcast.scheduled", [
                "number": String(draft.id), "audience": context.describe(draft),
                "when": context.when(draft.sendAt, timeZone: membership.programme.timeZone),
            ])]
        }
        let outcome = try BroadcastSender(
            connection: context.connection, templates: context.templates, localizer: context.localizer
        ).send(draft, now: context.now)
        var lines = [context.say("broadcast.sent", [
            "number": String(draft.id), "count": String(outcome.queued), "audience": context.describe(draft),
        ])]
        if outcome.unreachable > 0 {
            lines.append(context.say("broadcast.sent.unreachable", ["count": String(outcome.unreachable)]))
        }
        return [lines.joined(separator: "\n")]
    }
}
