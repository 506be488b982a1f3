import Engine

/// How often a pair meets, as chosen in the agenda flow (the option ids of its `frequency` question).
enum AgendaFrequency: String, CaseIterable {
    case weekly
    case everyTwoWeeks = "every_two_weeks"
    case monthly

    /// The dates of `count` sessions starting on `first`. Monthly sessions keep the day of the month, or take
    /// the month's last day when it is shorter (31 January → 28 February).
    func dates(from first: CalendarDate, count: Int) -> [CalendarDate] {
        (0..<count).map { index in
            switch self {
            case .weekly: return first.adding(days: 7 * index)
            case .everyTwoWeeks: return first.adding(days: 14 * index)
            case .monthly:
                let months = first.month - 1 + index
                let year = first.year + months / 12
                let month = months % 12 + 1
                let day = min(first.day, CalendarDate.daysIn(month: month, year: year))
                return CalendarDate(year: year, month: month, day: day) ?? first
            }
        }
    }
}
