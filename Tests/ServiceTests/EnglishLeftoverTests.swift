import Engine
import Foundation
import Service
import Testing

/// No English in Bulgarian and Turkish replies: every flow walked in each language (`FlowWalk`), and every shipped
/// Bulgarian and Turkish transcript replayed, with each line said to the person scanned for words of the English
/// texts, locale keys, status codes, English units and decimal points (`EnglishLeftovers`).
struct EnglishLeftoverTests {
    static let languages = ["bg", "tr"]

    @Test(arguments: languages)
    func everyFlowWalkedInTheLanguageSaysNothingInEnglish(language: String) throws {
        let directory = DialogDirectory(path: TranscriptTests.dialogs)
        let catalog = try directory.load()
        let runner = try TranscriptTests.runner()
        let scan = EnglishLeftovers(
            localizer: catalog.localizer, language: language, fixtureText: FlowWalk.fixtureText)
        var problems: [String] = []
        let walks = FlowWalk.all(catalog, try directory.loadTemplates(localizer: catalog.localizer), language: language)
        #expect(walks.count > 100)
        for walk in walks {
            let transcript = try Transcript.parse(walk.text, file: walk.name)
            try runner.run(transcript, everyReplyListed: false) { _, line in
                problems += scan.problems(in: line).map { "\(walk.name): \($0) in “\(line)”" }
            }
        }
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.joined(separator: "\n"))")
    }

    /// The register each template speaks Bulgarian and Turkish in to the members of its pairs: its `register:`
    /// (informal for pupils), else formal; people with a programme role are addressed formally.
    @Test(arguments: languages)
    func everyTemplateKeepsToItsOneRegister(language: String) throws {
        let directory = DialogDirectory(path: TranscriptTests.dialogs)
        let catalog = try directory.load()
        let templates = try directory.loadTemplates(localizer: catalog.localizer)
        let runner = try TranscriptTests.runner()
        let markers = try #require(RegisterMarkers.byLanguage[language])
        var problems: [String] = []
        for walk in FlowWalk.all(catalog, templates, language: language) {
            guard let template = templates.templates.first(where: { walk.name.hasSuffix("(\($0.id))") }) else {
                continue
            }
            try runner.run(try Transcript.parse(walk.text, file: walk.name), everyReplyListed: false) { address, line in
                // Pupils (the pair members of an informal template) informally; staff always formally.
                let informal = template.register == "informal" && walk.pairMember && address != FlowWalk.staff
                let found = markers.found(in: line)
                let wrong = informal ? found.formal : found.informal
                if !wrong.isEmpty {
                    problems.append("\(walk.name): \(wrong.joined(separator: ", ")) in “\(line)”")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.joined(separator: "\n"))")
    }

    /// What the engine and the channels say to anyone — a pupil too — has the pupils' register wherever the plain
    /// text is formal: walks only follow the happy path, so a refusal ("Please write the answer itself") or a
    /// Matrix notice said to a pupil in the formal voice was missed (stop 34).
    @Test(arguments: languages)
    func whatIsSaidToAnyoneHasThePupilsRegister(language: String) throws {
        let entries = try DialogDirectory(path: TranscriptTests.dialogs).load().localizer.entries
        let plain = try #require(entries[language])
        let informal = try #require(entries["\(language)\(Localizer.registerMark)informal"])
        let markers = try #require(RegisterMarkers.byLanguage[language])
        let saidToAnyone = ["engine.locale", "errors.locale", "matrix.locale", "email.locale"]
        // Said only to someone in no programme yet, who has no template and so no register.
        let saidToNewcomers: Set = ["engine.not_enrolled", "matrix.welcome.newcomer"]
        let formalOnly = plain.filter { key, entry in
            !key.hasPrefix("words.") && informal[key] == nil && !saidToNewcomers.contains(key)
                && saidToAnyone.contains { entry.file.hasSuffix("/" + $0) }
                && !markers.found(in: entry.value.replacingOccurrences(of: "\\n", with: " ")).formal.isEmpty
        }
        #expect(formalOnly.isEmpty, "no informal text for: \(formalOnly.keys.sorted().joined(separator: ", "))")
    }

    @Test func theScanFindsEachKindOfLeftoverAndNothingElse() throws {
        let catalog = try DialogDirectory(path: TranscriptTests.dialogs).load()
        let scan = EnglishLeftovers(localizer: catalog.localizer, language: "bg", fixtureText: ["Alex"])
        #expect(scan.problems(in: "Записано: 45 min.") == ["English unit `5 min`", "English word `min`"])
        #expect(scan.problems(in: "• 2026-03-14 · no_receipt · Alex") == ["status code `no_receipt`"])
        #expect(scan.problems(in: "expenses.status.draft") == ["untranslated key `expenses.status.draft`"])
        #expect(scan.problems(in: "Сума: 23.26 EUR") == ["decimal point `23.26`"])
        #expect(scan.problems(in: "Искане 1 — approved") == ["English word `approved`"])
        #expect(scan.problems(
            in: "Alex: 23,26 EUR, ticket.jpg, ana@example.org, BG80 **** **** 5678, 2026-03-14 10:30").isEmpty)
    }

    static let transcripts = TranscriptTests.paths.filter { path in
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return languages.contains { text.contains("\n@ language \($0)\n") }
    }

    @Test(arguments: transcripts)
    func aBulgarianOrTurkishTranscriptSaysNothingInEnglishToItsPerson(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let language = Self.languages.first { text.contains("\n@ language \($0)\n") } ?? "bg"
        let catalog = try DialogDirectory(path: TranscriptTests.dialogs).load()
        let scan = EnglishLeftovers(
            localizer: catalog.localizer, language: language,
            fixtureText: FlowWalk.fixtureText + Self.typed(in: text))
        var problems: [String] = []
        try TranscriptTests.runner().run(try Transcript.parse(text, file: path)) { address, line in
            guard address == "transcript@example.org" else { return }
            problems += scan.problems(in: line).map { "\($0) in “\(line)”" }
        }
        #expect(problems.isEmpty, "\(path):\n\(problems.joined(separator: "\n"))")
    }

    /// What the people of a transcript type (echoed back in summaries): theirs, not the bot's English.
    static func typed(in transcript: String) -> [String] {
        transcript.split(separator: "\n").filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
            .filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }
}
