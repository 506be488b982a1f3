import Engine
import Store

/// `prepare_broadcast` ("broadcast next step to cohort Sofia", "schedule broadcast …"): reads the request, checks
/// the speaker may reach its audience, stores it as a draft and shows how many people it reaches on which
/// channel, with an example text. Nothing is sent until the speaker says "send broadcast".
public struct PrepareBroadcast: FlowAction {
    public let name = "prepare_broadcast"

    static let request = Answer.text("request")
    /// When to send it ("schedule broadcast"); without them it goes when the speaker says "send broadcast".
    static let date = Answer.date("date").optional
    static let time = Answer.time("time").optional

    public var contract: ActionContract {
        ActionContract([Self.request, Self.date, Self.time], texts: [
            "facilitation.not_allowed", "broadcast.usage", "broadcast.error.past", "broadcast.error.unknown_cohort",
            "broadcast.error.unknown_pair", "broadcast.error.not_yours", "broadcast.nobody", "broadcast.channel.none",
            "broadcast.channel.count", "broadcast.preview", "broadcast.preview.scheduled", "broadcast.replaces",
            "broadcast.error.missing_message", "broadcast.error.missing_name", "broadcast.error.two_targets",
            "broadcast.error.unknown_words",
        ] + ActionContext.broadcastTexts + BroadcastSender.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let membership = context.facilitation else { return [context.say("facilitation.not_allowed")] }
        let text = try request.answer(Self.request)
        let asked: BroadcastRequest
        do {
            asked = try BroadcastRequest.parse(text, language: context.language, localizer: context.localizer)
        } catch {
            return [context.say(error.key, error.arguments) + "\n" + context.say("broadcast.usage")]
        }
        let programme = membership.programme
        var sendAt = context.now
        if let date = try request.answer(Self.date), let time = try request.answer(Self.time) {
            sendAt = ProgrammeTime.instant(date, time, timeZone: programme.timeZone)
            guard sendAt > context.now else { return [context.say("broadcast.error.past")] }
        }
        let broadcasts = BroadcastRepository(context.connection)
        if asked.audience != .everyone {
            let reach = try broadcasts.reach(
                programmeID: programme.id, authorID: context.participantID, audience: asked.audience,
                target: asked.target)
            if reach.matching == 0 {
                let cohorts = try broadcasts.cohorts(programmeID: programme.id, authorID: context.participantID)
                return [context.say("broadcast.error.unknown_\(asked.audience.rawValue)", [
                    "name": asked.target ?? "", "cohorts": cohorts.isEmpty ? "—" : cohorts.joined(separator: ", "),
                ])]
            }
            if reach.reachable == 0 {
                return [context.say("broadcast.error.not_yours", ["name": asked.target ?? ""])]
            }
        }
        let candidate = BroadcastRecord(
            id: 0, programmeID: programme.id, authorID: context.participantID, audience: asked.audience,
            target: asked.target, roles: asked.roles.map(\.rawValue), body: asked.body, sendAt: sendAt,
            status: .draft, createdAt: context.now)
        let sender = BroadcastSender(connection: context.connection, templates: context.templates,
                                     localizer: context.localizer)
        let recipients = try sender.recipients(of: candidate)
        guard let first = recipients.first else { return [context.say("broadcast.nobody")] }
        // A draft not yet sent is replaced: said, so that no one believes both will go.
        let replaced = try broadcasts.draft(authorID: context.participantID)
        let draft = try broadcasts.insertDraft(
            programmeID: programme.id, authorID: context.participantID, audience: asked.audience,
            target: asked.target, roles: candidate.roles, body: asked.body, sendAt: sendAt, now: context.now)
        let places = try BroadcastAddressBook(context.connection).places(programmeID: programme.id)
        var channels: [String: Int] = [:]
        for recipient in recipients {
            channels[places[recipient.participantID]?.channel?.rawValue ?? "", default: 0] += 1
        }
        let counts = channels.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { channel, count in
            context.say(channel.isEmpty ? "broadcast.channel.none" : "broadcast.channel.count", [
                "count": String(count), "channel": channelName(channel, context),
            ])
        }
        let example = sender.text(
            try sender.letter(for: draft, now: context.now), peers: first.peers, language: context.language)
        let dropped = replaced.map { context.say("broadcast.replaces", ["audience": context.describe($0)]) + "\n" }
        let preview = context.say(sendAt > context.now ? "broadcast.preview.scheduled" : "broadcast.preview", [
            "audience": context.describe(draft), "count": String(recipients.count),
            "channels": counts.joined(separator: ", "), "when": context.when(sendAt, timeZone: programme.timeZone),
            "example": example,
        ])
        return [(dropped ?? "") + preview]
    }

    private func channelName(_ channel: String, _ context: ActionContext) -> String {
        let key = "broadcast.channel.\(channel)"
        let name = context.say(key)
        return name == key ? channel : name
    }
}
