/// The kinds of answer a flow state can ask for. A flow file names one per `ask:` line. `choices` is several
/// options at once (check-boxes): its value is a `list` of option ids.
public enum SlotType: String, Sendable, CaseIterable, Codable {
    case text, choice, choices, yesno, integer, date, time, duration, money, attachment, list
}
