import Engine
import Store

/// A learning statement as the mentee reads it while drafting: its seven parts, numbered, under headings in a
/// language (`statement.heading.*`), so "change statement 3 …" names a part by its number.
struct LearningStatementText {
    let parts: LearningStatementRepository.Parts

    /// The heading keys, in part order (1–7).
    static let headings = [
        "about", "objectives", "activities", "hard_skills", "communication", "organisation", "now_able",
    ].map { "statement.heading.\($0)" }

    /// Everything a draft says: the headings and the lines around the document.
    static let texts = headings + [
        "statement.draft", "statement.none", "statement.opted_out", "statement.changed", "statement.approved",
        "statement.already_approved", "statement.team_notice", "statement.welcome_back",
    ]

    /// The document: "1. Heading\ntext" per part, separated by blank lines.
    func document(_ localizer: Localizer, _ language: String) -> String {
        zip(Self.headings, parts.numbered).enumerated().map { index, part in
            "\(index + 1). \(localizer.text(part.0, language))\n\(part.1)"
        }.joined(separator: "\n\n")
    }
}
