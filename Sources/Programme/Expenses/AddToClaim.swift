import Engine
import Foundation
import Store

/// `add_to_claim` (flow `expense_add`, "add 12 …", and flow `answer_claim`, opened by the coordinator's
/// "ask 12 …"): what the finance coordinator asked for — an answer, files, or both — added to one of the speaker's
/// claims that waits for it (or to their draft, e.g. a second receipt file). A claim that waited for information
/// goes back to the coordinator, who is notified.
///
/// Slots: optional `claim` (integer), `note` (text: without `claim`, it may start with the claim number, then the
/// answer), `files` (optional attachments).
public struct AddToClaim: FlowAction {
    public let name = "add_to_claim"

    static let claim = Answer.integer("claim").optional
    static let note = Answer.text("note").optional
    static let files = Answer.attachments("files").optional

    public var contract: ActionContract {
        ActionContract([Self.claim, Self.note, Self.files], texts: [
            "expenses.not_enrolled", "expenses.add.nothing", "expenses.add.none", "expenses.add.which",
            "expenses.notice.completed", "expenses.add.sent", "expenses.add.draft",
        ] + ReceiptPolicy.texts)
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let desk = ExpenseDesk(context)
        guard let membership = context.membership else { return [desk.text.say("expenses.not_enrolled")] }
        let typed = try request.answer(Self.note) ?? ""
        let files = try request.answer(Self.files) ?? []
        let asked = try request.answer(Self.claim).map(Int64.init)
        let (number, note) = asked.map { ($0, typed.trimmingCharacters(in: .whitespacesAndNewlines)) }
            ?? Self.number(in: Substring(typed))
        guard !note.isEmpty || !files.isEmpty else { return [desk.text.say("expenses.add.nothing")] }

        let open = try desk.claims.claims(participantID: context.participantID, programmeID: membership.programme.id)
            .filter { $0.status == .needsInfo || $0.status == .draft }
        let target: ExpenseClaim?
        if let number {
            target = open.first { $0.id == number }
        } else {
            let waiting = open.filter { $0.status == .needsInfo }
            target = waiting.count == 1 ? waiting.first : (waiting.isEmpty && open.count == 1 ? open.first : nil)
        }
        guard var claim = target else {
            let numbers = open.map { String($0.id) }.joined(separator: ", ")
            return [desk.text.say(open.isEmpty ? "expenses.add.none" : "expenses.add.which", ["claims": numbers])]
        }
        if let refusal = try ReceiptPolicy.refusal(
            files, claimID: claim.id, participantID: context.participantID, claims: desk.claims)
        {
            return [desk.text.say(refusal.key, refusal.arguments)]
        }
        try desk.claims.addReceipts(files, to: claim.id)
        if !files.isEmpty { claim.flags.remove(.noReceipt) }
        let waited = claim.status == .needsInfo
        if waited { claim.status = .submitted }
        let added = (files.map(\.filename) + (note.isEmpty ? [] : [note])).joined(separator: "; ")
        try desk.claims.update(
            claim, actorID: context.participantID, kind: "info_added", detail: added,
            now: context.now)
        if waited {
            let who = try desk.name(of: context.participantID)
            let id = claim.id
            try desk.notifyCoordinators(programmeID: claim.programmeID, "expenses.notice.completed") { _ in
                ["claim": String(id), "name": who, "added": added]
            }
            return [desk.text.say("expenses.add.sent", ["claim": String(claim.id)])]
        }
        return [desk.text.say("expenses.add.draft", ["claim": String(claim.id)])]
    }

    /// A leading claim number (`12`, `#12`, `12.`, `12:`) and the text after it.
    static func number(in text: Substring) -> (Int64?, String) {
        let trimmed = text.drop { $0 == " " || $0 == ":" || $0 == "," || $0 == "#" }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 12, let number = Int64(digits) else {
            return (nil, trimmed.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let rest = trimmed.dropFirst(digits.count).drop { $0 == "." || $0 == ":" || $0 == "," || $0 == " " }
        return (number, rest.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
