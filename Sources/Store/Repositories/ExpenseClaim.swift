import Engine

/// One expense claim as stored: what was spent, on what, in which budget line, and where it stands.
public struct ExpenseClaim: Sendable, Hashable {
    /// The claim number (0 before it is stored).
    public var id: Int64
    public let programmeID: Int64
    public let participantID: Int64
    /// The role the claim is made in (whose budget it counts against).
    public let role: String
    /// The budget line's category (`travel`, `food`, …).
    public let category: String
    public let expenseDate: CalendarDate
    public let description: String
    /// The meeting or visit the expense belongs to, and the logged meeting of that day if there is one.
    public let meetingDate: CalendarDate?
    public let logEntryID: Int64?
    /// As on the receipt.
    public let amount: Money
    /// In the budget line's currency (equal to `amount` when the currencies are the same).
    public let converted: Money
    /// The exchange rate used (units of `amount`'s currency per EUR, exact decimal text) and its date.
    public let ratePerEUR: String?
    public let rateDate: CalendarDate?
    /// The claimant's explanation when there is no receipt.
    public var noReceiptReason: String?
    public var flags: Set<ExpenseFlag>
    public var status: ExpenseStatus
    /// When the claim was approved or rejected (epoch milliseconds).
    public var decidedAt: Int64?
    public var receipts: [AttachmentRef]
    public let createdAt: Int64

    public init(
        id: Int64 = 0, programmeID: Int64, participantID: Int64, role: String, category: String,
        expenseDate: CalendarDate, description: String, meetingDate: CalendarDate?, logEntryID: Int64?, amount: Money,
        converted: Money, ratePerEUR: String?, rateDate: CalendarDate?, noReceiptReason: String?,
        flags: Set<ExpenseFlag>, status: ExpenseStatus, decidedAt: Int64? = nil, receipts: [AttachmentRef],
        createdAt: Int64
    ) {
        self.id = id
        self.programmeID = programmeID
        self.participantID = participantID
        self.role = role
        self.category = category
        self.expenseDate = expenseDate
        self.description = description
        self.meetingDate = meetingDate
        self.logEntryID = logEntryID
        self.amount = amount
        self.converted = converted
        self.ratePerEUR = ratePerEUR
        self.rateDate = rateDate
        self.noReceiptReason = noReceiptReason
        self.flags = flags
        self.status = status
        self.decidedAt = decidedAt
        self.receipts = receipts
        self.createdAt = createdAt
    }
}
