/// The kinds of answer a flow state can ask for. A flow file names one per `ask:` line.
public enum SlotType: String, Sendable, CaseIterable, Codable {
    case text, choice, yesno, integer, date, time, duration, money, attachment, list
}
