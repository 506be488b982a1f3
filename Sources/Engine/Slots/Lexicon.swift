/// The words slot parsers recognise in one language, read from the `words.*` keys of a locale file.
/// All entries are lower-cased. A participant's lexicon is their language merged with English.
public struct Lexicon: Sendable, Hashable {
    public var yes: [String] = []
    public var no: [String] = []
    public var skip: [String] = []
    public var today: [String] = []
    public var yesterday: [String] = []
    public var tomorrow: [String] = []
    /// Words that make a weekday the coming one ("next monday", "следващия понеделник", "gelecek pazartesi").
    public var next: [String] = []
    /// Index 0 = Monday … 6 = Sunday; each entry holds the full name and abbreviations.
    public var weekdays: [[String]] = Array(repeating: [], count: 7)
    /// Index 0 = January … 11 = December; each entry holds the names (all grammatical forms) and abbreviations.
    public var months: [[String]] = Array(repeating: [], count: 12)
    /// Words for minutes ("min", "minutes", "мин", "dk", "dakika").
    public var minuteUnits: [String] = []
    /// Words for hours ("h", "hours", "ч", "часа", "saat", "sa").
    public var hourUnits: [String] = []
    /// Morning/afternoon markers ("am", "pm", "сутринта", "öğleden sonra").
    public var am: [String] = []
    public var pm: [String] = []
    /// Currency words and symbols mapped to ISO 4217 codes ("€" → EUR, "лв" → BGN, "tl" → TRY).
    public var currencies: [String: String] = [:]

    public init() {}

    /// Words of `self` first, then of `other` (so a Bulgarian speaker may still type "yesterday").
    public func merged(with other: Lexicon) -> Lexicon {
        func join(_ a: [String], _ b: [String]) -> [String] { a + b.filter { !a.contains($0) } }
        var m = self
        m.yes = join(yes, other.yes)
        m.no = join(no, other.no)
        m.skip = join(skip, other.skip)
        m.today = join(today, other.today)
        m.yesterday = join(yesterday, other.yesterday)
        m.tomorrow = join(tomorrow, other.tomorrow)
        m.next = join(next, other.next)
        m.weekdays = zip(weekdays, other.weekdays).map(join)
        m.months = zip(months, other.months).map(join)
        m.minuteUnits = join(minuteUnits, other.minuteUnits)
        m.hourUnits = join(hourUnits, other.hourUnits)
        m.am = join(am, other.am)
        m.pm = join(pm, other.pm)
        m.currencies = currencies.merging(other.currencies) { mine, _ in mine }
        return m
    }
}
