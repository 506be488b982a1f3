import Engine
import Store

extension LearningReport {
    /// The texts of the draft (`report.learning.*`) and of the roles it names.
    static let texts = [
        "title", "subtitle", "draft", "objectives", "objective_row", "no_objectives", "activities", "agenda",
        "log_header", "meetings", "no_meetings", "outcomes", "evidence", "evidence_row", "evaluation",
        "evaluation_row", "no_outcomes", "transferability", "transfer_header", "rating.1", "rating.2", "rating.3",
        "no_transferability", "dissemination", "dissemination_prompt",
    ].map { "report.learning.\($0)" } + Role.textKeys

    /// The draft as Markdown in `language` (headings and prompts from `report.locale`; what the pair wrote as they
    /// wrote it), made on `today`.
    public func markdown(localizer: Localizer, language: String, today: CalendarDate) -> String {
        func say(_ key: String, _ arguments: [String: String] = [:]) -> String {
            localizer.text("report.learning.\(key)", language, arguments)
        }
        let start = CalendarDate(iso: programme.startDate) ?? today
        let title = templateTitle.isEmpty ? programme.name : localizer.text(templateTitle, language)
        let people = members.map { "\($0.name) (\(localizer.text("role.\($0.role)", language)))" }
        var lines = [
            "# " + say("title", ["programme": title]), "",
            say("subtitle", [
                "programme": programme.name, "pair": label, "people": people.joined(separator: ", "),
                "start": start.iso, "end": start.adding(days: max(lengthDays - 1, 0)).iso,
            ]), "", say("draft", ["date": today.iso]), "",
            "## " + say("objectives"), "",
        ]
        lines += plan.isEmpty ? [say("no_objectives")] : plan.enumerated().map { index, row in
            "\(index + 1). " + say("objective_row", [
                "objective": Self.inline(row.objective), "steps": Self.inline(row.actionSteps),
                "support": Self.inline(row.mentorSupport), "time_frame": Self.inline(row.timeFrame),
                "resources": Self.inline(row.resources ?? "—"),
            ])
        }
        lines += ["", "## " + say("activities"), ""] + activities(say, { localizer.duration(minutes: $0, language) })
        lines += ["", "## " + say("outcomes"), ""] + outcomes(say)
        lines += ["", "## " + say("transferability"), ""]
        lines += assessments.isEmpty
            ? [say("no_transferability")]
            : [say("transfer_header"), "|---|---|---|---|---|---|---|"] + assessments.map { item in
                "| " + [item.measure, say("rating.\(item.rating)"), item.period, item.technicalConditions,
                        item.governance, item.regulatoryFramework, item.otherFactors ?? "—"]
                    .map(Self.cell).joined(separator: " | ") + " |"
            }
        lines += ["", "## " + say("dissemination"), "", say("dissemination_prompt")]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The agenda's planned sessions and one table row per meeting day (the longest entry's duration, every topic).
    private func activities(_ say: (String, [String: String]) -> String, _ duration: (Int) -> String) -> [String] {
        var lines: [String] = []
        if !agenda.isEmpty {
            let sessions = agenda.map { "\($0.date.iso) \($0.time.description)" }.joined(separator: ", ")
            lines += [say("agenda", ["sessions": sessions]), ""]
        }
        let days = Dictionary(grouping: entries, by: \.date).sorted { $0.key < $1.key }
        guard !days.isEmpty else { return lines + [say("no_meetings", [:])] }
        lines += [say("log_header", [:]), "|---|---|---|---|"]
        var total = 0
        for (date, logged) in days {
            let minutes = logged.map(\.durationMinutes).max() ?? 0
            total += minutes
            var topics: [String] = []
            for topic in logged.flatMap(\.topics) where !topics.contains(topic) { topics.append(topic) }
            let time = logged.compactMap(\.startTime).first?.description ?? "—"
            lines.append("| \(date.iso) | \(time) | \(duration(minutes)) | "
                + Self.cell(topics.joined(separator: ", ")) + " |")
        }
        return lines + ["", say("meetings", [
            "count": String(days.count), "total": duration(total),
        ])]
    }

    /// Evidence of success from the plan, then each member's evaluation.
    private func outcomes(_ say: (String, [String: String]) -> String) -> [String] {
        guard !plan.isEmpty || !evaluations.isEmpty else { return [say("no_outcomes", [:])] }
        var lines: [String] = []
        if !plan.isEmpty {
            lines += [say("evidence", [:])] + plan.map { row in
                say("evidence_row", ["objective": Self.inline(row.objective), "evidence": Self.inline(row.evidence)])
            }
        }
        if !evaluations.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines += [say("evaluation", [:])] + evaluations.map { item in
                say("evaluation_row", [
                    "name": item.name, "gained": Self.inline(item.answers.gained),
                    "open_points": Self.inline(item.answers.openPoints), "feedback": Self.inline(item.answers.feedback),
                ])
            }
        }
        return lines
    }

    /// Text kept on one line.
    private static func inline(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// Text in a Markdown table cell.
    private static func cell(_ text: String) -> String { inline(text).replacingOccurrences(of: "|", with: "\\|") }
}
