import Engine
import Store

/// Where a participant stands in their programme: the programme and its template, their role, their pair and
/// the other people in it. Loaded for every message; empty for people not enrolled.
///
/// In a programme whose template requires a guardian's consent, a pair with a mentee whose consent is not recorded
/// is on hold as a whole: it is in none of `pairIDs` and `peers` (so no meeting, agenda, feedback or notice can
/// involve the pupil), and its roles are `heldRoles`, not `activeRoles`.
public struct Membership: Sendable {
    public let programme: ProgrammeRecord
    public let template: ProgrammeTemplate
    public let enrolments: [EnrolmentRecord]
    /// The other members of the participant's pairs that are not on hold.
    public let peers: [Peer]
    /// The participant's pairs waiting for a mentee's guardian's consent.
    public let pairsAwaitingConsent: Set<Int64>
    /// The other members of those pairs (to name whom nothing can be logged with yet).
    public let peersAwaitingConsent: [Peer]

    /// Someone in the same pair.
    public struct Peer: Sendable, Hashable {
        public let participantID: Int64
        public let name: String
        public let role: String
        public let pairID: Int64
    }

    public var roles: Set<String> { Set(enrolments.map(\.role)) }

    /// The participant's pairs (a mentor may have several) that are not on hold.
    public var pairIDs: [Int64] { enrolments.compactMap(\.pairID).filter { !pairsAwaitingConsent.contains($0) } }

    /// Loads the newest programme the participant is enrolled in; nil when none (or its template is unknown).
    public static func load(participantID: Int64, connection: Connection, templates: TemplateCatalog) throws
        -> Membership?
    {
        let programmes = ProgrammeRepository(connection)
        let all = try programmes.enrolments(participantID: participantID)
        guard let newest = all.first, let template = templates.template(newest.programme.template) else { return nil }
        let mine = all.filter { $0.programme.id == newest.programme.id }
        let members = try programmes.pairMembers(of: participantID, programmeID: newest.programme.id)
        var awaiting: Set<Int64> = []
        if template.requiresGuardianConsent {
            let pairRoles = mine.map { ($0.role, $0.pairID, $0.guardianConsent) }
                + members.map { ($0.role, Optional($0.pairID), $0.guardianConsent) }
            for (role, pair, consent) in pairRoles where role == Role.mentee.rawValue && !consent {
                if let pair { awaiting.insert(pair) }
            }
        }
        let peers = members.map { member in
            Peer(participantID: member.participantID, name: member.name, role: member.role, pairID: member.pairID)
        }
        return Membership(
            programme: newest.programme, template: template, enrolments: mine,
            peers: peers.filter { !awaiting.contains($0.pairID) }, pairsAwaitingConsent: awaiting,
            peersAwaitingConsent: peers.filter { awaiting.contains($0.pairID) })
    }

    /// Whether the participant is a mentee whose own guardian's consent the template requires and is not recorded.
    public var awaitsOwnConsent: Bool {
        template.requiresGuardianConsent
            && enrolments.contains { $0.role == Role.mentee.rawValue && !$0.guardianConsent }
    }

    /// Roles that unlock flows. A mentee whose guardian's consent is missing has none, and neither has a mentor (or
    /// mentee) whose every pair waits for it: they can chat, ask what's next and raise a concern, nothing else.
    public var activeRoles: Set<String> {
        Set(enrolments.filter { enrolment in
            if enrolment.role == Role.mentee.rawValue, template.requiresGuardianConsent, !enrolment.guardianConsent {
                return false
            }
            return enrolment.pairID.map { !pairsAwaitingConsent.contains($0) } ?? true
        }.map(\.role))
    }

    /// Roles on hold until a guardian's consent is recorded (what `activeRoles` leaves out).
    public var heldRoles: Set<String> { roles.subtracting(activeRoles) }

    /// Days since the programme's start date (negative before it starts).
    public func day(on today: CalendarDate) -> Int {
        guard let start = CalendarDate(iso: programme.startDate) else { return 0 }
        return today.daysSinceEpoch - start.daysSinceEpoch
    }

    /// The calendar date of a day offset from the start.
    public func date(ofDay day: Int) -> CalendarDate {
        (CalendarDate(iso: programme.startDate) ?? CalendarDate(daysSinceEpoch: 0)).adding(days: day)
    }

    /// The programme's days, from its start to the end of its template's length (nil when it has no length).
    public var days: ClosedRange<CalendarDate>? {
        guard template.lengthDays > 0 else { return nil }
        return date(ofDay: 0)...date(ofDay: template.lengthDays)
    }
}
