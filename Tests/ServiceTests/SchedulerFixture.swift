import Engine
import Foundation
import Programme
import Service
import Store
import Testing

/// A programme of `pairs` staff pairs (Europe/Sofia, starting 2026-03-02) on a real SQLite file with the real
/// `Dialogs/`, half in cohort Sofia (facilitator Fran), half in Plovdiv (facilitator Gil), and a scheduler whose
/// clock the test sets.
struct SchedulerFixture {
    let database: Database
    let scheduler: Scheduler
    let templates: TemplateCatalog
    let localizer: Localizer
    let engine: Engine
    let programme: ProgrammeRecord

    static let dialogs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Dialogs").standardizedFileURL.path

    /// `withoutConsent`: the pairs (by number) whose mentee has no guardian's consent recorded.
    init(
        pairs: Int, settings: ReminderSettings = ReminderSettings(), template: String = "staff_peers",
        withoutConsent: Set<Int> = []
    ) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-sched-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path, synchronous: .normal)
        let directory = DialogDirectory(path: Self.dialogs)
        let catalog = try directory.load()
        localizer = catalog.localizer
        engine = Engine(catalog: catalog)
        templates = try directory.loadTemplates(localizer: localizer)
        scheduler = Scheduler(
            database: database, templates: templates, engine: engine, clock: Clock { 0 }, settings: settings)
        var csv = "name,role,pair,cohort,email,language,guardian_consent\n"
        csv += "Fran,facilitator,,Sofia,fran@example.org,en,\nGil,facilitator,,Plovdiv,gil@example.org,bg,\n"
        for index in 1...pairs {
            let cohort = index <= (pairs + 1) / 2 ? "Sofia" : "Plovdiv"
            let consent = withoutConsent.contains(index) ? "no" : "yes"
            csv += "Mentee \(index),mentee,p\(index),\(cohort),mentee\(index)@example.org,en,\(consent)\n"
            csv += "Mentor \(index),mentor,p\(index),\(cohort),mentor\(index)@example.org,tr,yes\n"
        }
        let rows = try EnrolmentCSV.parse(csv, languages: ["en", "bg", "tr"], roles: Set(Role.allCases)).get()
        let templates = templates
        programme = try database.write { connection in
            let importer = EnrolmentImporter(connection, templates: templates)
            let (programme, _) = try importer.programme(
                .init(name: "Pilot", template: template, startDate: CalendarDate(iso: "2026-03-02"),
                      timeZone: "Europe/Sofia"), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
            return programme
        }
    }

    /// Epoch milliseconds of a UTC wall-clock time.
    static func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Int64 {
        (Int64(CalendarDate(iso: date)!.daysSinceEpoch) * 1440 + Int64(hour * 60 + minute)) * 60_000
    }

    func count(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int {
        try database.read { try $0.query(sql, arguments).first?.int("n") ?? 0 }
    }

    func bodies(to email: String) throws -> [String] {
        try database.read { try OutboxRepository($0).queued(channel: .email, address: email).map(\.body) }
    }

    /// Logs a meeting for the person with this email in their pair.
    func log(_ email: String, on date: String) throws {
        try database.write { connection in
            let participantID = try ParticipantRepository(connection).find(channel: .email, address: email)?.id ?? 0
            let pairID = try ProgrammeRepository(connection).enrolments(participantID: participantID).first?.pairID
            try LogEntryRepository(connection).insert(LogEntry(
                participantID: participantID, programmeID: programme.id, pairID: pairID,
                date: CalendarDate(iso: date)!, startTime: nil, durationMinutes: 45, topics: ["x"], nextSteps: nil),
                sourceMessageID: nil, now: 0)
        }
    }

    /// Saves a new revision of pair `label`'s agenda (by its mentee) with sessions `(YYYY-MM-DD, HH:MM)`.
    func agenda(_ label: String, _ sessions: [(String, Int)], now: Int64 = 0) throws {
        try database.write { connection in
            let pair = try #require(try connection.query(
                "SELECT id FROM pairs WHERE label = ? AND programme_id = ?", [label, programme.id]).first?.int64("id"))
            let author = try #require(try connection.query(
                "SELECT participant_id FROM enrolments WHERE pair_id = ? AND role = 'mentee'", [pair]
            ).first?.int64("participant_id"))
            try AgendaRepository(connection).save(
                programmeID: programme.id, pairID: pair, authorID: author, frequency: "weekly",
                sessions: try sessions.map { date, hour in
                    AgendaRepository.Session(
                        date: try #require(CalendarDate(iso: date)),
                        time: try #require(ClockTime(hour: hour, minute: 0)))
                },
                topics: ["goals"], notes: nil, sourceMessageID: nil, now: now)
        }
    }

    /// The dialogue state of the person's email conversation (where the scheduler opens "did you meet?").
    func conversation(_ email: String) throws -> ConversationState {
        try database.write { connection in
            let person = try #require(try ParticipantRepository(connection).find(channel: .email, address: email))
            return try ConversationRepository(connection).open(
                participantID: person.id, channel: .email, address: email, now: 0).state
        }
    }

    /// Puts the person's email conversation in the middle of a flow, last answered at `now`.
    func busy(_ email: String, in flow: String, now: Int64) throws {
        try database.write { connection in
            let person = try #require(try ParticipantRepository(connection).find(channel: .email, address: email))
            let conversations = ConversationRepository(connection)
            let record = try conversations.open(participantID: person.id, channel: .email, address: email, now: now)
            var state = ConversationState()
            state.flow = flow
            state.state = "duration"
            state.updatedAt = now
            try conversations.save(state, id: record.id, now: now)
        }
    }
}
