import Engine
import Store

/// Certificates of satisfactory completion for a pair or one of its members, as a printable HTML page (A4, one
/// page per person, each in that person's language) — made only when each person meets the template's
/// `completion:` rule.
public struct Certificate: Sendable, Hashable {
    public let programme: String
    /// The template's title key (`programme.staff.title`).
    public let programmeTitle: String
    public let startDate: CalendarDate
    public let endDate: CalendarDate
    public let issued: CalendarDate
    /// One per person certified, each with what they did.
    public let holders: [CompletionCheck]

    /// Checks `subject` — a participant's address (email or Matrix ID) or a pair's label (in `programme`, required
    /// when labels repeat) — and returns their certificates, issued on the day `now` (epoch ms) is in the
    /// programme's time zone, or throws `notComplete` listing what is missing.
    public static func load(
        subject: String, programme: String?, now: Int64, templates: TemplateCatalog, localizer: Localizer,
        connection: Connection
    ) throws(ReportError) -> Certificate {
        do {
            let members = try Self.members(subject: subject, programme: programme, connection: connection)
            guard let first = members.first else { throw ReportError.notInPair(subject) }
            let record = first.programme
            guard let template = templates.template(record.template) else {
                throw ReportError.store("unknown template `\(record.template)` of programme \(record.name)")
            }
            guard let rule = template.completion else { throw ReportError.noCompletionRule(template.id) }
            let checks = try members.compactMap { member -> CompletionCheck? in
                guard let role = Role(rawValue: member.role), let pair = member.pairID else { return nil }
                return try CompletionCheck.check(
                    participantID: member.participantID, role: role, pairID: pair, programmeID: record.id,
                    rule: rule, template: template, localizer: localizer, connection: connection)
            }
            let unmet = checks.filter { !$0.isMet }
            guard unmet.isEmpty else {
                throw ReportError.notComplete(unmet.map { check in
                    "\(check.name) (\(check.role.rawValue)): "
                        + check.missing.map(\.description).joined(separator: "; ")
                })
            }
            let issued = ProgrammeTime(now, timeZone: record.timeZone).date
            let start = CalendarDate(iso: record.startDate) ?? issued
            return Certificate(
                programme: record.name, programmeTitle: template.title, startDate: start,
                endDate: start.adding(days: max(template.lengthDays - 1, 0)), issued: issued, holders: checks)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.store("\(error)")
        }
    }

    /// The pair enrolments (mentee, mentor) the subject names: the participant's own, or every member of the pair.
    private static func members(subject: String, programme: String?, connection: Connection) throws
        -> [EnrolmentRecord]
    {
        let programmes = ProgrammeRepository(connection)
        if let person = try ParticipantRepository(connection).find(anyChannelAddress: subject) {
            let own = try programmes.enrolments(participantID: person.id).filter { enrolment in
                enrolment.pairID != nil && Role(rawValue: enrolment.role)?.isPairRole == true
                    && (programme == nil || enrolment.programme.name == programme)
            }
            guard let newest = own.first else { throw ReportError.notInPair(person.name) }
            return [newest]
        }
        let pairID: Int64
        do {
            pairID = try PairLookup.pairID(label: subject, programme: programme, connection: connection)
        } catch ReportError.unknownPair {
            throw ReportError.unknownSubject(subject)
        }
        let members = try programmes.members(pairID: pairID)
            .filter { Role(rawValue: $0.role)?.isPairRole == true }
        guard !members.isEmpty else { throw ReportError.notInPair(subject) }
        return members
    }
}
