import Engine
import Store

/// `explain_concern`: "concern" (or a danger word anywhere in a message). Before anything is asked, says plainly
/// who will be told — the programme's safeguarding lead by name, or its coordinators when there is none — and how
/// to go on. It never promises secrecy.
public struct ExplainConcern: FlowAction {
    public let name = "explain_concern"

    public var contract: ActionContract {
        ActionContract(texts: ["concern.no_programme", "concern.intro", "concern.intro_coordinators", "concern.no_one"])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let membership = context.membership else { return [context.say("concern.no_programme")] }
        let people = SafeguardingPeople(context: context, programmeID: membership.programme.id)
        let leads = try people.leads()
        if !leads.isEmpty {
            return [context.say("concern.intro", ["lead": SafeguardingPeople.names(leads)])]
        }
        let coordinators = try people.coordinators()
        if !coordinators.isEmpty {
            return [context.say("concern.intro_coordinators", ["names": SafeguardingPeople.names(coordinators)])]
        }
        return [context.say("concern.no_one")]
    }
}
