import Foundation
import Testing
@testable import Engine

/// What the engine works out before a message's write (`MessagePreview`, issue 17) makes its turn faster, never
/// different: every utterance of the public corpus and every safeguarding example, in each language, gets the same
/// turn with a preview as without one — also with a preview worked out for another language or another day.
struct MessagePreviewTests {
    static let engine = Engine(catalog: try! TranscriptTests.runner().catalog)
    static let today = CalendarDate(year: 2026, month: 3, day: 14)!

    /// The safeguarding corpus (`Dialogs/safeguarding/*.corpus`): disclosures and harmless look-alikes.
    static let safeguardingExamples: [DisclosureCorpus.Example] = {
        let folder = URL(fileURLWithPath: TranscriptTests.dialogs).appendingPathComponent("safeguarding")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let files = names.filter { $0.hasSuffix(".corpus") }.sorted().compactMap { name in
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
                .map { DialogCatalog.SourceFile(path: name, text: $0) }
        }
        return DisclosureCorpus.parse(corpusFiles: files).0.examples
    }()

    /// Each corpus utterance with the context the corpus runner gives it, said with nothing open.
    static let utterances: [(text: String, context: TurnContext)] = {
        let names = ["en.corpus", "bg.corpus", "tr.corpus", "issue13.corpus"]
        let corpora = names.compactMap { name in
            (try? String(contentsOf: CorpusTests.folder.appendingPathComponent(name), encoding: .utf8))
                .flatMap { try? Corpus.parse($0, file: name) }
        }
        let safeguarding = safeguardingExamples.map { example in
            (text: example.text, context: context(example.language, today: today))
        }
        return corpora.flatMap(\.entries).map { entry in
            let setting = entry.setting
            return (entry.text, TurnContext(
                language: setting.language, now: Int64(setting.today.daysSinceEpoch) * 86_400_000 + 36_000_000,
                today: setting.today, roles: setting.roles, template: setting.template,
                programmeDays: setting.programmeStart...setting.programmeStart.adding(days: 365)))
        } + safeguarding
    }()

    static func context(_ language: String, today: CalendarDate) -> TurnContext {
        TurnContext(
            language: language, now: Int64(today.daysSinceEpoch) * 86_400_000 + 36_000_000, today: today,
            roles: ["mentee"], template: "staff_peers", programmeDays: today.adding(days: -30)...today.adding(days: 300))
    }

    func turns(previewing language: (TurnContext) -> String, day: (TurnContext) -> CalendarDate) -> [String] {
        Self.utterances.compactMap { text, context in
            let message = Inbound(text: text)
            let preview = Self.engine.preview(message, language: language(context), today: day(context))
            let with = Self.engine.handle(message, in: ConversationState(), context: context, preview: preview)
            let without = Self.engine.handle(message, in: ConversationState(), context: context)
            return with == without ? nil : "\(context.language): \(text)"
        }
    }

    @Test func thereAreUtterancesInEveryLanguageToTry() {
        #expect(Self.utterances.count >= 500)
        #expect(Set(Self.utterances.map(\.context.language)).isSuperset(of: ["en", "bg", "tr"]))
    }

    @Test func aPreviewOfTheSameLanguageAndDayGivesTheSameTurn() {
        #expect(turns(previewing: \.language, day: \.today) == [])
    }

    @Test func aPreviewOfAnotherLanguageGivesTheSameTurn() {
        #expect(turns(previewing: { $0.language == "tr" ? "bg" : "tr" }, day: \.today) == [])
    }

    @Test func aPreviewOfAnotherDayGivesTheSameTurn() {
        #expect(turns(previewing: \.language, day: { $0.today.adding(days: 1) }) == [])
    }

    @Test func aFlowsFirstMessageIsPrefilledAheadForItsLanguageAndDayOnly() throws {
        let context = Self.context("en", today: Self.today)
        let message = Inbound(text: "log 3 days ago 45 min topics: visa rules")
        let preview = Self.engine.preview(message, language: "en", today: context.today)
        let flow = try #require(Self.engine.catalog.flow("log_session"))
        let key = Prefill.Key(flow: flow, text: "3 days ago 45 min topics: visa rules", attachments: [], context: context)
        let prefilled = try #require(preview.prefill(for: key))
        #expect(prefilled.values["duration"] == .duration(minutes: 45))
        #expect(preview.prefill(for: Prefill.Key(
            flow: flow, text: "3 days ago 45 min topics: visa rules", attachments: [],
            context: Self.context("en", today: context.today.adding(days: 1)))) == nil)
        #expect(preview.prefill(for: Prefill.Key(
            flow: flow, text: "3 days ago 45 min topics: visa rules", attachments: [],
            context: Self.context("bg", today: context.today))) == nil)
    }

    /// White box: the turn takes what the preview says for its key instead of working it out again (here a preview
    /// that says 50 minutes, which the message does not), so a write really is spared the work.
    @Test func theTurnTakesThePrefillOfAMatchingPreview() throws {
        let context = Self.context("en", today: Self.today)
        let message = Inbound(text: "log 3 days ago 45 min topics: visa rules")
        let real = Self.engine.preview(message, language: "en", today: context.today)
        let (key, result) = try #require(real.prefill)
        var altered = result
        altered.values["duration"] = .duration(minutes: 50)
        let preview = MessagePreview(scan: real.scan, prefill: (key, altered))
        let turn = Self.engine.handle(message, in: ConversationState(), context: context, preview: preview)
        #expect(turn.state.slots["duration"] == .duration(minutes: 50))
        let unaided = Self.engine.handle(message, in: ConversationState(), context: context)
        #expect(unaided.state.slots["duration"] == .duration(minutes: 45))
    }

    @Test func aScannedDisclosureIsFoundAsTheTextsIs() {
        let detector = Self.engine.catalog.disclosures
        let examples = Self.safeguardingExamples
        #expect(examples.contains { $0.isDisclosure })
        for example in examples {
            #expect(
                detector.detect(in: detector.scan(example.text), preferring: example.language)
                    == detector.detect(example.text, preferring: example.language), "\(example.text)")
        }
    }
}
