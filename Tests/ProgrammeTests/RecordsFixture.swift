import Engine
import Foundation
import Store
@testable import Programme

/// Two pairs in one city-to-city programme on a real SQLite file: pair A (Ana, mentee, whose enrolment names a
/// supervisor; Marco, mentor) and pair B (Bo, mentee; Cy, mentor). Actions run as they do in the pipeline.
struct RecordsFixture {
    let database: Database
    let templates: TemplateCatalog
    let localizer: Localizer
    let ana: Int64, marco: Int64, bo: Int64, cy: Int64
    let pairA: Int64, pairB: Int64
    /// 2026-03-14 10:00 UTC.
    static let today = CalendarDate(year: 2026, month: 3, day: 14)!
    static let now = Int64(today.daysSinceEpoch) * 86_400_000 + 36_000_000

    /// `consentRequired`: the template asks for a guardian's consent for mentees (as the school template does).
    init(consentRequired: Bool = false) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tandem-records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        var city = ProgrammeTemplate(id: "city_to_city", file: "t")
        city.roles = [.mentee, .mentor]
        city.lengthDays = 270
        city.requiresGuardianConsent = consentRequired
        city.documents = [
            .init(id: "learning_needs", line: 1, title: "t", owners: [.mentee], dueDay: 14),
            .init(id: "learning_experiences", line: 2, title: "t", owners: [.mentor], dueDay: 7),
        ]
        templates = TemplateCatalog(templates: [city])
        localizer = try Self.englishLocalizer()
        let ids = try database.write { connection in
            let participants = ParticipantRepository(connection)
            let programmes = ProgrammeRepository(connection)
            let programme = try programmes.create(
                name: "Pilot", template: "city_to_city", startDate: "2026-03-02", timeZone: "UTC", joinCode: "ABC-123",
                now: 1)
            var ids: [Int64] = []
            for (name, role, pair, supervisor) in [
                ("Ana", "mentee", "a", "boss@city-a.example.org"), ("Marco", "mentor", "a", nil),
                ("Bo", "mentee", "b", "chief@city-b.example.org"), ("Cy", "mentor", "b", nil),
            ] {
                let person = try participants.create(
                    name: name, language: "en", timeZone: "UTC", channel: .email,
                    address: "\(name.lowercased())@example.org", now: 1)
                let pairID = try programmes.pair(pair, programmeID: programme.id, cohortID: nil)
                try programmes.enrol(
                    participantID: person.id, programmeID: programme.id, role: role, pairID: pairID, cohortID: nil,
                    supervisorEmail: supervisor, guardianConsent: true, now: 1)
                ids += [person.id, pairID]
            }
            return ids
        }
        (ana, pairA, marco, _, bo, pairB, cy, _) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7])
    }

    /// Enrols people with programme roles (no pair) in Pilot, each reached at `name@example.org`; their ids.
    func staff(_ people: [(name: String, role: String)]) throws -> [Int64] {
        try database.write { connection in
            let programme = try ProgrammeRepository(connection).programme(named: "Pilot")!
            return try people.map { name, role in
                let person = try ParticipantRepository(connection).create(
                    name: name, language: "en", timeZone: "UTC", channel: .email,
                    address: "\(name.lowercased())@example.org", now: 1)
                try ProgrammeRepository(connection).enrol(
                    participantID: person.id, programmeID: programme.id, role: role, pairID: nil, cohortID: nil,
                    supervisorEmail: nil, guardianConsent: false, now: 1)
                return person.id
            }
        }
    }

    /// Runs an action as `participantID`, in one transaction, as the pipeline does.
    func run(_ action: any FlowAction, as participantID: Int64, _ slots: [String: SlotValue] = [:],
             senderProven: Bool = true) throws -> [String] {
        try database.write { connection in
            let membership = try Membership.load(
                participantID: participantID, connection: connection, templates: templates)
            let context = ActionContext(
                connection: connection, participantID: participantID, language: "en", localizer: localizer,
                now: Self.now, sourceMessageID: nil, membership: membership, today: Self.today, templates: templates,
                senderProven: senderProven)
            return try action.run(ActionRequest(flow: "test", action: action.name, slots: slots), in: context)
        }
    }

    /// Reads with the repositories directly.
    func read<T>(_ body: (Connection) throws -> T) throws -> T { try database.read(body) }

    /// Emails queued to an address, oldest first.
    func outbox(_ address: String) throws -> [String] {
        try read { try OutboxRepository($0).queued(channel: .email, address: address).map(\.body) }
    }

    private static func englishLocalizer() throws -> Localizer {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Dialogs/locales/en")
        var entries: [String: LocaleEntry] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".locale") {
            let path = folder.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            entries.merge(try LocaleFile.parse(text, file: path)) { first, _ in first }
        }
        return Localizer(entries: ["en": entries])
    }
}
