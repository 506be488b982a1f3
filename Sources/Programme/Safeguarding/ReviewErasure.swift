import Engine
import Store

/// `review_erasure` ("erase 3"): tells a coordinator whose request 3 is — by name, role and programme — and what
/// erasing does, and how to confirm it ("confirm erase 3"). Nothing is erased.
public struct ReviewErasure: FlowAction {
    public let name = "review_erasure"

    public var contract: ActionContract {
        ActionContract([ConfirmErasure.number], texts: [
            "erasure.not_coordinator", "erasure.unknown", "erasure.done_before", "erasure.not_self", "erase.review",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let number = try request.answer(ConfirmErasure.number)
        switch try ErasureLookup.find(number, in: context) {
        case .refused(let reply):
            return [reply]
        case .found(let erasure, let name, let role, let programme):
            return [context.say("erase.review", [
                "number": String(number), "name": name, "role": role, "programme": programme,
                "date": CalendarDate(daysSinceEpoch: Int(erasure.requestedAt / 86_400_000)).iso,
            ])]
        }
    }
}
