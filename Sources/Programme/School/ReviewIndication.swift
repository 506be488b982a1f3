import Engine

/// The good indications a progress review may tick (the handbook's list: goals set, new skills, time management,
/// attendance, grades, cooperation with parents and teachers) — the option ids of the review flow's `choices`
/// question, each named by its `option.ID` text.
enum ReviewIndication {
    static let ids = ["goals_set", "new_skills", "time_management", "attendance", "grades", "cooperation"]

    /// Their names, and what an empty list reads as.
    static let texts = ids.map { "option.\($0)" } + ["review.none_ticked"]

    /// The ticked indications by name in `language` (default: the speaker's), in the handbook's order — "goals
    /// set, grades" — or "none ticked".
    static func describe(_ ticked: [String], _ context: ActionContext, in language: String? = nil) -> String {
        let language = language ?? context.language
        guard !ticked.isEmpty else { return context.localizer.text("review.none_ticked", language) }
        let ordered = ticked.sorted { (ids.firstIndex(of: $0) ?? ids.count) < (ids.firstIndex(of: $1) ?? ids.count) }
        return ordered.map { context.label("option.\($0)", in: language) }.joined(separator: ", ")
    }
}
