import Engine
import Foundation
import Store
@testable import Programme

/// A school_peers programme on a real SQLite file with the real `Dialogs/` texts, templates and flows: `pairs`
/// pairs p1…pN (Pupil N, mentee, with guardian consent unless listed in `withoutConsent`; Mentor N), Elif Demir, a
/// mentor still waiting for a mentee (pair "reserve"), and Cora, the coordinator. Actions run as the pipeline runs
/// them, in one transaction each, replies to email.
struct SchoolFixture {
    let database: Database
    let localizer: Localizer
    let templates: TemplateCatalog
    let catalog: DialogCatalog
    let programme: ProgrammeRecord
    /// 2026-05-20 10:00 UTC: week 12 of a programme that started on 2026-03-02 (the "sustain" stage).
    static let now = FacilitationFixture.at("2026-05-20", 10)

    init(pairs: Int = 2, withoutConsent: Set<Int> = []) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-school-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path, synchronous: .normal)
        localizer = try FacilitationFixture.loadLocalizer()
        templates = try FacilitationFixture.loadTemplates(localizer)
        catalog = try Self.loadCatalog()
        var csv = "name,role,pair,email,language,guardian_consent\nCora Nash,coordinator,,cora@example.org,en,\n"
        csv += "Elif Demir,mentor,reserve,elif@example.org,tr,yes\n"
        for index in 1...pairs {
            let consent = withoutConsent.contains(index) ? "no" : "yes"
            csv += "Pupil \(index),mentee,p\(index),pupil\(index)@example.org,en,\(consent)\n"
            csv += "Mentor \(index),mentor,p\(index),mentor\(index)@example.org,en,yes\n"
        }
        let rows = try EnrolmentCSV.parse(csv, languages: ["en", "bg", "tr"], roles: Set(Role.allCases)).get()
        let templates = templates
        programme = try database.write { connection in
            let importer = EnrolmentImporter(connection, templates: templates)
            let (programme, _) = try importer.programme(
                .init(name: "School", template: "school_peers", startDate: CalendarDate(iso: "2026-03-02"),
                      timeZone: "UTC"), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
            return programme
        }
    }

    /// The shipped flows and texts, checked as `tandem dialogs check` checks them.
    static func loadCatalog() throws -> DialogCatalog {
        let root = FacilitationFixture.dialogs
        func files(_ folder: URL, _ suffix: String) throws -> [DialogCatalog.SourceFile] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(suffix) }.map {
                .init(path: $0, text: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
            }
        }
        let locales = root.appendingPathComponent("locales")
        var localeFiles: [String: [DialogCatalog.SourceFile]] = [:]
        for language in try FileManager.default.contentsOfDirectory(atPath: locales.path) {
            localeFiles[language] = try files(locales.appendingPathComponent(language), ".locale")
        }
        let registry = ActionRegistry.standard
        return try DialogCatalog.build(
            flowFiles: try files(root.appendingPathComponent("flows"), ".flow"), localeFiles: localeFiles,
            actions: registry.names, contracts: registry.contracts).get()
    }

    func id(_ email: String) throws -> Int64 {
        try database.read { try ParticipantRepository($0).find(channel: .email, address: email)?.id ?? 0 }
    }

    /// Runs an action as the person with this email address; its replies, one per line.
    @discardableResult
    func run(_ action: any FlowAction, _ slots: [String: SlotValue] = [:], as email: String,
             now: Int64 = SchoolFixture.now) throws -> String {
        let participantID = try id(email)
        return try database.write { connection in
            let participant = try ParticipantRepository(connection).find(id: participantID)
            let membership = try Membership.load(participantID: participantID, connection: connection,
                                                 templates: templates)
            let context = ActionContext(
                connection: connection, participantID: participantID, language: participant?.language ?? "en",
                localizer: localizer, now: now, sourceMessageID: nil, membership: membership,
                today: ProgrammeTime(now, timeZone: "UTC").date, templates: templates)
            return try action.run(ActionRequest(flow: "t", action: action.name, slots: slots), in: context)
                .joined(separator: "\n")
        }
    }

    /// An English text with its arguments.
    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        localizer.text(key, "en", arguments)
    }

    func count(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int {
        try database.read { try $0.query(sql, arguments).first?.int("n") ?? 0 }
    }

    /// Queued outbox bodies for an email address.
    func bodies(to email: String) throws -> [String] {
        try database.read { try OutboxRepository($0).queued(channel: .email, address: email).map(\.body) }
    }

    /// The files queued to an email address, by name.
    func files(to email: String) throws -> [String: String] {
        try database.read { connection in
            try connection.query("""
                SELECT a.filename, a.bytes FROM outbox_attachments AS a JOIN outbox AS o ON o.id = a.outbox_id
                WHERE o.address = ? ORDER BY a.id
                """, [email]).reduce(into: [:]) { files, row in
                files[row.string("filename")] = String(decoding: row.blob("bytes"), as: UTF8.self)
            }
        }
    }

    // MARK: - Steps as people take them

    func goal(_ goal: String, how: String = "together on Mondays", by: String = "June", as email: String) throws {
        try run(SaveWorkingPlan(), ["goal": .text(goal), "how": .text(how), "time_frame": .text(by)], as: email)
    }

    func review(_ ticked: [String], achieved: String = "we kept going", as email: String) throws {
        try run(SaveReview(), ["achieved": .text(achieved), "indications": .list(ticked)], as: email)
    }

    /// The interview answered with `prefix` before each part's number ("Part 1", …).
    func statement(_ prefix: String = "Part", as email: String) throws {
        let names = ["about", "objectives", "activities", "hard_skills", "communication", "organisation", "now_able"]
        var slots: [String: SlotValue] = [:]
        for (index, name) in names.enumerated() { slots[name] = .text("\(prefix) \(index + 1)") }
        try run(SaveLearningStatement(), slots, as: email)
    }

    func evaluate(_ pair: String, achievements: String = "Kept every meeting", as email: String = "cora@example.org")
        throws -> String
    {
        try run(SaveTeamEvaluation(), [
            "pair": .text(pair), "participation": .choice("took_part_fully"), "achievements": .text(achievements),
            "consistency": .choice("agrees_with_self"),
        ], as: email)
    }
}
