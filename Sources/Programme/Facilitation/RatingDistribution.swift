import Store

/// How often each rating of a scale was given across a programme (session feedback 1–5, transferability 1–3),
/// counted anonymously: a rating's count is shown only when at least 5 different people gave it, else "<5" — and no
/// total or other count gives a hidden one away (`SuppressedCounts`).
public struct RatingDistribution: Sendable, Hashable {
    /// One rating of the scale: how many answers gave it, and how many different people.
    public struct Level: Sendable, Hashable {
        public let rating: Int
        public let answers: Int
        public let people: Int
    }

    /// One level per rating, from 1 to the top of the scale.
    public let levels: [Level]
    /// The different people who gave any rating.
    public let people: Int

    /// The ratings a report counts.
    enum Source {
        /// Session feedback: usefulness 1–5.
        case usefulness
        /// Transferability assessments: 1 (low) to 3 (high).
        case transferability

        var scale: Int { self == .usefulness ? 5 : 3 }

        /// Ratings as `rating`, `participant_id` of the programme bound to `?`.
        var ratings: String {
            switch self {
            case .usefulness:
                "SELECT usefulness AS rating, participant_id FROM session_feedback WHERE programme_id = ?"
            case .transferability:
                "SELECT rating, participant_id FROM transferability_assessments WHERE programme_id = ?"
            }
        }
    }

    /// Counts the programme's ratings from `source`.
    static func load(_ source: Source, programmeID: Int64, connection: Connection) throws -> RatingDistribution {
        let rows = try connection.query("""
            SELECT rating, COUNT(*) AS answers, COUNT(DISTINCT participant_id) AS people FROM (\(source.ratings))
            GROUP BY rating
            """, [programmeID])
        let people = try connection.query(
            "SELECT COUNT(DISTINCT participant_id) AS people FROM (\(source.ratings))", [programmeID]
        ).first?.int("people") ?? 0
        let levels = (1...source.scale).map { rating in
            let row = rows.first { $0.int("rating") == rating }
            return Level(rating: rating, answers: row?.int("answers") ?? 0, people: row?.int("people") ?? 0)
        }
        return RatingDistribution(levels: levels, people: people)
    }

    /// All answers.
    public var answers: Int { levels.reduce(0) { $0 + $1.answers } }

    /// The counts per rating and their total as published.
    public var counts: SuppressedCounts {
        SuppressedCounts(values: levels.map(\.answers), contributors: levels.map(\.people), totalContributors: people)
    }

    /// All answers as published ("<5" or "x" when withheld).
    public var shownAnswers: String { counts.shownTotal }

    /// The distribution as a bar chart, each bar labelled by `label(rating)`.
    func chart(title: String, label: (Int) -> String) -> SVGBarChart {
        SVGBarChart(title: title, bars: zip(levels, counts.cells).map { level, cell in
            .init(label: label(level.rating), value: cell.drawn, shown: cell.shown)
        })
    }

    /// `HEADER,answers` then one line per rating.
    func csv(header: String) -> String {
        var table = CSVTable(header: [header, "answers"])
        for (level, cell) in zip(levels, counts.cells) { table.append([String(level.rating), cell.shown]) }
        return table.text
    }
}
