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

    @Test func theShippedDialogsPassTheCheck() throws {
        let catalog = try DialogDirectory(path: Self.dialogs).load()
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
        let catalog = try DialogDirectory(path: Self.dialogs).load()
        let transcript = try Transcript.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        try TranscriptRunner(catalog: catalog).run(transcript)
    }

    @Test func aWrongExpectationFailsWithTheLine() throws {
        let catalog = try DialogDirectory(path: Self.dialogs).load()
        let transcript = try Transcript.parse("> log\n< Something else entirely\n", file: "wrong.transcript")
        #expect {
            try TranscriptRunner(catalog: catalog).run(transcript)
        } throws: { error in
            (error as? TranscriptRunner.Mismatch)?.line == 2
        }
    }
}
