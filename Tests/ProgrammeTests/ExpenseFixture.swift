import Crypto
import Engine
import Foundation
import Store

@testable import Programme

/// A city-to-city programme on a fresh database, with the shipped texts and template: Ana (mentee) and Marco
/// (mentor) in a pair of cohort Sofia, Fatma facilitating Sofia, Olga facilitating Porto, Georgi in finance.
struct ExpenseFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Dialogs")
    /// 2026-03-14 10:00 UTC.
    static let now: Int64 = 1_773_482_400_000
    static let today = CalendarDate(year: 2026, month: 3, day: 14)!

    let database: Database
    let localizer: Localizer
    let templates: TemplateCatalog
    let people: [String: Int64]
    private var sequence = 0

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tandem-expense-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        var entries: [String: [String: LocaleEntry]] = [:]
        for language in ["en", "bg", "tr"] {
            let directory = Self.root.appendingPathComponent("locales/\(language)")
            var merged: [String: LocaleEntry] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where name.hasSuffix(".locale") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                merged.merge(try LocaleFile.parse(text, file: name)) { first, _ in first }
            }
            entries[language] = merged
        }
        localizer = Localizer(entries: entries)
        let file = Self.root.appendingPathComponent("programmes/city_to_city.programme")
        let template = try ProgrammeTemplateParser.parse(try String(contentsOf: file, encoding: .utf8), file: file.path)
        templates = TemplateCatalog(templates: [template])
        let csv = """
            name,role,pair,cohort,email,language
            Ana,mentee,p1,Sofia,ana@example.org,en
            Marco,mentor,p1,Sofia,marco@example.org,en
            Fatma,facilitator,,Sofia,fatma@example.org,tr
            Olga,facilitator,,Porto,olga@example.org,en
            Georgi,finance_coordinator,,,georgi@example.org,bg
            """
        let rows = try EnrolmentCSV.parse(csv, languages: ["en", "bg", "tr"], roles: Set(Role.allCases)).get()
        let templates = templates
        people = try database.write { connection in
            let importer = EnrolmentImporter(connection, templates: templates)
            let (programme, _) = try importer.programme(
                .init(name: "Exchange", template: "city_to_city", startDate: CalendarDate(iso: "2026-01-05")), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
            var ids: [String: Int64] = [:]
            for name in ["ana", "marco", "fatma", "olga", "georgi"] {
                ids[name] = try ParticipantRepository(connection).find(
                    channel: .email, address: "\(name)@example.org")?.id
            }
            return ids
        }
    }

    /// The fixture with Ana's bank details given (as "iban BG80 …" would), so her claims can be sent.
    static func withAnasBankDetails() throws -> ExpenseFixture {
        var fixture = try ExpenseFixture()
        _ = try fixture.run(
            SaveBankDetails(), as: "ana", "iban",
            ["iban": .text("BG80 BNBG 9661 1020 3456 78"), "holder": .text("Ana Petrova")])
        return fixture
    }

    /// Drafts a claim as `person` and says "yes" to it.
    mutating func submit(_ person: String, _ slots: [String: SlotValue]) throws {
        _ = try run(DraftExpense(), as: person, "expense", slots)
        _ = try say("yes", as: person)
    }

    /// Stores a file as a channel would, and returns its reference.
    func file(_ bytes: [UInt8], name: String, type: String = "application/pdf") throws -> AttachmentRef {
        let sha = SHA256.hex(bytes)
        try database.write { connection in
            _ = try AttachmentRepository(connection).store(
                sha256: sha, filename: name, mediaType: type, bytes: bytes, now: Self.now)
        }
        return AttachmentRef(id: sha, filename: name, mediaType: type, size: bytes.count)
    }

    /// Runs `action` as `person` saying `text` (the message that completed the flow) with `slots`; returns replies.
    mutating func run(
        _ action: any FlowAction, as person: String, _ text: String = "", _ slots: [String: SlotValue] = [:],
        today: CalendarDate = ExpenseFixture.today
    ) throws -> String {
        try speaking(as: person, text, today: today) { context in
            try action.run(ActionRequest(flow: "test", action: action.name, slots: slots), in: context)
                .joined(separator: "\n")
        }
    }

    /// Asks `action` to check the answer to `question` as `person`, with every answer so far in `slots`.
    mutating func check(
        _ action: any AnswerChecking, _ question: String, as person: String, _ slots: [String: SlotValue]
    ) throws -> AnswerVerdict {
        try speaking(as: person) { context in
            try action.check(question, ActionRequest(flow: "test", action: action.name, slots: slots), in: context)
        }
    }

    /// The options `action` lets `person` choose for the choice `question`.
    mutating func options(_ action: any AnswerChecking, _ question: String, as person: String) throws -> [String]? {
        try speaking(as: person) { context in
            try action.options(question, ActionRequest(flow: "test", action: action.name, slots: [:]), in: context)
        }
    }

    /// Runs `body` in a transaction as `person`, who just said `text`.
    private mutating func speaking<Result>(
        as person: String, _ text: String = "", today: CalendarDate = ExpenseFixture.today,
        _ body: (ActionContext) throws -> Result
    ) throws -> Result {
        sequence += 1
        let id = people[person] ?? 0
        let external = "m\(sequence)"
        let localizer = localizer
        let templates = templates
        return try database.write { connection in
            let messageID = try InboundRepository(connection).record(
                channel: .console, externalID: external, sender: person, body: text, receivedAt: Self.now)
            let language = try ParticipantRepository(connection).find(id: id)?.language ?? "en"
            let context = ActionContext(
                connection: connection, participantID: id, language: language, localizer: localizer, now: Self.now,
                sourceMessageID: messageID,
                membership: try Membership.load(participantID: id, connection: connection, templates: templates),
                today: today, templates: templates)
            return try body(context)
        }
    }

    /// The shipped flows and texts, checked against the shipped actions.
    static let engine: Engine = {
        func files(_ folder: String, _ suffix: String) -> [DialogCatalog.SourceFile] {
            let directory = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { $0.hasSuffix(suffix) }.sorted().compactMap { name in
                let url = directory.appendingPathComponent(name)
                return (try? String(contentsOf: url, encoding: .utf8)).map { .init(path: url.path, text: $0) }
            }
        }
        let locales = Dictionary(
            uniqueKeysWithValues: ["en", "bg", "tr"].map { ($0, files("locales/\($0)", ".locale")) })
        let registry = ActionRegistry.standard
        switch DialogCatalog.build(
            flowFiles: files("flows", ".flow"), localeFiles: locales, actions: registry.names,
            contracts: registry.contracts)
        {
        case .success(let catalog): return Engine(catalog: catalog)
        case .failure(let failure): preconditionFailure("the shipped dialogues do not check: \(failure)")
        }
    }()

    /// `person` says `text` with nothing open, as a message: the engine reads it with the shipped flows, and the
    /// action it ends in runs. Returns every reply.
    mutating func say(_ text: String, as person: String) throws -> String {
        let id = people[person] ?? 0
        let (language, membership) = try database.read { connection in
            (try ParticipantRepository(connection).find(id: id)?.language ?? "en",
             try Membership.load(participantID: id, connection: connection, templates: templates))
        }
        let turn = Self.engine.handle(Inbound(text: text), in: ConversationState(), context: TurnContext(
            language: language, now: Self.now, today: Self.today, roles: membership?.activeRoles ?? [],
            template: membership?.template.id))
        var replies: [String] = []
        for effect in turn.effects {
            switch effect {
            case .reply(let reply): replies.append(reply)
            case .perform(let request):
                guard let action = ActionRegistry.standard.action(named: request.action) else { continue }
                replies.append(try run(action, as: person, text, request.slots))
            case .setLanguage: continue
            }
        }
        return replies.joined(separator: "\n")
    }

    /// The slots of a claim as the `expense` flow collects them.
    static func claim(
        _ amount: String, _ category: String, files: [AttachmentRef] = [], lost: String? = nil,
        date: CalendarDate = CalendarDate(year: 2026, month: 3, day: 10)!
    ) -> [String: SlotValue] {
        let parts = amount.split(separator: " ")
        let units = Int64(parts[0].replacingOccurrences(of: ".", with: "")) ?? 0
        var slots: [String: SlotValue] = [
            "amount": .money(Money(minorUnits: units, currency: String(parts[1]))), "category": .choice(category),
            "date": .date(date), "description": .text("test expense"),
        ]
        if !files.isEmpty { slots["receipt"] = .attachments(files) }
        if let lost { slots["lost_reason"] = .text(lost) }
        return slots
    }

    /// Count of rows in a table.
    func count(_ table: String) throws -> Int {
        try database.read { try $0.query("SELECT COUNT(*) AS n FROM \(table)").first?.int("n") ?? 0 }
    }

    /// The names of the files queued with the newest outbox row to `person`'s email.
    func files(to person: String) throws -> [String] {
        try database.read { connection in
            guard let id = try connection.query(
                "SELECT MAX(id) AS id FROM outbox WHERE address = ?", ["\(person)@example.org"]
            ).first?.optionalInt("id") else { return [] }
            return try OutboxRepository(connection).attachments(outboxID: Int64(id)).map(\.file.filename)
        }
    }

    /// Outbox bodies addressed to `person`'s email, oldest first.
    func notices(to person: String) throws -> [String] {
        try database.read {
            try $0.query("SELECT body FROM outbox WHERE address = ? ORDER BY id", ["\(person)@example.org"])
                .map { $0.string("body") }
        }
    }
}
