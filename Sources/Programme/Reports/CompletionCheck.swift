import Engine
import Store

/// Where one pair member stands against their template's completion rule: what they have done and what is still
/// missing for a certificate of satisfactory completion.
public struct CompletionCheck: Sendable, Hashable {
    /// One requirement of the rule not met yet.
    public enum Missing: Sendable, Hashable, CustomStringConvertible {
        case meetings(logged: Int, needed: Int)
        /// A document the person's role owes (its id and title).
        case document(id: String, title: String)
        case evaluation
        case transferability

        public var description: String {
            switch self {
            case .meetings(let logged, let needed): "\(logged) of \(needed) meetings logged"
            case .document(let id, let title): "\(title) (\(id)) not delivered"
            case .evaluation: "no evaluation sent"
            case .transferability: "no transferability assessment"
            }
        }
    }

    public let participantID: Int64
    public let name: String
    /// The person's language, for their certificate.
    public let language: String
    public let role: Role
    /// Meetings the pair logged (different days) and their length in minutes (the longest entry of each day).
    public let meetings: Int
    public let minutes: Int
    /// Title keys of the rule's documents this person delivered.
    public let delivered: [String]
    public let evaluated: Bool
    public let assessedMeasures: Int
    public let missing: [Missing]

    public var isMet: Bool { missing.isEmpty }

    /// Checks a pair member (`role` mentee or mentor) of `pairID` against `rule`; missing documents' titles in
    /// English (for the operator).
    static func check(
        participantID: Int64, role: Role, pairID: Int64, programmeID: Int64, rule: CompletionRule,
        template: ProgrammeTemplate, localizer: Localizer, connection: Connection
    ) throws -> CompletionCheck {
        let participant = try ParticipantRepository(connection).find(id: participantID)
        let meeting = try connection.query("""
            SELECT COUNT(*) AS meetings, COALESCE(SUM(minutes), 0) AS minutes FROM (
                SELECT MAX(duration_minutes) AS minutes FROM log_entries WHERE pair_id = ? GROUP BY meeting_date)
            """, [pairID]).first
        let meetings = meeting?.int("meetings") ?? 0
        let submitted = try DocumentRepository(connection).submitted(participantID: participantID,
                                                                     programmeID: programmeID)
        let owed = rule.documents.compactMap { id in template.documents.first { $0.id == id } }
            .filter { $0.owners.contains(role) }
        let evaluations = try connection.query(
            "SELECT COUNT(*) AS n FROM evaluations WHERE participant_id = ? AND programme_id = ?",
            [participantID, programmeID]).first?.int("n") ?? 0
        let evaluated = evaluations > 0
        let measures = try connection.query(
            "SELECT COUNT(*) AS n FROM transferability_assessments WHERE pair_id = ?", [pairID]
        ).first?.int("n") ?? 0
        var missing: [Missing] = []
        if meetings < rule.meetings { missing.append(.meetings(logged: meetings, needed: rule.meetings)) }
        for document in owed where !submitted.contains(document.id) {
            missing.append(.document(id: document.id, title: localizer.text(document.title, "en")))
        }
        if rule.evaluation && !evaluated { missing.append(.evaluation) }
        if rule.transferability && measures == 0 { missing.append(.transferability) }
        return CompletionCheck(
            participantID: participantID, name: participant?.name ?? "", language: participant?.language ?? "en",
            role: role, meetings: meetings,
            minutes: meeting?.int("minutes") ?? 0,
            delivered: owed.filter { submitted.contains($0.id) }.map(\.title),
            evaluated: evaluated, assessedMeasures: measures, missing: missing)
    }
}
