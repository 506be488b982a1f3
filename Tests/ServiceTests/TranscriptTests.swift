import Engine
import Foundation
import Service
import Testing

/// Every transcript shipped in `Dialogs/transcripts`, replayed through the real pipeline on a fresh SQLite file.
struct TranscriptTests {
    static let dialogs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Dialogs").path

    static let paths: [String] = (try? DialogDirectory(path: dialogs).transcriptPaths()) ?? []

    /// The shipped flows, texts and programme templates, checked.
    static func runner() throws -> TranscriptRunner {
        let directory = DialogDirectory(path: dialogs)
        let catalog = try directory.load()
        return TranscriptRunner(catalog: catalog, templates: try directory.loadTemplates(localizer: catalog.localizer))
    }

    @Test func theShippedDialogsPassTheCheck() throws {
        let catalog = try DialogDirectory(path: Self.dialogs).load()
        let templates = try DialogDirectory(path: Self.dialogs).loadTemplates(localizer: catalog.localizer)
        #expect(Set(templates.templates.map(\.id)) == ["city_to_city", "school_peers", "staff_peers"])
        #expect(catalog.flows.count >= 2)
        #expect(Set(catalog.localizer.languages) == ["en", "bg", "tr"])
    }

    @Test func everyFlowHasTranscripts() throws {
        let catalog = try DialogDirectory(path: Self.dialogs).load()
        let names = Self.paths.map { URL(fileURLWithPath: $0).lastPathComponent }
        for flow in catalog.flows {
            #expect(names.contains { $0.hasPrefix(flow.id) }, "no transcript for flow \(flow.id)")
        }
    }

    @Test(arguments: paths)
    func transcriptPasses(_ path: String) throws {
        let transcript = try Transcript.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        try Self.runner().run(transcript)
    }

    @Test func aWrongExpectationFailsWithTheLine() throws {
        let transcript = try Transcript.parse("> hello\n< Something else entirely\n", file: "wrong.transcript")
        #expect {
            try Self.runner().run(transcript)
        } throws: { error in
            (error as? TranscriptRunner.Mismatch)?.line == 2
        }
    }
}
