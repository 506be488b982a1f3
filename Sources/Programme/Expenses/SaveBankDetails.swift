import Engine
import Store

/// `save_bank_details` (flow `bank_details`): checks the IBAN (ISO 13616 mod-97 and the country's length),
/// stores holder and IBAN sealed, and shows the IBAN back masked. A wrong IBAN is explained and asked again (at once,
/// see `SaveBankDetails+Checks.swift`).
///
/// Slots: `iban` (text), `holder` (text).
public struct SaveBankDetails: FlowAction {
    public let name = "save_bank_details"
    /// The configured sealing key; nil uses the database's own (see `BankDetailsKey`).
    let key: BankDetailsKey?

    static let iban = Answer.text("iban")
    static let holder = Answer.text("holder")

    public var contract: ActionContract {
        ActionContract([Self.iban, Self.holder], texts: [
            "expenses.iban.characters", "expenses.iban.country", "expenses.iban.length", "expenses.iban.checksum",
            "expenses.iban.again", "expenses.bank.saved", "expenses.bank.draft_waiting",
        ] + Self.checkTexts, checks: [Self.iban, Self.holder])
    }

    public init(key: BankDetailsKey? = nil) { self.key = key }

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let typed = try request.answer(Self.iban)
        let holder = try request.answer(Self.holder)
        let desk = ExpenseDesk(context)
        let iban: IBAN
        do {
            iban = try IBAN(typed)
        } catch {
            return [
                desk.text.say(Self.key(for: error), Self.arguments(for: error)) + "\n"
                    + desk.text.say("expenses.iban.again")
            ]
        }
        try BankDetailsVault(context.connection, now: context.now, key: key).save(
            BankDetails(holder: holder, iban: iban), participantID: context.participantID)
        var lines = [desk.text.say("expenses.bank.saved", ["holder": holder, "iban": iban.masked])]
        if let programmeID = context.membership?.programme.id, let draft = try desk.draft(programmeID: programmeID) {
            lines.append(desk.text.say("expenses.bank.draft_waiting", ["claim": String(draft.id)]))
        }
        return [lines.joined(separator: "\n")]
    }

    static func key(for error: IBANError) -> String {
        switch error {
        case .invalidCharacters: return "expenses.iban.characters"
        case .unknownCountry: return "expenses.iban.country"
        case .wrongLength: return "expenses.iban.length"
        case .wrongChecksum: return "expenses.iban.checksum"
        }
    }

    static func arguments(for error: IBANError) -> [String: String] {
        switch error {
        case .invalidCharacters, .wrongChecksum: return [:]
        case .unknownCountry(let country): return ["country": country]
        case .wrongLength(let country, let expected, let actual):
            return ["country": country, "expected": String(expected), "actual": String(actual)]
        }
    }
}
