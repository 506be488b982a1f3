/// A typed handle on one answer an action reads: declared once as a constant of the action, listed in its
/// `ActionContract`, and read with `ActionRequest.answer(_:)` — so the name and type an action reads are the ones
/// `tandem dialogs check` holds the flow to.
///
/// ```swift
/// static let duration = Answer.duration("duration")
/// static let nextSteps = Answer.text("next_steps").optional
/// let minutes = try request.answer(Self.duration)
/// ```
public struct Answer<Value: Sendable>: Sendable {
    public let input: ActionInput
    /// The value of a slot, or nil when it is missing (for a required answer) or of another type.
    let read: @Sendable (SlotValue?) -> Value?

    init(_ input: ActionInput, read: @escaping @Sendable (SlotValue?) -> Value?) {
        self.input = input
        self.read = read
    }

    /// The same answer, which a flow may leave out: reads as nil when it is not there.
    public var optional: Answer<Value?> {
        let read = self.read
        let input = ActionInput(self.input.name, self.input.type, optional: true, options: self.input.options)
        return Answer<Value?>(input) { slot in
            guard let slot else { return .some(nil) }
            return read(slot).map { .some($0) }
        }
    }

    private static func typed(_ name: String, _ type: SlotType, options: [String]? = nil,
                              _ extract: @escaping @Sendable (SlotValue) -> Value?) -> Answer {
        Answer(ActionInput(name, type, options: options)) { slot in slot.flatMap(extract) }
    }
}

extension Answer where Value == String {
    public static func text(_ name: String) -> Self {
        typed(name, .text) { if case .text(let text) = $0 { text } else { nil } }
    }

    /// A choice: the id of the chosen option. `options` are the ids the action understands.
    public static func choice(_ name: String, options: [String]? = nil) -> Self {
        typed(name, .choice, options: options) { if case .choice(let id) = $0 { id } else { nil } }
    }
}

extension Answer where Value == Int {
    public static func integer(_ name: String) -> Self {
        typed(name, .integer) { if case .integer(let number) = $0 { number } else { nil } }
    }

    /// A length of time, in whole minutes.
    public static func duration(_ name: String) -> Self {
        typed(name, .duration) { if case .duration(let minutes) = $0 { minutes } else { nil } }
    }
}

extension Answer where Value == Bool {
    public static func yesno(_ name: String) -> Self {
        typed(name, .yesno) { if case .yesno(let answer) = $0 { answer } else { nil } }
    }
}

extension Answer where Value == CalendarDate {
    public static func date(_ name: String) -> Self {
        typed(name, .date) { if case .date(let date) = $0 { date } else { nil } }
    }
}

extension Answer where Value == ClockTime {
    public static func time(_ name: String) -> Self {
        typed(name, .time) { if case .time(let time) = $0 { time } else { nil } }
    }
}

extension Answer where Value == Money {
    public static func money(_ name: String) -> Self {
        typed(name, .money) { if case .money(let amount) = $0 { amount } else { nil } }
    }
}

extension Answer where Value == [String] {
    public static func list(_ name: String) -> Self {
        typed(name, .list) { if case .list(let items) = $0 { items } else { nil } }
    }

    /// Several options (`choices`): the ids of those ticked, in the options' order. `options` are the ids the
    /// action understands.
    public static func choices(_ name: String, options: [String]? = nil) -> Self {
        typed(name, .choices, options: options) { if case .list(let ids) = $0 { ids } else { nil } }
    }
}

extension Answer where Value == [AttachmentRef] {
    public static func attachments(_ name: String) -> Self {
        typed(name, .attachment) { if case .attachments(let files) = $0 { files } else { nil } }
    }
}
