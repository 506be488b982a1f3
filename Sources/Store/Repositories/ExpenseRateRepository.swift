/// Exchange rates per programme. A new rate is a new row, so the rate a claim used can always be traced.
public struct ExpenseRateRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func add(programmeID: Int64, _ rate: ExpenseRateRecord, now: Int64) throws {
        try connection.run(
            """
            INSERT INTO expense_rates (programme_id, currency, per_eur, rate_date, set_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [programmeID, rate.currency, rate.perEUR, rate.date, rate.setBy, now])
    }

    /// The newest rate for `currency` dated on or before `date` (ISO); among rates of one date, the last set.
    public func rate(programmeID: Int64, currency: String, on date: String) throws -> ExpenseRateRecord? {
        try connection.query(
            """
            SELECT currency, per_eur, rate_date, set_by FROM expense_rates
            WHERE programme_id = ? AND currency = ? AND rate_date <= ? ORDER BY rate_date DESC, id DESC LIMIT 1
            """, [programmeID, currency, date]
        ).first.map { row in
            ExpenseRateRecord(
                currency: row.string("currency"), perEUR: row.string("per_eur"), date: row.string("rate_date"),
                setBy: row.string("set_by"))
        }
    }
}
