import Engine
import Store

/// A mentee's e-portfolio (the school programme's optional validation, owned by the mentee): the programme's
/// description, the pair's joint statement, the objectives the mentee chose to show (goals of the working plan),
/// their approved learning statement grouped like the Europass CV's skills, the project team's evaluation, and the
/// certificate of satisfactory completion once earned. It names nobody but the mentee, and holds nothing the
/// mentee left out. Rendered as one printable A4 HTML file (`Portfolio+HTML.swift`) in the mentee's language.
struct Portfolio {
    let name: String
    let language: String
    let programme: ProgrammeRecord
    /// The template's title key.
    let programmeTitle: String
    let startDate: CalendarDate
    let endDate: CalendarDate
    /// Meetings the pair logged (different days) and their minutes.
    let meetings: Int
    let minutes: Int
    let jointStatement: String?
    /// The goals the mentee chose to show.
    let goals: [WorkingPlanRepository.Goal]
    let statement: LearningStatementRepository.Parts?
    let evaluation: TeamEvaluationRepository.Evaluation?
    /// The certificate, when the mentee meets the template's completion rule.
    let certificate: Certificate?
    let issued: CalendarDate

    /// Loads the portfolio of `menteeID` in `pair`, showing the goals numbered `shownGoals`.
    static func load(
        menteeID: Int64, pair: SchoolPair, shownGoals: Set<Int>, context: ActionContext
    ) throws -> Portfolio {
        let connection = context.connection
        let membership = pair.scope.membership
        let template = membership.template
        let programmeID = membership.programme.id
        let person = try ParticipantRepository(connection).find(id: menteeID)
        let start = CalendarDate(iso: membership.programme.startDate) ?? context.today
        let issued = ProgrammeTime(context.now, timeZone: membership.programme.timeZone).date
        let check = try template.completion.map { rule in
            try CompletionCheck.check(
                participantID: menteeID, role: .mentee, pairID: pair.pairID, programmeID: programmeID, rule: rule,
                template: template, localizer: context.localizer, connection: connection)
        }
        let end = start.adding(days: max(template.lengthDays - 1, 0))
        let certificate = check.flatMap { check in
            check.isMet ? Certificate(
                programme: membership.programme.name, programmeTitle: template.title, startDate: start, endDate: end,
                issued: issued, holders: [check]) : nil
        }
        let meeting = try connection.query("""
            SELECT COUNT(*) AS meetings, COALESCE(SUM(minutes), 0) AS minutes FROM (
                SELECT MAX(duration_minutes) AS minutes FROM log_entries WHERE pair_id = ? GROUP BY meeting_date)
            """, [pair.pairID]).first
        return Portfolio(
            name: person?.name ?? "", language: person?.language ?? context.language,
            programme: membership.programme, programmeTitle: template.title, startDate: start, endDate: end,
            meetings: meeting?.int("meetings") ?? 0, minutes: meeting?.int("minutes") ?? 0,
            jointStatement: try JointStatementRepository(connection).newest(pairID: pair.pairID),
            goals: try WorkingPlanRepository(connection).goals(pairID: pair.pairID)
                .filter { shownGoals.contains($0.number) },
            statement: try LearningStatementRepository(connection).approved(
                participantID: menteeID, programmeID: programmeID)?.parts,
            evaluation: try TeamEvaluationRepository(connection).newest(menteeID: menteeID, programmeID: programmeID),
            certificate: certificate, issued: issued)
    }
}
