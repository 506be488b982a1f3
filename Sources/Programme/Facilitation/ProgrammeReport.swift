import Engine
import Store

/// An anonymised programme report: sessions per week across the programme, hours per pair as a distribution, and
/// how useful people found their sessions (1–5) and how transferable the mentees rated the measures they saw (1–3),
/// as a static HTML page with inline SVG charts plus the same figures as CSV. It holds only counts — no names,
/// addresses, pair labels or free text (feedback sentences, evaluation answers and measure names are never read)
/// — and any count of under 5 pairs or people is shown as "<5", its bar drawn flat; a second count (or the total)
/// is withheld as "x" where the total and the other counts would give a hidden one away (`SuppressedCounts`).
public struct ProgrammeReport: Sendable, Hashable {
    /// Counts below this are shown as "<5".
    public static let smallest = 5

    /// A count published on its own (not one of several adding up to a shown total): "<5" when under `smallest`.
    public static func shown(_ count: Int) -> String { count > 0 && count < smallest ? "<\(smallest)" : String(count) }

    public let programme: String
    public let startDate: CalendarDate
    /// Sessions (a pair's meeting day, however many peers logged it) per week from the start; index 0 = week 1.
    public let sessionsPerWeek: [Int]
    /// Different pairs behind each week's sessions.
    public let pairsPerWeek: [Int]
    /// Different pairs that logged any session.
    public let pairsMeeting: Int
    /// Hours logged per pair, in whole-hour bins: index N counts pairs with N to N+1 hours.
    public let hoursHistogram: [Int]
    public let pairs: Int
    /// Session-feedback usefulness ratings, 1 (not useful) to 5 (very useful).
    public let feedback: RatingDistribution
    /// Transferability ratings of assessed measures, 1 (low) to 3 (high).
    public let transferability: RatingDistribution
    /// The good indications ticked in progress reviews, for programmes whose pairs review them (school).
    public var indications: IndicationCounts?

    /// Reads the programme's counts.
    public static func load(programme name: String, connection: Connection) throws(ReportError) -> ProgrammeReport {
        do {
            guard let programme = try ProgrammeRepository(connection).programme(named: name),
                  let start = CalendarDate(iso: programme.startDate)
            else { throw ReportError.unknownProgramme(name) }
            let sessions = try connection.query("""
                SELECT pair_id, meeting_date FROM log_entries WHERE programme_id = ? AND pair_id IS NOT NULL
                GROUP BY pair_id, meeting_date
                """, [programme.id]).compactMap { row in
                CalendarDate(iso: row.string("meeting_date")).map { (pair: row.int64("pair_id"), date: $0) }
            }
            var weeks: [Int] = []
            var weekPairs: [Set<Int64>] = []
            for (pair, date) in sessions {
                let week = max(date.daysSinceEpoch - start.daysSinceEpoch, 0) / 7
                if weeks.count <= week {
                    weeks += Array(repeating: 0, count: week + 1 - weeks.count)
                    weekPairs += Array(repeating: [], count: week + 1 - weekPairs.count)
                }
                weeks[week] += 1
                weekPairs[week].insert(pair)
            }
            let minutes = try connection.query("""
                SELECT COALESCE(SUM(m.minutes), 0) AS minutes FROM pairs AS pr
                LEFT JOIN (SELECT pair_id, meeting_date, MAX(duration_minutes) AS minutes FROM log_entries
                           GROUP BY pair_id, meeting_date) AS m ON m.pair_id = pr.id
                WHERE pr.programme_id = ? GROUP BY pr.id
                """, [programme.id]).map { $0.int("minutes") }
            var bins: [Int] = []
            for total in minutes {
                let bin = total / 60
                if bins.count <= bin { bins += Array(repeating: 0, count: bin + 1 - bins.count) }
                bins[bin] += 1
            }
            return ProgrammeReport(
                programme: programme.name, startDate: start, sessionsPerWeek: weeks,
                pairsPerWeek: weekPairs.map(\.count), pairsMeeting: Set(sessions.map(\.pair)).count,
                hoursHistogram: bins, pairs: minutes.count,
                feedback: try .load(.usefulness, programmeID: programme.id, connection: connection),
                transferability: try .load(.transferability, programmeID: programme.id, connection: connection))
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.store("\(error)")
        }
    }

    /// Sessions per week as published: a week with sessions of under 5 pairs is withheld.
    public var weeklySessions: SuppressedCounts {
        SuppressedCounts(values: sessionsPerWeek, contributors: pairsPerWeek, totalContributors: pairsMeeting)
    }

    /// Pairs per hours bin as published.
    public var pairsPerHours: SuppressedCounts {
        SuppressedCounts(values: hoursHistogram, contributors: hoursHistogram, totalContributors: pairs)
    }

    /// The report page.
    public var html: String {
        let weeks = weeklySessions.cells.enumerated().map { week, cell in
            SVGBarChart.Bar(label: "w\(week + 1)", value: cell.drawn, shown: cell.shown)
        }
        let sessions = SVGBarChart(title: "Sessions per week", bars: weeks)
        let hours = SVGBarChart(title: "Hours per pair", bars: pairsPerHours.cells.enumerated().map { hour, cell in
            .init(label: "\(hour)–\(hour + 1)h", value: cell.drawn, shown: cell.shown)
        })
        let usefulness = feedback.chart(title: "Usefulness of sessions") { String($0) }
        let transfer = transferability.chart(title: "Transferability of measures") { String($0) }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Programme report — \(HTML.escape(programme))</title>
            <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}figure{margin:2rem 0}</style></head>
            <body>
            <h1>Programme report — \(HTML.escape(programme))</h1>
            <p>Started \(startDate.iso). Pairs: \(pairsPerHours.shownTotal).
            Sessions logged: \(weeklySessions.shownTotal).
            Anonymised: counts only; counts of under \(Self.smallest) pairs or people are shown as
            “&lt;\(Self.smallest)”, and “\(SuppressedCounts.withheld)” is a count (or total) withheld so that a
            hidden one cannot be worked out from the others.</p>
            <figure><figcaption>Sessions per week</figcaption>
            \(sessions.svg)
            </figure>
            <figure><figcaption>Hours logged per pair (number of pairs)</figcaption>
            \(hours.svg)
            </figure>
            <figure><figcaption>How useful was the session? Feedback answers per rating, 1 (not useful) to 5 (very
            useful); \(feedback.shownAnswers) answers in all</figcaption>
            \(usefulness.svg)
            </figure>
            <figure><figcaption>How transferable is the measure? Assessed measures per rating, 1 (low) to 3 (high);
            \(transferability.shownAnswers) measures in all</figcaption>
            \(transfer.svg)
            </figure>
            \(indications?.figure ?? "")
            </body></html>

            """
    }

    /// `week,week_start,sessions`.
    public var sessionsCSV: String {
        var table = CSVTable(header: ["week", "week_start", "sessions"])
        for (week, cell) in weeklySessions.cells.enumerated() {
            table.append([String(week + 1), startDate.adding(days: week * 7).iso, cell.shown])
        }
        return table.text
    }

    /// `hours_from,hours_to,pairs`.
    public var hoursCSV: String {
        var table = CSVTable(header: ["hours_from", "hours_to", "pairs"])
        for (hour, cell) in pairsPerHours.cells.enumerated() {
            table.append([String(hour), String(hour + 1), cell.shown])
        }
        return table.text
    }

    /// `usefulness,answers` for ratings 1–5.
    public var feedbackCSV: String { feedback.csv(header: "usefulness") }

    /// `rating,answers` for transferability ratings 1–3.
    public var transferabilityCSV: String { transferability.csv(header: "rating") }

    /// Every CSV file of the report, by file name.
    public var csvFiles: [(name: String, text: String)] {
        [("sessions_per_week.csv", sessionsCSV), ("hours_per_pair.csv", hoursCSV),
         ("feedback_usefulness.csv", feedbackCSV), ("transferability_ratings.csv", transferabilityCSV)]
            + (indications.map { [("review_indications.csv", $0.csv)] } ?? [])
    }
}
