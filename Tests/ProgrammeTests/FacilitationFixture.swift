import Engine
import Foundation
import Store
@testable import Programme

/// A programme on a real SQLite file with the real `Dialogs/` texts and templates: `pairs` pairs, the first half in
/// cohort Sofia (facilitator Fran), the rest in Plovdiv (facilitator Gil), and a coordinator, Cora. Mentees and
/// mentors speak en, bg and tr in turn.
struct FacilitationFixture {
    let database: Database
    let localizer: Localizer
    let templates: TemplateCatalog
    let programme: ProgrammeRecord

    static let dialogs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Dialogs").standardizedFileURL

    init(pairs: Int = 4, template: String = "staff_peers", start: String = "2026-03-02") throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-facil-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path, synchronous: .normal)
        localizer = try Self.loadLocalizer()
        templates = try Self.loadTemplates(localizer)
        var csv = "name,role,pair,cohort,email,language\n"
        csv += "Fran,facilitator,,Sofia,fran@example.org,en\nGil,facilitator,,Plovdiv,gil@example.org,en\n"
        csv += "Cora,coordinator,,,cora@example.org,en\n"
        let languages = ["en", "bg", "tr"]
        for index in 1...pairs {
            let cohort = index <= (pairs + 1) / 2 ? "Sofia" : "Plovdiv"
            csv += "Mentee \(index),mentee,p\(index),\(cohort),mentee\(index)@example.org,\(languages[index % 3])\n"
            csv += "Mentor \(index),mentor,p\(index),\(cohort),mentor\(index)@example.org,\(languages[(index + 1) % 3])\n"
        }
        let rows = try EnrolmentCSV.parse(csv, languages: Set(languages), roles: Set(Role.allCases)).get()
        let templates = templates
        programme = try database.write { connection in
            let importer = EnrolmentImporter(connection, templates: templates)
            let (programme, _) = try importer.programme(
                .init(name: "Pilot", template: template, startDate: CalendarDate(iso: start), timeZone: "Europe/Sofia"),
                now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
            return programme
        }
    }

    static func loadLocalizer() throws -> Localizer {
        var entries: [String: [String: LocaleEntry]] = [:]
        let locales = dialogs.appendingPathComponent("locales")
        for language in try FileManager.default.contentsOfDirectory(atPath: locales.path) {
            let folder = locales.appendingPathComponent(language)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".locale") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                entries[language, default: [:]].merge(try LocaleFile.parse(text, file: file)) { $1 }
            }
        }
        return Localizer(entries: entries)
    }

    static func loadTemplates(_ localizer: Localizer) throws -> TemplateCatalog {
        let folder = dialogs.appendingPathComponent("programmes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".programme") }
        return TemplateCatalog(templates: try files.map { file in
            try ProgrammeTemplateParser.parse(
                String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8), file: file)
        })
    }

    /// The participant with this email address.
    func id(_ email: String) throws -> Int64 {
        try database.read { try ParticipantRepository($0).find(channel: .email, address: email)?.id ?? 0 }
    }

    /// Runs an action as the person with this email, at `now` (epoch ms), in one transaction.
    func run(_ action: any FlowAction, _ slots: [String: SlotValue] = [:], as email: String, now: Int64) throws
        -> String
    {
        let participantID = try id(email)
        return try database.write { connection in
            let participant = try ParticipantRepository(connection).find(id: participantID)
            let membership = try Membership.load(participantID: participantID, connection: connection, templates: templates)
            let context = ActionContext(
                connection: connection, participantID: participantID, language: participant?.language ?? "en",
                localizer: localizer, now: now, sourceMessageID: nil, membership: membership,
                today: ProgrammeTime(now, timeZone: "Europe/Sofia").date, templates: templates)
            return try action.run(ActionRequest(flow: "t", action: action.name, slots: slots), in: context)
                .joined(separator: "\n")
        }
    }

    /// Epoch milliseconds of a UTC wall-clock time.
    static func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Int64 {
        (Int64(CalendarDate(iso: date)!.daysSinceEpoch) * 1440 + Int64(hour * 60 + minute)) * 60_000
    }

    func count(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int {
        try database.read { try $0.query(sql, arguments).first?.int("n") ?? 0 }
    }

    /// Queued outbox bodies for an email address.
    func bodies(to email: String) throws -> [String] {
        try database.read { try OutboxRepository($0).queued(channel: .email, address: email).map(\.body) }
    }
}
