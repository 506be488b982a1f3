import Engine
import Store

/// The texts about claims, in one participant's language (the speaker's, or a notified person's).
public struct ClaimText: Sendable {
    public let localizer: Localizer
    public let language: String

    /// Every text a claim's summary, list line, budget and rule breaches may say.
    static let texts = [
        "expenses.amount.converted", "expenses.budget.line", "expenses.budget.role", "expenses.list.flags",
        "expenses.list.item", "expenses.summary.amount", "expenses.summary.category", "expenses.summary.date",
        "expenses.summary.description", "expenses.summary.flags", "expenses.summary.header",
        "expenses.summary.meeting", "expenses.summary.meeting_logged", "expenses.summary.no_receipt",
        "expenses.summary.receipts",
    ] + ExpenseStatus.allCases.map { "expenses.status.\($0.rawValue)" }
        + ExpenseFlag.allCases.map { "expenses.flag.\($0.rawValue)" }
        + ExpenseFlag.budgetRules.flatMap { flag in ["warn", "block"].map { "expenses.\($0).\(flag.rawValue)" } }

    /// The kinds of event a claim's history has, each said as `expenses.event.KIND` (`replaced`: dropped for a
    /// newer draft).
    static let eventKinds = [
        "drafted", "submitted", "info_requested", "info_added", "approved", "rejected", "paid", "dropped", "replaced",
    ]
    static let eventTexts = eventKinds.map { "expenses.event.\($0)" }
    /// How a dropped draft's event records the draft that replaced it (`replaced by draft 12`).
    static let replacedBy = "replaced by draft "

    public init(localizer: Localizer, language: String) {
        self.localizer = localizer
        self.language = language
    }

    public func say(_ key: String, _ arguments: [String: String] = [:]) -> String {
        localizer.text(key, language, arguments)
    }

    /// A category as shown: the first name of its option text (`option.travel`).
    public func category(_ id: String) -> String {
        say("option.\(id)").split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? id
    }

    public func status(_ status: ExpenseStatus) -> String { say("expenses.status.\(status.rawValue)") }

    /// `45.50 EUR`, `45,50 EUR`: an amount as the language writes it.
    public func money(_ money: Money) -> String { localizer.money(money, language) }

    /// `over its line, no receipt` — or empty.
    public func flags(_ flags: Set<ExpenseFlag>) -> String {
        ExpenseFlag.allCases.filter(flags.contains).map { say("expenses.flag.\($0.rawValue)") }
            .joined(separator: ", ")
    }

    /// `127.82 EUR (250.00 BGN at 1.95583 per EUR, rate of 2026-01-01)` or `45.50 EUR`.
    public func amount(_ claim: ExpenseClaim) -> String {
        guard claim.amount.currency != claim.converted.currency else { return money(claim.amount) }
        return say(
            "expenses.amount.converted",
            [
                "converted": money(claim.converted), "amount": money(claim.amount),
                "rate": claim.ratePerEUR.map { localizer.decimal($0, language) } ?? "?",
                "rate_date": claim.rateDate?.iso ?? "?",
            ])
    }

    /// The claim in full, one fact per line.
    public func summary(_ claim: ExpenseClaim) -> [String] {
        var lines = [say("expenses.summary.header", ["claim": String(claim.id), "status": status(claim.status)])]
        if claim.receipts.isEmpty {
            lines.append(say("expenses.summary.no_receipt", ["reason": claim.noReceiptReason ?? ""]))
        } else {
            lines.append(
                say("expenses.summary.receipts", ["files": claim.receipts.map(\.filename).joined(separator: ", ")]))
        }
        lines.append(say("expenses.summary.amount", ["amount": amount(claim)]))
        lines.append(say("expenses.summary.category", ["category": category(claim.category)]))
        lines.append(say("expenses.summary.date", ["date": claim.expenseDate.iso]))
        lines.append(say("expenses.summary.description", ["description": claim.description]))
        if let meeting = claim.meetingDate {
            lines.append(
                say(
                    claim.logEntryID == nil ? "expenses.summary.meeting" : "expenses.summary.meeting_logged",
                    ["date": meeting.iso]))
        }
        if !claim.flags.isEmpty { lines.append(say("expenses.summary.flags", ["flags": flags(claim.flags)])) }
        return lines
    }

    /// One line of a list: `• 3 · 2026-03-10 · Travel · 127.82 EUR · sent (flagged: no receipt)`.
    public func listLine(_ claim: ExpenseClaim, who: String? = nil) -> String {
        var line = say(
            "expenses.list.item",
            [
                "claim": String(claim.id), "date": claim.expenseDate.iso, "category": category(claim.category),
                "amount": money(claim.converted), "status": status(claim.status),
            ])
        if let who { line += " — " + who }
        if !claim.flags.isEmpty { line += " " + say("expenses.list.flags", ["flags": flags(claim.flags)]) }
        return line
    }

    /// One event of a claim's history: `• 2026-03-14 · sent · Alex · over its budget line`.
    public func event(_ event: ExpenseEvent, day: String, who: String) -> String {
        var kind = event.kind
        var detail = event.detail
        var arguments: [String: String] = [:]
        if kind == "submitted" {
            detail = flags(Set(detail.split(separator: ",").compactMap { ExpenseFlag(rawValue: String($0)) }))
        } else if kind == "dropped", detail.hasPrefix(Self.replacedBy) {
            kind = "replaced"
            arguments["claim"] = String(detail.dropFirst(Self.replacedBy.count))
            detail = ""
        }
        let name = Self.eventKinds.contains(kind) ? say("expenses.event.\(kind)", arguments) : kind
        return "• \(day) · \(name) · \(who)" + (detail.isEmpty ? "" : " · \(detail)")
    }

    /// What is left of the line and of the role's total after a claim.
    public func budget(_ check: BudgetCheck) -> [String] {
        var lines = [
            say(
                "expenses.budget.line",
                [
                    "category": category(check.line.category), "limit": money(check.line.limit),
                    "left": money(Money(minorUnits: check.lineLeftAfter, currency: check.line.limit.currency)),
                ])
        ]
        if let total = check.roleTotal, let left = check.roleLeftAfter {
            lines.append(
                say(
                    "expenses.budget.role",
                    [
                        "limit": money(total), "left": money(Money(minorUnits: left, currency: total.currency)),
                    ]))
        }
        return lines
    }

    /// A broken rule: as a warning (`warn`) or as the reason for refusing (`block`).
    public func breach(_ breach: BudgetBreach, category id: String) -> String {
        let kind = breach.severity == .block ? "block" : "warn"
        return say(
            "expenses.\(kind).\(breach.flag.rawValue)",
            [
                "over": breach.over.map(money) ?? "", "category": category(id),
            ])
    }
}
