import Engine
import Store

/// `delete_last_log_entry` ("delete my last log"): removes the meeting the speaker logged last; the pair's other
/// members are told.
public struct DeleteLastLogEntry: FlowAction {
    public let name = "delete_last_log_entry"

    public var contract: ActionContract {
        ActionContract(texts: ["deletelog.none", "deletelog.done", "log.removed_notice"])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let log = LogEntryRepository(context.connection)
        guard let (entry, _) = try log.latest(participantID: context.participantID), let id = entry.id else {
            return [context.say("deletelog.none")]
        }
        try log.delete(id: id)
        try entry.notifyPeers("log.removed_notice", entry.arguments(context), in: context)
        return [context.say("deletelog.done", entry.arguments(context))]
    }
}
