import Engine
import Store

/// Pairs late against their template on a given day: fewer meetings than expected by now, quiet for longer than
/// the template's rhythm, or template documents past their due date and not submitted. Built from a few
/// programme-wide reads (see `ReminderRepository`), never one query per pair.
public struct BehindReport: Sendable, Hashable {
    /// One pair that is behind, and why.
    public struct Pair: Sendable, Hashable {
        public let label: String
        public let cohort: String?
        public let meetings: Int
        public let expected: Int
        /// Days since the last meeting (or the start), when longer than the rhythm.
        public let quietDays: Int?
        /// Template documents past their due date that someone in the pair still owes.
        public let overdue: [Overdue]
    }

    /// A document past its due date and the names of those who still owe it.
    public struct Overdue: Sendable, Hashable {
        public let document: ProgrammeTemplate.Document
        public let owners: [String]
    }

    /// Days since the programme's start.
    public let day: Int
    /// Pairs looked at.
    public let checked: Int
    /// Pairs behind, most missing meetings first.
    public let pairs: [Pair]

    /// Compares every pair the viewer may see (all, when `viewerID` is nil) with the template on `today`.
    public static func build(
        programme: ProgrammeRecord, template: ProgrammeTemplate, viewerID: Int64?, today: CalendarDate,
        connection: Connection
    ) throws -> BehindReport {
        let reads = ReminderRepository(connection)
        let start = CalendarDate(iso: programme.startDate) ?? today
        let day = today.daysSinceEpoch - start.daysSinceEpoch
        let activity = try reads.pairActivity(programmeID: programme.id, viewerID: viewerID)
        let members = Dictionary(grouping: try reads.pairMembers(programmeID: programme.id), by: \.pairID)
        let submitted = try reads.submittedDocuments(programmeID: programme.id)
        let expected = template.expectedMeetings(byDay: day)
        let overdueDocuments = template.documents.filter { $0.dueDay < day }
        var behind: [Pair] = []
        for pair in activity {
            let last = pair.lastMeeting.flatMap { CalendarDate(iso: $0) }.map { max($0, start) } ?? start
            let quiet = today.daysSinceEpoch - last.daysSinceEpoch
            let quietDays = day >= 0 && day <= template.lengthDays && quiet > template.rhythmDays ? quiet : nil
            let overdue = overdueDocuments.compactMap { document -> Overdue? in
                let owners = (members[pair.pairID] ?? []).filter { member in
                    document.owners.contains { $0.rawValue == member.role }
                        && !submitted.contains(.init(participantID: member.participantID, document: document.id))
                }
                return owners.isEmpty ? nil : Overdue(document: document, owners: owners.map(\.name))
            }
            guard pair.meetings < expected || quietDays != nil || !overdue.isEmpty else { continue }
            behind.append(Pair(
                label: pair.label, cohort: pair.cohort, meetings: pair.meetings, expected: expected,
                quietDays: quietDays, overdue: overdue))
        }
        behind.sort { ($0.expected - $0.meetings, $1.label) > ($1.expected - $1.meetings, $0.label) }
        return BehindReport(day: day, checked: activity.count, pairs: behind)
    }
}
