/// What `tandem expenses export` writes: the claims as CSV and each receipt file under its export name.
public struct ExpenseExport: Sendable {
    /// RFC 4180 CSV (CRLF line ends), one row per claim, with a header row.
    public let csv: String
    /// Receipt files by name (`claim-12-1.pdf`), byte-identical to what was sent.
    public let files: [String: [UInt8]]
}
