/// One change in a claim's history: who (nil = Tandem itself), when, what.
public struct ExpenseEvent: Sendable, Hashable {
    public let id: Int64
    public let claimID: Int64
    public let actorID: Int64?
    /// `drafted`, `submitted`, `dropped`, `approved`, `rejected`, `paid`, `info_requested`, `info_added`, ….
    public let kind: String
    public let detail: String
    /// Epoch milliseconds.
    public let createdAt: Int64
}
