import Engine
import Store

/// Where a participant stands in their programme: the programme and its template, their role, their pair and
/// the other people in it. Loaded for every message; empty for people not enrolled.
public struct Membership: Sendable {
    public let programme: ProgrammeRecord
    public let template: ProgrammeTemplate
    public let enrolments: [EnrolmentRecord]
    /// The other members of the participant's pairs.
    public let peers: [Peer]

    /// Someone in the same pair.
    public struct Peer: Sendable, Hashable {
        public let participantID: Int64
        public let name: String
        public let role: String
        public let pairID: Int64
    }

    public var roles: Set<String> { Set(enrolments.map(\.role)) }

    /// The participant's pairs (a mentor may have several).
    public var pairIDs: [Int64] { enrolments.compactMap(\.pairID) }

    /// Loads the newest programme the participant is enrolled in; nil when none (or its template is unknown).
    public static func load(participantID: Int64, connection: Connection, templates: TemplateCatalog) throws
        -> Membership?
    {
        let programmes = ProgrammeRepository(connection)
        let all = try programmes.enrolments(participantID: participantID)
        guard let newest = all.first, let template = templates.template(newest.programme.template) else { return nil }
        let mine = all.filter { $0.programme.id == newest.programme.id }
        let peers = try programmes.pairMembers(of: participantID, programmeID: newest.programme.id).map { member in
            Peer(participantID: member.participantID, name: member.name, role: member.role, pairID: member.pairID)
        }
        return Membership(programme: newest.programme, template: template, enrolments: mine, peers: peers)
    }

    /// Roles that unlock flows. A mentee of a template that requires a guardian's consent has none until it is
    /// recorded: they can chat, but nothing can be logged for them.
    public var activeRoles: Set<String> {
        Set(enrolments.filter { !($0.role == Role.mentee.rawValue && template.requiresGuardianConsent
            && !$0.guardianConsent) }.map(\.role))
    }

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
