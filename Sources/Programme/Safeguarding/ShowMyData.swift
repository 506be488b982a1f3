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
            "documents", "feedback", "claims", "bank", "concerns", "erasure", "none", "footer", "school",
        ].map { "mydata.\($0)" })
    }

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
            section("mydata.addresses", data.addresses),
            section("mydata.enrolments", data.enrolments),
            section("mydata.log", data.logEntries),
            section("mydata.agendas", data.agendas),
            section("mydata.rules", data.groundRules),
            section("mydata.plan", data.planRows),
            section("mydata.documents", data.documents),
            section("mydata.feedback", data.feedback + data.evaluations + data.transferability),
            section("mydata.school", data.schoolRecords),
            section("mydata.claims", data.claims),
            context.say("mydata.bank", ["iban": data.ibanMasked ?? none]),
            context.say("mydata.conversations", [
                "conversations": String(data.conversations), "messages": String(data.messages),
            ]),
            context.say("mydata.concerns", ["count": String(data.concernsRaised)]),
            section("mydata.erasure", data.erasureRequests),
        ]
        return [context.say("mydata.header") + "\n" + sections.joined(separator: "\n") + "\n" + context.say("mydata.footer")]
    }
}
