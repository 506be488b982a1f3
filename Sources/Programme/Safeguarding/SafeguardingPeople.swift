import Engine
import Store

/// Who hears about a concern or an erasure request in the speaker's programme, and how to reach someone.
struct SafeguardingPeople {
    struct Person {
        let participantID: Int64
        let name: String
    }

    let context: ActionContext
    let programmeID: Int64

    /// The programme's safeguarding leads.
    func leads() throws -> [Person] { try people(role: Role.safeguarding.rawValue) }

    /// The programme's coordinators (project team).
    func coordinators() throws -> [Person] { try people(role: Role.coordinator.rawValue) }

    private func people(role: String) throws -> [Person] {
        let participants = ParticipantRepository(context.connection)
        var seen: Set<Int64> = []
        return try ProgrammeRepository(context.connection).enrolments(programmeID: programmeID, role: role)
            .filter { seen.insert($0.participantID).inserted }
            .map { Person(participantID: $0.participantID, name: try participants.find(id: $0.participantID)?.name ?? "?") }
    }

    /// "Dana and Emil" style list of names.
    static func names(_ people: [Person]) -> String {
        people.map(\.name).joined(separator: ", ")
    }

    /// How to reach a participant: each address with its channel ("email: ana@example.org"), newest conversation
    /// first when they have talked to Tandem.
    static func contact(of participantID: Int64, _ connection: Connection) throws -> String {
        let places = try connection.query("""
            SELECT channel, address FROM conversations WHERE participant_id = ? ORDER BY updated_at DESC
            """, [participantID]).map { "\($0.string("channel")): \($0.string("address"))" }
        let addresses = try connection.query("""
            SELECT channel, address FROM addresses WHERE participant_id = ? ORDER BY channel, address
            """, [participantID]).map { "\($0.string("channel")): \($0.string("address"))" }
        var all: [String] = []
        for place in places + addresses where !all.contains(place) { all.append(place) }
        return all.joined(separator: ", ")
    }

    /// A text in a recipient's own language (for parts of a notice built before `notify` words it).
    func text(_ key: String, for participantID: Int64) throws -> String {
        let language = try ParticipantRepository(context.connection).find(id: participantID)?.language ?? context.language
        return context.localizer.text(key, language)
    }
}
