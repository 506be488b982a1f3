import Engine
import Store

/// `show_status` ("what's next"): the programme, the peer, the current step and its instruction with the pair's
/// dates, documents due, and meetings logged against what the template expects by today.
public struct ShowStatus: FlowAction {
    public let name = "show_status"

    public var contract: ActionContract {
        ActionContract(texts: [
            "status.not_enrolled", "status.header", "status.no_peer", "status.waiting_consent", "status.not_started",
            "status.step", "status.your_peer", "status.document_due", "status.meetings", "status.staff.header",
        ] + Role.textKeys + Role.allCases.filter { !$0.isPairRole }.map { "status.staff.\($0.rawValue)" })
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let membership = context.membership else { return [context.say("status.not_enrolled")] }
        let template = membership.template
        let programmeName = membership.programme.name
        let day = membership.day(on: context.today)
        let peers = membership.peers.map(\.name).joined(separator: ", ")
        let role = membership.enrolments.first?.role ?? ""
        guard membership.roles.contains(where: { Role(rawValue: $0)?.isPairRole == true }) else {
            return [staffStatus(membership, role: role, day: day, context)]
        }
        let waiting = try ConsentGate(
            membership: membership, connection: context.connection, localizer: context.localizer,
            language: context.language).statusLine()
        let waitingFor = membership.peersAwaitingConsent.map(\.name)
        let everyone = peers.isEmpty ? waitingFor.joined(separator: ", ") : peers
        var lines = [context.say("status.header", [
            "programme": programmeName, "template": context.say(template.title),
            "role": context.say("role.\(role)"), "peer": everyone.isEmpty ? context.say("status.no_peer") : everyone,
        ])]
        if let waiting {
            lines.append(waiting)
            // Nothing the step asks for can be done yet: no instruction naming a command that would not work.
            guard !membership.awaitsOwnConsent, !membership.pairIDs.isEmpty else {
                return [lines.joined(separator: "\n")]
            }
        }
        if day < (template.steps.first?.fromDay ?? 0) {
            lines.append(context.say("status.not_started", ["date": membership.programme.startDate]))
        } else if let step = template.step(onDay: day) {
            lines.append(context.say("status.step", ["step": context.say(step.title)]))
            lines.append(context.say(step.instruction, [
                "peer": peers.isEmpty ? context.say("status.your_peer") : peers, "programme": programmeName, "step_end": membership.date(ofDay: step.toDay).iso,
            ]))
        }
        let myRoles = membership.roles
        let delivered = try DocumentRepository(context.connection)
            .submitted(participantID: context.participantID, programmeID: membership.programme.id)
        let due = template.documents.filter { document in
            document.dueDay >= day && document.owners.contains { myRoles.contains($0.rawValue) }
                && !delivered.contains(document.id)
        }
        for document in due.prefix(3) {
            lines.append(context.say("status.document_due", [
                "document": context.say(document.title), "date": membership.date(ofDay: document.dueDay).iso,
            ]))
        }
        if let pairID = membership.pairIDs.first {
            let logged = try LogEntryRepository(context.connection).count(pairID: pairID)
            lines.append(context.say("status.meetings", [
                "logged": String(logged), "expected": String(template.expectedMeetings(byDay: day)),
                "total": String(template.expectedMeetings),
            ]))
        }
        return [lines.joined(separator: "\n")]
    }

    /// For facilitators, coordinators, finance coordinators and safeguarding leads: where the programme stands and
    /// what they can ask for — not the pairs' instructions.
    private func staffStatus(_ membership: Membership, role: String, day: Int, _ context: ActionContext) -> String {
        var lines = [context.say("status.staff.header", [
            "programme": membership.programme.name, "template": context.say(membership.template.title),
            "role": context.say("role.\(role)"),
        ])]
        if let step = membership.template.step(onDay: day), day >= (membership.template.steps.first?.fromDay ?? 0) {
            lines.append(context.say("status.step", ["step": context.say(step.title)]))
        } else {
            lines.append(context.say("status.not_started", ["date": membership.programme.startDate]))
        }
        lines.append(context.say("status.staff.\(role)"))
        return lines.joined(separator: "\n")
    }
}
