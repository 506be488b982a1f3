import Engine
import Store

/// Pairs late against their template on a given day: fewer meetings than expected by now, quiet for longer than
/// the template's rhythm, template documents past their due date and not submitted, reminders left unanswered
/// ("did you meet?" with nothing logged or cancelled, a deadline reminder with nothing submitted) for
/// `unansweredAfterDays`, or expense claims waiting for finance's decision. Built from a few programme-wide reads
/// (see `ReminderRepository`), never one query per pair.
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
        /// Reminders sent at least `unansweredAfterDays` ago and still unanswered (a "did you meet?" counts once
        /// per session, a deadline reminder once per person and document).
        public let unanswered: Int
        /// Expense claims of the pair's members submitted and not yet decided by finance.
        public let claimsWaiting: Int
    }

    /// Days after which a reminder with no answer counts against the pair.
    public static let unansweredAfterDays = 3

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
        let unanswered = try unansweredReminders(
            programme: programme, today: today, submitted: submitted,
            pairsOf: Dictionary(grouping: members.values.joined(), by: \.participantID).mapValues { $0.map(\.pairID) },
            connection: connection)
        let claims = try reads.claimsWaiting(programmeID: programme.id)
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
            let open = unanswered[pair.pairID]?.count ?? 0
            let waiting = claims[pair.pairID] ?? 0
            guard pair.meetings < expected || quietDays != nil || !overdue.isEmpty || open > 0 || waiting > 0 else {
                continue
            }
            behind.append(Pair(
                label: pair.label, cohort: pair.cohort, meetings: pair.meetings, expected: expected,
                quietDays: quietDays, overdue: overdue, unanswered: open, claimsWaiting: waiting))
        }
        behind.sort { ($0.expected - $0.meetings, $1.label) > ($1.expected - $1.meetings, $0.label) }
        return BehindReport(day: day, checked: activity.count, pairs: behind)
    }

    /// The unanswered reminders of each pair, as keys (`meet:DATE`, `document:PERSON:ID`): "did you meet?" items
    /// whose session is still not settled, and deadline items whose document the person has still not submitted,
    /// sent before local midnight `unansweredAfterDays` days ago.
    private static func unansweredReminders(
        programme: ProgrammeRecord, today: CalendarDate, submitted: Set<ReminderRepository.Submitted>,
        pairsOf: [Int64: [Int64]], connection: Connection
    ) throws -> [Int64: Set<String>] {
        let cutoff = ProgrammeTime.instant(
            today.adding(days: -unansweredAfterDays), ClockTime(hour: 0, minute: 0)!, timeZone: programme.timeZone)
        let sent = try ReminderRepository(connection).sent(
            programmeID: programme.id,
            kinds: [ReminderPlanner.Kind.didYouMeet.rawValue, ReminderPlanner.Kind.deadline.rawValue], before: cutoff)
        let asked = sent.filter { $0.kind == ReminderPlanner.Kind.didYouMeet.rawValue }
            .compactMap { CalendarDate(iso: $0.period) }
        guard !sent.isEmpty else { return [:] }
        let sessions = try AgreedSessions(
            programmeID: programme.id, from: asked.min() ?? today, to: asked.max() ?? today, connection: connection)
        var open: [Int64: Set<String>] = [:]
        for item in sent {
            if item.kind == ReminderPlanner.Kind.didYouMeet.rawValue {
                guard item.subject.hasPrefix("pair:"), let pairID = Int64(item.subject.dropFirst(5)),
                      let date = CalendarDate(iso: item.period), !sessions.isSettled(pairID: pairID, date: date)
                else { continue }
                open[pairID, default: []].insert("meet:\(item.period)")
            } else if !submitted.contains(.init(participantID: item.participantID, document: item.subject)) {
                for pairID in pairsOf[item.participantID] ?? [] {
                    open[pairID, default: []].insert("document:\(item.participantID):\(item.subject)")
                }
            }
        }
        return open
    }
}
