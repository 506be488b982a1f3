import Channels
import Engine
import Foundation
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
    public let expiryMinutes: Int

    public init(catalog: DialogCatalog, expiryMinutes: Int = 24 * 60) {
        self.catalog = catalog
        self.expiryMinutes = expiryMinutes
    }

    /// Runs one transcript on a new database in a temporary folder; throws the first mismatch.
    public func run(_ transcript: Transcript) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-transcript-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tandem.sqlite").path

        let time = Mutex<Int64>(Int64(CalendarDate(year: 2026, month: 3, day: 14)!.daysSinceEpoch) * 86_400_000 + 36_000_000)
        let clock = Clock { time.withLock { $0 } }
        let address = "transcript"
        var language = "en"
        var pipeline = try makePipeline(path, clock, language)
        var output: [String] = []
        var sequence = 0

        func collect() throws {
            try ConsoleDelivery(database: pipeline.database, address: address, clock: clock).flush { text in
                output += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
        }
        for step in transcript.steps {
            switch step {
            case .now(let instant): time.withLock { $0 = instant }
            case .wait(let minutes): time.withLock { $0 += Int64(minutes) * 60_000 }
            case .language(let code):
                language = code
                pipeline = try makePipeline(path, clock, language)
            case .say(let text, _):
                output = []
                sequence += 1
                try pipeline.receive(InboundMessage(
                    channel: ConsoleChannel.name, externalID: "t\(sequence)", sender: address, text: text))
                try collect()
            case .restart:
                output = []
                pipeline = try makePipeline(path, clock, language)
                output = try pipeline.resumeTexts(channel: ConsoleChannel.name, address: address)
                    .flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
            case .expect(let expected, let line):
                guard Transcript.matches(output, expected) else {
                    throw Mismatch(file: transcript.file, line: line, expected: expected, actual: output)
                }
                output = []
            }
        }
    }

    private func makePipeline(_ path: String, _ clock: Clock, _ language: String) throws -> Pipeline {
        Pipeline(
            database: try Database(path: path, synchronous: .normal),
            engine: Engine(catalog: catalog, defaultExpiryMinutes: expiryMinutes), clock: clock,
            defaults: .init(language: language, timeZone: "UTC"))
    }
}
