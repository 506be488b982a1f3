import Engine
import Store

/// What the expense actions share: the speaker's claims, rates, budget checks and notices.
struct ExpenseDesk {
    let context: ActionContext
    let claims: ExpenseRepository
    let text: ClaimText

    init(_ context: ActionContext) {
        self.context = context
        claims = ExpenseRepository(context.connection)
        text = ClaimText(localizer: context.localizer, language: context.language)
    }

    /// The participant's name, or their id when unnamed.
    func name(of participantID: Int64) throws -> String {
        let name = try ParticipantRepository(context.connection).find(id: participantID)?.name ?? ""
        return name.isEmpty ? "#\(participantID)" : name
    }

    /// The rate for `currency` on `date`: the coordinator's newest on or before it, else the template's fixed one.
    func rate(_ currency: String, programmeID: Int64, template: ProgrammeTemplate, on date: CalendarDate) throws
        -> ExchangeRate?
    {
        if let set = try ExpenseRateRepository(context.connection).rate(
            programmeID: programmeID, currency: currency, on: date.iso),
            let day = CalendarDate(iso: set.date)
        {
            return ExchangeRate(currency: currency, perEUR: set.perEUR, date: day)
        }
        return template.fixedRates.filter { $0.currency == currency && $0.date <= date }.max { $0.date < $1.date }
    }

    /// The budget check of a claim as it stands now (other counted claims of the same person and role).
    func check(_ claim: ExpenseClaim, role: Role, template: ProgrammeTemplate, start: CalendarDate) throws
        -> BudgetCheck?
    {
        let claimed = try claims.claimedTotals(
            participantID: claim.participantID, programmeID: claim.programmeID, role: claim.role, excluding: claim.id)
        return BudgetCheck.evaluate(
            .init(
                role: role, category: claim.category, converted: claim.converted, hasReceipt: !claim.receipts.isEmpty,
                expenseDate: claim.expenseDate),
            template: template, claimed: claimed, today: context.today, start: start)
    }

    /// Tells every finance coordinator of the programme, each in their language; returns how many were reached.
    @discardableResult
    func notifyCoordinators(programmeID: Int64, _ key: String, _ arguments: (ClaimText) -> [String: String]) throws
        -> Int
    {
        var reached = 0
        for coordinator in try ProgrammeRepository(context.connection).enrolments(
            programmeID: programmeID, role: Role.finance.rawValue)
        where try notify(coordinator.participantID, key, arguments) {
            reached += 1
        }
        return reached
    }

    /// Tells one participant, with the arguments written in their language.
    @discardableResult
    func notify(_ participantID: Int64, _ key: String, _ arguments: (ClaimText) -> [String: String]) throws -> Bool {
        let theirs = ClaimText(localizer: context.localizer, language: try context.voice(ofParticipant: participantID))
        return try context.notify(participantID: participantID, key, arguments(theirs))
    }

    /// The speaker's newest draft in their programme.
    func draft(programmeID: Int64) throws -> ExpenseClaim? {
        try claims.claims(participantID: context.participantID, programmeID: programmeID)
            .first { $0.status == .draft }
    }
}
