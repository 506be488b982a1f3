import Engine
import Foundation
import Store

/// Builds the finance office's export of a programme: every claim that was sent (not drafts or dropped ones),
/// with exact decimal amounts, decision date and — only here — account holder and full IBAN; and the receipts.
public enum ExpenseExporter {
    /// The CSV columns, in order.
    public static let columns = [
        "claim", "name", "role", "category", "expense_date", "description", "meeting_date", "amount", "currency",
        "converted_amount", "converted_currency", "rate_per_eur", "rate_date", "flags", "no_receipt_reason", "status",
        "decision_date", "account_holder", "iban", "receipt_files",
    ]

    /// The export of `programmeID`, opening bank details with `key` (the configured one; nil = the database's own).
    /// Opening bank details needs a write transaction the first time (the database's key secret).
    public static func export(
        programmeID: Int64, connection: Connection, now: Int64, key: BankDetailsKey? = nil
    ) throws -> ExpenseExport {
        let claims = try ExpenseRepository(connection).claims(
            programmeID: programmeID, statuses: [.submitted, .needsInfo, .approved, .rejected, .paid])
        let vault = BankDetailsVault(connection, now: now, key: key)
        let attachments = AttachmentRepository(connection)
        var table = CSVTable(header: columns)
        var files: [String: [UInt8]] = [:]
        for claim in claims {
            let name = try ParticipantRepository(connection).find(id: claim.participantID)?.name ?? ""
            let bank = try vault.open(participantID: claim.participantID)
            var names: [String] = []
            for (index, receipt) in claim.receipts.enumerated() {
                let file = "claim-\(claim.id)-\(index + 1).\(fileExtension(receipt.mediaType))"
                files[file] = try attachments.bytes(sha256: receipt.id) ?? []
                names.append(file)
            }
            table.append([
                String(claim.id), name, claim.role, claim.category, claim.expenseDate.iso, claim.description,
                claim.meetingDate?.iso ?? "", decimal(claim.amount), claim.amount.currency, decimal(claim.converted),
                claim.converted.currency, claim.ratePerEUR ?? "", claim.rateDate?.iso ?? "",
                claim.flags.map(\.rawValue).sorted().joined(separator: " "), claim.noReceiptReason ?? "",
                claim.status.rawValue,
                claim.decidedAt.map { CalendarDate(daysSinceEpoch: Int($0 / 86_400_000)).iso } ?? "",
                bank?.holder ?? "", bank?.iban.electronic ?? "", names.joined(separator: " "),
            ])
        }
        return ExpenseExport(csv: table.text, files: files)
    }

    /// `45.50` for 45.50 EUR: exact, from minor units.
    static func decimal(_ money: Money) -> String {
        String(money.description.prefix { $0 != " " })
    }

    static func fileExtension(_ mediaType: String) -> String {
        switch mediaType {
        case "application/pdf": return "pdf"
        case "image/jpeg": return "jpg"
        case "image/png": return "png"
        case "image/webp": return "webp"
        case "image/heic", "image/heif": return "heic"
        default: return "bin"
        }
    }
}
