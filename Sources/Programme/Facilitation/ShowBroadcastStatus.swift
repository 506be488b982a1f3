import Engine
import Store

/// `broadcast_status` ("broadcast status"): the speaker's latest broadcasts (a coordinator's: everyone's in the
/// programme) with per-recipient delivery counts, and who did not get the newest one and why.
public struct ShowBroadcastStatus: FlowAction {
    public let name = "broadcast_status"

    public var contract: ActionContract {
        ActionContract(texts: [
            "facilitation.not_allowed", "broadcast.status.none", "broadcast.status.header", "broadcast.status.item",
            "broadcast.status.scheduled", "broadcast.status.failure", "broadcast.status.failures",
            "broadcast.status.no_address",
        ] + ActionContext.broadcastTexts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let membership = context.facilitation else { return [context.say("facilitation.not_allowed")] }
        let broadcasts = BroadcastRepository(context.connection)
        let summaries = try broadcasts.summaries(
            programmeID: membership.programme.id, authorID: context.coordinates ? nil : context.participantID)
        guard !summaries.isEmpty else { return [context.say("broadcast.status.none")] }
        let zone = membership.programme.timeZone
        var lines = [context.say("broadcast.status.header")]
        for summary in summaries {
            let broadcast = summary.broadcast
            let common = [
                "number": String(broadcast.id), "audience": context.describe(broadcast),
                "what": context.subject(broadcast), "when": context.when(broadcast.sendAt, timeZone: zone),
            ]
            guard broadcast.status == .sent else {
                lines.append(context.say("broadcast.status.scheduled", common))
                continue
            }
            lines.append(context.say("broadcast.status.item", common.merging([
                "count": String(summary.recipients), "sent": String(summary.sent), "queued": String(summary.queued),
                "failed": String(summary.failed + summary.unreachable),
            ]) { $1 }))
        }
        if let troubled = summaries.first(where: { $0.failed + $0.unreachable > 0 }) {
            let failures = try broadcasts.failures(broadcastID: troubled.broadcast.id).map { failure in
                context.say("broadcast.status.failure", [
                    "name": failure.name, "reason": failure.reason ?? context.say("broadcast.status.no_address"),
                ])
            }
            lines.append(context.say("broadcast.status.failures", [
                "number": String(troubled.broadcast.id), "people": failures.joined(separator: "; "),
            ]))
        }
        return [lines.joined(separator: "\n")]
    }
}
