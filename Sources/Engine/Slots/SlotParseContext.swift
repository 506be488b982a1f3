/// Which way a bare weekday ("monday") points: the last one (logging a meeting) or the next one (planning).
public enum DateDirection: String, Sendable, Hashable, Codable {
    case past, future
}

/// One option of a `choice` slot: its stable id and the words that select it (translated label, synonyms).
public struct ChoiceOption: Sendable, Hashable {
    public let id: String
    public let labels: [String]

    public init(id: String, labels: [String]) {
        self.id = id
        self.labels = labels
    }
}

/// Everything a slot parser may consult. Built by the engine from the participant, the clock and the flow.
public struct SlotParseContext: Sendable {
    /// Today's date in the participant's time zone (injected clock).
    public var today: CalendarDate
    public var lexicon: Lexicon
    public var dateDirection: DateDirection
    /// Options of a `choice` slot, in the order they are shown (so "2" picks the second).
    public var options: [ChoiceOption]
    /// How many of `options` are shown, and so may be picked by number (nil: all); the others are known by name only.
    public var numbered: Int?
    /// Currency assumed when a money answer has none (the budget's currency).
    public var defaultCurrency: String?
    /// Prefill mode: accept only unambiguous forms ("45 min", not a bare "45").
    public var strict: Bool
    /// Words an `integer` question takes for its numbers ("very useful" → 5), from its `scale:` text.
    public var scale: [String: Int] = [:]
    /// The scale's lowest and highest numbers with a phrase of each, for the refusal of an answer read as neither.
    public var scaleEnds: ScaleText.Ends?
    /// The part of the day a time said without one is in (true: afternoon or evening), when the date said it ("log
    /// this evening", then "at 7": 19:00); nil: hours 1–6 said alone are in the afternoon, the others as said.
    public var dayPart: Bool?

    public init(
        today: CalendarDate, lexicon: Lexicon, dateDirection: DateDirection = .past,
        options: [ChoiceOption] = [], defaultCurrency: String? = nil, strict: Bool = false
    ) {
        self.today = today
        self.lexicon = lexicon
        self.dateDirection = dateDirection
        self.options = options
        self.defaultCurrency = defaultCurrency
        self.strict = strict
    }
}
