import Engine
import Store

/// Which files count as receipts, and whether a file is already part of another claim.
public enum ReceiptPolicy {
    /// Why a receipt may be refused.
    static let texts = [
        "expenses.receipt.duplicate_other", "expenses.receipt.duplicate_own", "expenses.receipt.not_stored",
        "expenses.receipt.size", "expenses.receipt.type",
    ]

    /// Media types accepted (as checked from the bytes by the channel, never from the name).
    public static let mediaTypes: Set<String> = [
        "image/jpeg", "image/png", "image/heic", "image/heif", "image/webp", "application/pdf",
    ]
    /// Largest receipt accepted: 10 MiB (a configuration key should replace this constant).
    public static let maxBytes = 10 * 1024 * 1024

    /// Why the files cannot be receipts of claim `claimID` (0 for a new claim) of `participantID`, as a locale key
    /// and its arguments; nil when they can. A participant's own drafts do not hold files (a new draft replaces them).
    public static func refusal(
        _ files: [AttachmentRef], claimID: Int64, participantID: Int64, claims: ExpenseRepository
    ) throws -> (key: String, arguments: [String: String])? {
        for file in files {
            guard try claims.storedFile(sha256: file.id) != nil else {
                return ("expenses.receipt.not_stored", ["file": file.filename])
            }
            guard mediaTypes.contains(file.mediaType) else {
                return ("expenses.receipt.type", ["file": file.filename, "type": file.mediaType])
            }
            guard file.size <= maxBytes else {
                return ("expenses.receipt.size", ["file": file.filename, "max": "10 MiB"])
            }
            let holders = try claims.claims(withReceipt: file.id).filter { holder in
                holder.id != claimID && !(holder.participantID == participantID && holder.status == .draft)
            }
            if let own = holders.first(where: { $0.participantID == participantID }) {
                return ("expenses.receipt.duplicate_own", ["file": file.filename, "claim": String(own.id)])
            }
            if !holders.isEmpty { return ("expenses.receipt.duplicate_other", ["file": file.filename]) }
        }
        return nil
    }
}
