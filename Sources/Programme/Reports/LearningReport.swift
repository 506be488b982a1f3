import Engine
import Store

/// The draft of a pair's learning programme report, built from what the pair recorded: objectives (the learning
/// plan), mentoring activities (the agenda's sessions and the log), outcomes (evidence of success, evaluations),
/// transferability results, and a dissemination section to write. Rendered as Markdown the pair can edit, with
/// headings in the reader's language (`LearningReport+Markdown.swift`).
public struct LearningReport: Sendable, Hashable {
    /// A member of the pair: name and role.
    public struct Member: Sendable, Hashable {
        public let name: String
        public let role: String
    }

    /// One member's evaluation.
    public struct Evaluation: Sendable, Hashable {
        public let name: String
        public let answers: EvaluationRepository.Evaluation
    }

    public let programme: ProgrammeRecord
    /// The template's title key (e.g. `programme.city.title`) and length in days.
    public let templateTitle: String
    public let lengthDays: Int
    public let label: String
    public let members: [Member]
    public let plan: [LearningPlanRepository.Content]
    public let agenda: [AgendaRepository.Session]
    public let entries: [LogEntry]
    public let evaluations: [Evaluation]
    public let assessments: [TransferabilityRepository.Assessment]

    /// Loads everything the pair `pairID` recorded.
    public static func load(pairID: Int64, templates: TemplateCatalog, connection: Connection) throws(ReportError)
        -> LearningReport
    {
        do {
            guard let pair = try connection.query("""
                SELECT pr.label, p.name FROM pairs AS pr JOIN programmes AS p ON p.id = pr.programme_id
                WHERE pr.id = ?
                """, [pairID]).first,
                let programme = try ProgrammeRepository(connection).programme(named: pair.string("name"))
            else { throw ReportError.unknownPair(String(pairID)) }
            let template = templates.template(programme.template)
            let people = ParticipantRepository(connection)
            let enrolments = try ProgrammeRepository(connection).members(pairID: pairID)
            let members = try enrolments.map { Member(name: try people.find(id: $0.participantID)?.name ?? "",
                                                      role: $0.role) }
            let evaluations = try connection.query("""
                SELECT e.open_points, e.gained, e.feedback, p.name FROM evaluations AS e
                JOIN participants AS p ON p.id = e.participant_id WHERE e.pair_id = ? ORDER BY e.id
                """, [pairID]).map { row in
                Evaluation(name: row.string("name"), answers: .init(
                    openPoints: row.string("open_points"), gained: row.string("gained"),
                    feedback: row.string("feedback")))
            }
            let assessments = try enrolments.flatMap { member in
                try TransferabilityRepository(connection).assessments(
                    pairID: pairID, participantID: member.participantID)
            }
            return LearningReport(
                programme: programme, templateTitle: template?.title ?? "", lengthDays: template?.lengthDays ?? 0,
                label: pair.string("label"), members: members,
                plan: try LearningPlanRepository(connection).current(pairID: pairID).map(\.content),
                agenda: try AgendaRepository(connection).current(pairID: pairID)?.sessions ?? [],
                entries: try LogEntryRepository(connection).entries(pairID: pairID), evaluations: evaluations,
                assessments: assessments)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.store("\(error)")
        }
    }

    /// Loads the pair labelled `label` (in the programme named `programme`, required when labels repeat).
    public static func load(label: String, programme: String?, templates: TemplateCatalog, connection: Connection)
        throws(ReportError) -> LearningReport
    {
        let pairID: Int64
        do {
            pairID = try PairLookup.pairID(label: label, programme: programme, connection: connection)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.store("\(error)")
        }
        return try load(pairID: pairID, templates: templates, connection: connection)
    }
}

extension LearningReport {
    /// Answers the speaker with the draft: the Markdown as the message, and the same text as a `.md` file to edit
    /// (attached to the email, a file in Matrix). Returns the replies still to send (none: it is queued here).
    func send(in context: ActionContext) throws -> [String] {
        let markdown = markdown(localizer: context.localizer, language: context.language, today: context.today)
        let safeLabel = String(label.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        let file = OutboxFile(
            filename: "learning-report-\(safeLabel).md", mediaType: "text/markdown; charset=utf-8",
            bytes: Array(markdown.utf8))
        guard try context.reply(String(markdown.dropLast()), attachments: [file]) else {
            return [String(markdown.dropLast())]
        }
        return []
    }
}
