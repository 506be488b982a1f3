import Engine
import Store

/// `raise_concern`: stores a confirmed concern in its own table (never in the mentoring log) and tells the
/// programme's safeguarding lead at once — who raised it, how to reach them, and what they said. With no lead
/// enrolled (or none reachable) the coordinators are told instead, and the reply says so. A concern that came without
/// proof of who sent it (a forged From header can carry a pupil's name) is raised all the same — a real one must
/// never wait — but it is marked so, and its notice tells the lead to check with the person another way.
public struct RaiseConcern: FlowAction {
    public let name = "raise_concern"

    static let what = Answer.text("what")
    static let danger = Answer.choice("danger", options: ["danger_yes", "danger_no", "danger_unsure"])
    static let involved = Answer.text("involved").optional

    public var contract: ActionContract {
        ActionContract([Self.what, Self.danger, Self.involved], texts: [
            "concern.no_programme", "concern.involved_none", "concern.danger_yes", "concern.danger_no",
            "concern.danger_unsure", "concern.unsure",
            "concern.notice_coordinators", "concern.notice", "concern.saved", "concern.saved_coordinators",
            "concern.saved_no_one", "concern.unreachable", "concern.emergency", "concern.unproven",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let what = try request.answer(Self.what)
        let answer = try request.answer(Self.danger)
        let unsure = answer == "danger_unsure"
        let danger = answer != "danger_no"
        let involved = try request.answer(Self.involved)
        guard let membership = context.membership else { return [context.say("concern.no_programme")] }
        let people = SafeguardingPeople(context: context, programmeID: membership.programme.id)
        let speaker = try ParticipantRepository(context.connection).find(id: context.participantID)?.name ?? "?"
        let contact = try SafeguardingPeople.contact(of: context.participantID, context.connection)
        let role = membership.enrolments.map(\.role).sorted().joined(separator: ", ")
        let repository = ConcernRepository(context.connection)

        let leads = try people.leads()
        let coordinators = leads.isEmpty ? try people.coordinators() : []
        let recipients = leads.isEmpty ? coordinators : leads
        let notified = leads.isEmpty ? (coordinators.isEmpty ? "nobody" : "coordinators") : "lead"
        let id = try repository.insert(
            programmeID: membership.programme.id, raisedBy: context.participantID, role: role, what: what,
            dangerNow: danger, dangerUnsure: unsure, involved: involved, contact: contact, notified: notified,
            unproven: !context.senderProven, now: context.now)

        var reached: [SafeguardingPeople.Person] = []
        for person in recipients {
            let arguments = [
                "number": String(id), "programme": membership.programme.name, "name": speaker, "role": role,
                "contact": contact.isEmpty ? "—" : contact, "what": what,
                "involved": try involved ?? people.text("concern.involved_none", for: person.participantID),
                "danger": try people.text("concern.\(answer)", for: person.participantID),
            ]
            let key = leads.isEmpty ? "concern.notice_coordinators" : "concern.notice"
            let unproven = context.senderProven ? nil : (key: "concern.unproven", arguments: ["name": speaker])
            if try context.notify(participantID: person.participantID, key, arguments, note: unproven) {
                reached.append(person)
            }
        }

        var replies: [String]
        if !leads.isEmpty {
            replies = [context.say("concern.saved", ["lead": SafeguardingPeople.names(leads)])]
        } else if !coordinators.isEmpty {
            replies = [context.say("concern.saved_coordinators", ["names": SafeguardingPeople.names(coordinators)])]
        } else {
            replies = [context.say("concern.saved_no_one")]
        }
        if !recipients.isEmpty, reached.isEmpty { replies.append(context.say("concern.unreachable")) }
        if unsure { replies.append(context.say("concern.unsure")) }
        if danger { replies.append(context.say("concern.emergency")) }
        return replies
    }
}
