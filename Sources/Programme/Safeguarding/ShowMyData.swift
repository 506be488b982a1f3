import Engine
import Store

/// `show_my_data`: everything Tandem stores about the speaker, as one readable message — their profile, addresses,
/// enrolments, their own log entries and the agendas, ground rules, plan rows, documents and feedback they wrote,
/// claims (number and status only, the IBAN masked) and how many conversations and messages there are. Nothing
/// about anyone else.
public struct ShowMyData: FlowAction {
    public let name = "show_my_data"

    public var contract: ActionContract {
        ActionContract(texts: [
            "header", "profile", "addresses", "enrolments", "conversations", "log", "agendas", "rules", "plan",
            "documents", "feedback", "claims", "bank", "concerns", "erasure", "none", "footer", "supervisor",
            "guardian_consent",
        ].map { "mydata.\($0)" } + ["mydata.erasure.pending", "mydata.erasure.done"]
            + Self.channels.map { "mydata.channel.\($0)" } + Role.textKeys
            + ExpenseStatus.allCases.map { "expenses.status.\($0.rawValue)" })
    }

    /// The channels an address may be on, each named in the person's language (`mydata.channel.NAME`).
    static let channels = ["email", "matrix", "console"]

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let data = try ErasureRepository(context.connection).personalData(participantID: context.participantID)
        let none = context.say("mydata.none")
        func section(_ key: String, _ items: [String]) -> String {
            let body = items.isEmpty ? none : items.map { "  • \($0)" }.joined(separator: "\n")
            return context.say(key, ["count": String(items.count)]) + (items.isEmpty ? " " + body : "\n" + body)
        }
        let sections = [
            context.say("mydata.profile", ["name": data.name, "language": data.language, "tz": data.timeZone]),
            section("mydata.addresses", data.addresses.map { address in
                let channel = Self.channels.contains(address.channel)
                    ? context.say("mydata.channel.\(address.channel)") : address.channel
                return "\(channel): \(address.address)"
            }),
            section("mydata.enrolments", data.enrolments.map { enrolment(of: $0, context) }),
            section("mydata.log", data.logEntries.map { entry in
                let when = entry.date + (entry.start.map { " \($0)" } ?? "")
                let duration = context.localizer.duration(minutes: entry.minutes, context.language)
                return "\(when), \(duration): \(entry.topics)" + (entry.nextSteps.map { " — \($0)" } ?? "")
            }),
            section("mydata.agendas", data.agendas.map { agenda in
                let frequency = context.say("option.\(agenda.frequency)").split(separator: ",").first
                    .map { $0.trimmingCharacters(in: .whitespaces) } ?? agenda.frequency
                return "v\(agenda.revision), \(frequency): \(agenda.topics)" + (agenda.notes.map { " — \($0)" } ?? "")
            }),
            section("mydata.rules", data.groundRules),
            section("mydata.plan", data.planRows),
            section("mydata.documents", data.documents.map { document in
                let title = context.membership?.template.documents.first { $0.id == document.document }
                    .map { context.say($0.title) } ?? document.document
                return "\(title), \(document.submittedOn): \(document.content)"
            }),
            section("mydata.feedback", data.feedback + data.evaluations + data.transferability),
            section("mydata.claims", data.claims.map { claim in
                "\(claim.id): " + (ExpenseStatus(rawValue: claim.status).map {
                    context.say("expenses.status.\($0.rawValue)")
                } ?? claim.status)
            }),
            context.say("mydata.bank", ["iban": data.ibanMasked ?? none]),
            context.say("mydata.conversations", [
                "conversations": String(data.conversations), "messages": String(data.messages),
            ]),
            context.say("mydata.concerns", ["count": String(data.concernsRaised)]),
            section("mydata.erasure", data.erasureRequests.map { request in
                "\(request.id): " + (["pending", "done"].contains(request.status)
                    ? context.say("mydata.erasure.\(request.status)") : request.status)
            }),
        ]
        return [context.say("mydata.header") + "\n" + sections.joined(separator: "\n") + "\n" + context.say("mydata.footer")]
    }

    /// `Exchange — mentee (Sofia–Porto), supervisor director@…, a guardian's consent is recorded`, in the person's
    /// words.
    private func enrolment(of enrolment: ErasureRepository.PersonalData.Enrolment, _ context: ActionContext) -> String {
        let role = Role(rawValue: enrolment.role).map { context.say("role.\($0.rawValue)") } ?? enrolment.role
        var line = "\(enrolment.programme) — \(role)" + (enrolment.pair.map { " (\($0))" } ?? "")
        if let supervisor = enrolment.supervisor {
            line += ", " + context.say("mydata.supervisor", ["email": supervisor])
        }
        if enrolment.guardianConsent { line += ", " + context.say("mydata.guardian_consent") }
        return line
    }
}
