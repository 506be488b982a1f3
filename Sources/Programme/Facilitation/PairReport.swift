import Engine
import Foundation
import Store

/// A pair's mentoring log (date, time, duration, topics) and current learning plan, as Markdown or CSV — what
/// `tandem report pair` prints.
public struct PairReport: Sendable, Hashable {
    /// One row of the current learning plan.
    public struct PlanRow: Sendable, Hashable {
        public let objective: String
        public let actionSteps: String
        public let timeFrame: String
        public let evidence: String
    }

    public let programme: String
    public let pair: String
    public let entries: [LogEntry]
    public let plan: [PlanRow]

    /// Loads the pair labelled `label` (in the programme named `programme`, required when labels repeat).
    public static func load(label: String, programme: String?, connection: Connection) throws(ReportError)
        -> PairReport
    {
        do {
            let pairs = try connection.query("""
                SELECT pr.id, pr.label, p.name FROM pairs AS pr JOIN programmes AS p ON p.id = pr.programme_id
                WHERE pr.label = ? AND (? IS NULL OR p.name = ?) ORDER BY p.id
                """, [label, programme, programme])
            guard let pair = pairs.first else { throw ReportError.unknownPair(label) }
            guard pairs.count == 1 else { throw ReportError.ambiguousPair(label, pairs.map { $0.string("name") }) }
            let plan = try connection.query("""
                SELECT objective, action_steps, time_frame, evidence FROM plan_rows
                WHERE pair_id = ? AND superseded_by IS NULL ORDER BY row_number
                """, [pair.int64("id")]).map { row in
                PlanRow(objective: row.string("objective"), actionSteps: row.string("action_steps"),
                        timeFrame: row.string("time_frame"), evidence: row.string("evidence"))
            }
            return PairReport(
                programme: pair.string("name"), pair: pair.string("label"),
                entries: try LogEntryRepository(connection).entries(pairID: pair.int64("id")), plan: plan)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.store("\(error)")
        }
    }

    /// The report as Markdown.
    public var markdown: String {
        var lines = ["# Mentoring log — pair \(pair) (\(programme))", "", "| date | time | duration | topics |",
                     "|---|---|---|---|"]
        for entry in entries {
            lines.append("| \(entry.date.iso) | \(entry.startTime?.description ?? "") | \(entry.durationMinutes) min | "
                + Self.cell(entry.topics.joined(separator: ", ")) + " |")
        }
        let total = entries.reduce(0) { $0 + $1.durationMinutes }
        lines += ["", "Meetings: \(entries.count), in all \(total / 60) h \(total % 60) min."]
        if !plan.isEmpty {
            lines += ["", "## Learning plan", "", "| objective | action steps | time frame | evidence of success |",
                      "|---|---|---|---|"]
            for row in plan {
                lines.append("| " + [row.objective, row.actionSteps, row.timeFrame, row.evidence].map(Self.cell)
                    .joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The log as CSV (`CSVTable`): `date,time,duration_minutes,topics`.
    public var csv: String {
        var table = CSVTable(header: ["date", "time", "duration_minutes", "topics"])
        for entry in entries {
            table.append([entry.date.iso, entry.startTime?.description ?? "", String(entry.durationMinutes),
                          entry.topics.joined(separator: "; ")])
        }
        return table.text
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
