import Store

/// How an agenda reads in a message: its sessions line by line, its topics and notes.
struct AgendaText {
    let agenda: AgendaRepository.Agenda

    /// What an agenda's text says: its sessions and the names of its frequencies.
    static let texts = ["agenda.session"] + AgendaFrequency.allCases.map { "option.\($0.rawValue)" }

    /// `1. 2026-03-16 14:00` lines, in the language of `context`'s localizer and `language`.
    func sessions(_ context: ActionContext, language: String) -> String {
        agenda.sessions.enumerated().map { index, session in
            context.localizer.text("agenda.session", language, [
                "number": String(index + 1), "date": session.date.iso, "time": session.time.description,
            ])
        }.joined(separator: "\n")
    }

    /// The arguments every agenda text may use: sessions, count, frequency, topics, notes, revision.
    func arguments(_ context: ActionContext, language: String) -> [String: String] {
        let frequency = context.localizer.text("option.\(agenda.frequency)", language)
        return [
            "sessions": sessions(context, language: language), "count": String(agenda.sessions.count),
            "frequency": frequency.split(separator: ",").first.map(String.init) ?? frequency,
            "topics": agenda.topics.joined(separator: ", "), "notes": agenda.notes ?? "—",
            "revision": String(agenda.revision),
        ]
    }
}
