import Engine
import Foundation
import Service
import Testing

/// `tandem dialogs check` on the shipped `Dialogs/` and the shipped actions: an edit that breaks what an action
/// reads or says is reported with the file and line to fix, before any message reaches it.
struct DialogContractTests {
    /// The line of the shipped `flows/NAME` that starts with `prefix` (after its indentation).
    func line(_ name: String, _ prefix: String) throws -> Int {
        let text = try String(contentsOfFile: TranscriptTests.dialogs + "/flows/" + name, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) } ?? -1) + 1
    }

    /// The problems `Dialogs/` has after `edit` changes one file of a copy (`path` relative to `Dialogs/`).
    func problems(editing path: String, _ edit: (String) -> String) throws -> [String] {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-dialogs-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TranscriptTests.dialogs), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let file = copy.appendingPathComponent(path)
        try edit(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try DialogDirectory(path: copy.path).load()
            return []
        } catch let failure as DialogCheckFailure {
            return failure.errors.map { "\(($0.file as NSString).lastPathComponent):\($0.line): \($0.message)" }
        }
    }

    @Test func aRenamedQuestionTheActionReadsIsReportedWithItsLine() throws {
        let duration = try line("log_session.flow", "ask duration:")
        let found = try problems(editing: "flows/log_session.flow") {
            $0.replacingOccurrences(of: "ask duration: duration", with: "ask length: duration")
        }
        #expect(found.contains(
            "log_session.flow:\(try line("log_session.flow", "action:")): action `save_log_entry` needs `duration` "
                + "(duration), which flow `log_session` "
                + "does not ask"))
        #expect(found.contains {
            $0.hasPrefix("log_session.flow:\(duration): action `save_log_entry` does not read `length`")
        })
        // The flow that corrects logged meetings reads the same question.
        #expect(found.contains {
            $0.hasPrefix("log_session.flow:\(duration): action `change_log_entry` does not read `length`")
        })
    }

    @Test func aQuestionOfAnotherTypeIsReportedWithItsLine() throws {
        let found = try problems(editing: "flows/feedback.flow") {
            $0.replacingOccurrences(of: "ask usefulness: integer", with: "ask usefulness: text")
                .replacingOccurrences(of: "  scale: feedback.scale.usefulness\n", with: "")
                .replacingOccurrences(of: "  rule: min 1\n  rule: max 5\n", with: "")
        }
        let question = try line("feedback.flow", "ask usefulness:")
        // Both actions that read it — saving a check-in, and changing the last one — name the line.
        #expect(found == [
            "feedback.flow:\(question): action `change_feedback` reads `usefulness` as integer, not text",
            "feedback.flow:\(question): action `save_feedback` reads `usefulness` as integer, not text",
        ])
    }

    @Test func aTextAnActionSaysThatTheLocalesLackIsReportedAtTheActionLine() throws {
        let found = try problems(editing: "locales/en/log.locale") {
            $0.replacingOccurrences(of: "\nlog.saved = ", with: "\nlog.stored = ")
        }
        #expect(found.contains("log_session.flow:\(try line("log_session.flow", "action:")): action `save_log_entry` "
            + "says `log.saved`, which is missing in en"))
        #expect(found.contains(
            "did_you_meet.flow:\(try line("did_you_meet.flow", "action:")): action `save_session_outcome` says "
                + "`log.saved`, which is missing in en"))
    }

    @Test func anUnknownTextKeyInAFlowIsReportedWithItsLine() throws {
        let found = try problems(editing: "flows/log_session.flow") {
            $0.replacingOccurrences(of: "prompt: log.ask.duration", with: "prompt: log.ask.length")
        }
        #expect(found == ["log_session.flow:\(try line("log_session.flow", "ask duration:")): missing translation "
            + "`log.ask.length` in en"])
    }

    @Test func aFlowReplacingNoFlowIsReportedWithItsLine() throws {
        let found = try problems(editing: "flows/expense_lost.flow") {
            $0.replacingOccurrences(of: "replaces: expense", with: "replaces: expenses")
        }
        #expect(found == ["expense_lost.flow:\(try line("expense_lost.flow", "flow expense_lost")): `replaces:` names "
            + "`expenses`, which is no flow"])
    }
}
