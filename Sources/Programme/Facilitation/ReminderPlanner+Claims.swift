import Engine
import Store

/// Reminders about expense claims (`claim_waiting`): the handbook promises reimbursement 2–4 weeks after the
/// receipts, so a claim sent 14 days ago and still not paid reminds the programme's finance coordinators, and again
/// at 28 days — once per claim and threshold (a scheduler that catches up late sends only the latest).
extension ReminderPlanner {
    /// Days after a claim is sent that its finance coordinators are reminded, if it is not paid by then.
    static let claimWaitDays = [14, 28]

    /// Adds a `claim_waiting` item for each finance coordinator per claim waiting past a threshold.
    func remindOfClaims(programmeID: Int64, today: CalendarDate, into items: inout Items, now: Int64) throws {
        let coordinators = try ProgrammeRepository(connection).enrolments(
            programmeID: programmeID, role: Role.finance.rawValue)
        guard !coordinators.isEmpty else { return }
        let waiting = try ExpenseRepository(connection).waitingForCoordinator(programmeID: programmeID)
        for (claim, sentAt) in waiting {
            let sent = CalendarDate(daysSinceEpoch: Int(sentAt / 86_400_000))
            let days = today.daysSinceEpoch - sent.daysSinceEpoch
            guard let threshold = Self.claimWaitDays.last(where: { days >= $0 }) else { continue }
            let name = try ParticipantRepository(connection).find(id: claim.participantID)?.name ?? ""
            for coordinator in Set(coordinators.map(\.participantID)).sorted() {
                try add(.claimWaiting, coordinator, "claim:\(claim.id)", String(threshold),
                        "reminder.claim_waiting.item", [
                            "claim": String(claim.id), "name": name, "amount": claim.converted.description,
                            "date": sent.iso, "days": String(days),
                            "status": "expenses.status.\(claim.status.rawValue)",
                        ], into: &items, now: now)
            }
        }
    }
}
