import Engine
import Store

/// `explain_concern`: "concern", or a disclosure the safeguarding signals found in any message. Before anything is
/// asked, says plainly who will be told — the programme's safeguarding lead by name, or its coordinators when there
/// is none — and how to go on ("tell"). It never promises secrecy. After a disclosure it answers in the language the
/// disclosure was written in (a pupil set to English who writes in Turkish reads the answer in Turkish).
public struct ExplainConcern: FlowAction {
    public let name = "explain_concern"

    public var contract: ActionContract {
        ActionContract(texts: ["concern.no_programme", "concern.intro", "concern.intro_coordinators", "concern.no_one"])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        var language = context.language
        if case .text(let written)? = request.slots[Engine.writtenInSlot] {
            // The language the disclosure was written in, in the register the person is addressed in.
            language = context.localizer.voice(written, register: context.membership?.register)
        }
        func say(_ key: String, _ arguments: [String: String] = [:]) -> String {
            context.localizer.text(key, language, arguments)
        }
        guard let membership = context.membership else { return [say("concern.no_programme")] }
        let people = SafeguardingPeople(context: context, programmeID: membership.programme.id)
        let leads = try people.leads()
        if !leads.isEmpty {
            return [say("concern.intro", ["lead": SafeguardingPeople.names(leads)])]
        }
        let coordinators = try people.coordinators()
        if !coordinators.isEmpty {
            return [say("concern.intro_coordinators", ["names": SafeguardingPeople.names(coordinators)])]
        }
        return [say("concern.no_one")]
    }
}
