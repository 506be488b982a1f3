import Channels
import Crypto
import Engine
import Foundation
import Programme
import Store
import Synchronization

/// Runs transcripts through the real service path — a fresh SQLite file, the pipeline, the console outbox —
/// with a controlled clock. Used by `swift test` and `tandem dialogs test`.
public struct TranscriptRunner: Sendable {
    /// A difference between what a transcript expected and what the bot said.
    public struct Mismatch: Error, Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let expected: [String]
        public let actual: [String]

        public var description: String {
            "\(file):\(line): bot said:\n" + actual.map { "  < \($0)" }.joined(separator: "\n")
                + "\nexpected:\n" + expected.map { "  < \($0)" }.joined(separator: "\n")
        }
    }

    public let catalog: DialogCatalog
    public let templates: TemplateCatalog
    public let expiryMinutes: Int

    public init(catalog: DialogCatalog, templates: TemplateCatalog, expiryMinutes: Int = 24 * 60) {
        self.catalog = catalog
        self.templates = templates
        self.expiryMinutes = expiryMinutes
    }

    /// The person speaking in transcripts, and their peer.
    static let address = "transcript@example.org"
    static let peer = (name: "Sam", email: "sam@example.org")

    /// Runs one transcript on a new database in a temporary folder; throws the first mismatch — also a reply the
    /// transcript does not list, unless `everyReplyListed` is false (a walk of messages without expectations).
    /// `heard` gets every line the bot says, with the address it said it to (for checks that read everything, such as
    /// the test for English left in Bulgarian and Turkish replies).
    public func run(_ transcript: Transcript, everyReplyListed: Bool = true,
                    heard: (_ address: String, _ line: String) -> Void = { _, _ in }) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-transcript-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tandem.sqlite").path

        let time = Mutex<Int64>(Int64(CalendarDate(year: 2026, month: 3, day: 14)!.daysSinceEpoch) * 86_400_000 + 36_000_000)
        let clock = Clock { time.withLock { $0 } }
        var address = Self.address
        var language = "en"
        var pipeline = try makePipeline(path, clock, language)
        var output: [String] = []
        var sequence = 0
        var attachments: [AttachmentRef] = []

        func collect() throws {
            try ConsoleDelivery(database: pipeline.database, address: address, clock: clock).flush { text in
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for line in lines { heard(address, line) }
                output += lines
            }
        }
        /// The line of the last message said, whose replies `output` holds.
        var saidAt = 0
        /// Every reply is expected: one the transcript does not list fails it (unless it lists none: a walk).
        func allHeard() throws {
            guard output.isEmpty || !everyReplyListed else {
                throw Mismatch(file: transcript.file, line: saidAt, expected: [], actual: output)
            }
            output = []
        }
        for step in transcript.steps {
            switch step {
            case .now(let instant): time.withLock { $0 = instant }
            case .wait(let minutes): time.withLock { $0 += Int64(minutes) * 60_000 }
            case .language(let code):
                language = code
                pipeline = try makePipeline(path, clock, language)
            case .say(let text, let line):
                try allHeard()
                saidAt = line
                sequence += 1
                try pipeline.receive(InboundMessage(
                    channel: .console, externalID: "t\(sequence)", sender: address, text: text,
                    attachments: attachments))
                attachments = []
                try collect()
            case .enrol(let role, let template, let start, let consent):
                try enrol(role, template, start, consent: consent, language: language, pipeline, clock.now())
            case .programme(let template, let start, let code):
                try pipeline.database.write { connection in
                    _ = try EnrolmentImporter(connection, templates: templates).programme(
                        .init(name: "Programme \(code)", template: template, startDate: start, timeZone: "UTC",
                              joinCode: code), now: clock.now())
                }
            case .speaker(let other):
                address = other
            case .attach(let filename):
                attachments.append(try Self.storeFile(filename, pipeline, clock.now()))
            case .staff(let role, let other):
                try addStaff(role, other, pipeline, clock.now())
            case .restart:
                try allHeard()
                pipeline = try makePipeline(path, clock, language)
                output = try pipeline.resumeTexts(channel: .console, address: address)
                    .flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
                for line in output { heard(address, line) }
            case .scheduler:
                try allHeard()
                try Scheduler(database: pipeline.database, templates: templates, engine: pipeline.engine, clock: clock)
                    .runDue(now: clock.now())
                try collect()
            case .expect(let expected, let line):
                guard Transcript.matches(output, expected) else {
                    throw Mismatch(file: transcript.file, line: line, expected: expected, actual: output)
                }
                output = []
            }
        }
        try allHeard()
    }

    /// Imports a one-pair programme, as `tandem import` would (without `consent`, the mentee's guardian's consent
    /// is not recorded).
    private func enrol(_ role: String, _ template: String, _ start: CalendarDate, consent: Bool, language: String,
                       _ pipeline: Pipeline, _ now: Int64) throws {
        let other = role == "mentee" ? "mentor" : "mentee"
        func consented(_ role: String) -> String { role == "mentee" && !consent ? "no" : "yes" }
        let csv = """
            name,role,pair,cohort,email,language,guardian_consent
            Alex,\(role),p1,c1,\(Self.address),\(language),\(consented(role))
            \(Self.peer.name),\(other),p1,c1,\(Self.peer.email),en,\(consented(other))
            """
        let rows = try EnrolmentCSV.parse(
            csv, languages: Set(catalog.localizer.languages), roles: Set(Role.allCases)).get()
        try pipeline.database.write { connection in
            let importer = EnrolmentImporter(connection, templates: templates)
            let (programme, _) = try importer.programme(
                .init(name: "Transcript programme", template: template, startDate: start, timeZone: "UTC"), now: now)
            _ = try importer.apply(rows, to: programme, now: now)
        }
    }

    /// A small file whose bytes follow from its name (so the same name is the same file), stored as a channel would.
    private static func storeFile(_ filename: String, _ pipeline: Pipeline, _ now: Int64) throws -> AttachmentRef {
        let (magic, mediaType): ([UInt8], String) = switch filename.split(separator: ".").last ?? "" {
        case "pdf": (Array("%PDF-1.4\n".utf8), "application/pdf")
        case "png": ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png")
        case "zip": ([0x50, 0x4B, 0x03, 0x04], "application/zip")
        default: ([0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg")
        }
        let bytes = magic + Array("transcript file \(filename)\n".utf8)
        let sha256 = SHA256.hex(bytes)
        _ = try pipeline.database.write { connection in
            try AttachmentRepository(connection).store(
                sha256: sha256, filename: filename, mediaType: mediaType, bytes: bytes, now: now)
        }
        return AttachmentRef(id: sha256, filename: filename, mediaType: mediaType, size: bytes.count)
    }

    /// Adds someone with a programme role to the `@ enrol` programme (a facilitator gets the pair's cohort; a mentor
    /// or mentee a pair of their own, still waiting for the other member).
    private func addStaff(_ role: String, _ address: String, _ pipeline: Pipeline, _ now: Int64) throws {
        let name = String(address.prefix { $0 != "@" }).capitalized
        let cohort = role == Role.facilitator.rawValue ? "c1" : ""
        let pair = Role(rawValue: role)?.isPairRole == true ? "\(name.lowercased())-pair" : ""
        let csv = "name,role,pair,cohort,email\n\(name),\(role),\(pair),\(cohort),\(address)\n"
        let rows = try EnrolmentCSV.parse(
            csv, languages: Set(catalog.localizer.languages), roles: Set(Role.allCases)).get()
        try pipeline.database.write { connection in
            let importer = EnrolmentImporter(connection, templates: templates)
            let (programme, _) = try importer.programme(.init(name: "Transcript programme"), now: now)
            _ = try importer.apply(rows, to: programme, now: now)
        }
    }

    private func makePipeline(_ path: String, _ clock: Clock, _ language: String) throws -> Pipeline {
        Pipeline(
            database: try Database(path: path, synchronous: .normal),
            engine: Engine(catalog: catalog, defaultExpiryMinutes: expiryMinutes), templates: templates, clock: clock,
            defaults: .init(language: language, timeZone: "UTC"))
    }
}
