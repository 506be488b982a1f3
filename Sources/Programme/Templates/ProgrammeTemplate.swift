import Engine

/// A programme template: the steps, timing, roles, expected meetings, documents and budgets of one kind of
/// programme, read from a `.programme` file under `Dialogs/programmes/` (data a coordinator can copy and edit).
public struct ProgrammeTemplate: Sendable {
    public let id: String
    public let file: String
    /// Locale key of the template's name.
    public var title = ""
    /// Length of the programme in days from its start date.
    public var lengthDays = 0
    /// Meetings a pair is expected to hold over the programme, and their usual length.
    public var expectedMeetings = 0
    public var meetingMinutes = 0
    /// A pair that logged nothing for this many days is "quiet" (and nudged).
    public var rhythmDays = 14
    /// Roles this template uses.
    public var roles: [Role] = []
    /// Whether a mentee needs a guardian's consent before being paired or logged (school template).
    public var requiresGuardianConsent = false
    /// How the members of its pairs are addressed (`register: informal`): the texts of `locales/<language>/<register>/`
    /// replace the language's own; nil speaks the language's own texts (formal, in Bulgarian and Turkish). People
    /// with a programme role are addressed formally whatever the template (see `Membership.register`).
    public var register: String?
    public var steps: [Step] = []
    public var documents: [Document] = []
    public var budgets: [Budget] = []
    /// The most a role may claim in all its lines (`budget total ROLE: …`); without one, the sum of its lines.
    public var budgetTotals: [Role: Money] = [:]
    /// Warn-or-block settings of the budget rules (`claims …` lines).
    public var claimRules = ClaimRules()
    /// What a certificate of satisfactory completion requires (`completion: …`); nil when the template offers none.
    public var completion: CompletionRule?
    /// Fixed exchange rates (`rate BGN: 1.95583 per EUR from 2026-01-01`); a coordinator's rate overrides them.
    public var fixedRates: [ExchangeRate] = []

    public init(id: String, file: String) {
        self.id = id
        self.file = file
    }

    /// One step or stage, with its timing relative to the programme's start date.
    public struct Step: Sendable, Hashable {
        public let id: String
        public let line: Int
        public var title = ""
        public var instruction = ""
        /// First and last day of the step, counted from the start date (day 0; negative = before the start).
        public var fromDay = 0
        public var toDay = 0
        public var ledBy: Role?
    }

    /// A document a role owes, with its deadline.
    public struct Document: Sendable, Hashable {
        public let id: String
        public let line: Int
        public var title = ""
        public var owners: [Role] = []
        /// Day (from the start date) by which it is due.
        public var dueDay = 0
    }

    /// The most a role may claim in one budget category.
    public struct Budget: Sendable, Hashable {
        public let role: Role
        public let category: String
        public let limit: Money
    }

    /// The budget lines of a role.
    public func budgets(for role: Role) -> [Budget] { budgets.filter { $0.role == role } }

    /// The most a role may claim in all, or nil when it has no budget.
    public func budgetTotal(for role: Role) -> Money? {
        if let total = budgetTotals[role] { return total }
        let lines = budgets(for: role)
        guard let currency = lines.first?.limit.currency, lines.allSatisfy({ $0.limit.currency == currency }) else {
            return nil
        }
        return Money(minorUnits: lines.reduce(0) { $0 + $1.limit.minorUnits }, currency: currency)
    }

    /// The step a pair is in on `day` (days since the start date): the last step that has begun.
    public func step(onDay day: Int) -> Step? {
        steps.last { $0.fromDay <= day } ?? steps.first
    }

    /// Meetings expected by `day`, spread evenly over the programme.
    public func expectedMeetings(byDay day: Int) -> Int {
        guard lengthDays > 0 else { return 0 }
        let clamped = min(max(day, 0), lengthDays)
        return expectedMeetings * clamped / lengthDays
    }
}

/// The roles people play in a programme.
public enum Role: String, Sendable, CaseIterable, Codable {
    case mentee, mentor, facilitator
    case finance = "finance_coordinator"
    case coordinator
    case safeguarding = "safeguarding_lead"

    /// Roles that belong to a pair (the others oversee cohorts or the whole programme).
    public var isPairRole: Bool { self == .mentee || self == .mentor }

    /// The locale keys of every role's name (`role.mentee`, …).
    static var textKeys: [String] { allCases.map { "role.\($0.rawValue)" } }
}
