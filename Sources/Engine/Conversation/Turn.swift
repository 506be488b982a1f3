/// One inbound message as the engine sees it: its text and any files that came with it.
public struct Inbound: Sendable, Hashable {
    public let text: String
    public let attachments: [AttachmentRef]

    public init(text: String, attachments: [AttachmentRef] = []) {
        self.text = text
        self.attachments = attachments
    }
}

/// What the engine knows about the moment and the person, injected so it needs no clock or database.
public struct TurnContext: Sendable, Hashable {
    public let language: String
    /// Now, in epoch milliseconds.
    public let now: Int64
    /// Today's date in the participant's time zone.
    public let today: CalendarDate
    /// The participant's roles in their programme (empty when not enrolled): decides which flows they may use.
    public let roles: Set<String>
    /// The template of the participant's programme (`city_to_city`, …), nil when not enrolled.
    public let template: String?
    /// The days the participant's programme runs, first to last; nil when not enrolled. A date answer outside them
    /// is confirmed before it is kept.
    public let programmeDays: ClosedRange<CalendarDate>?
    /// Roles the participant has but may not use yet (a pupil whose guardian's consent is not recorded, and their
    /// mentor): their flows are not offered, and someone enrolled is no newcomer (cannot "join" again).
    public let heldRoles: Set<String>
    /// What to say instead of "didn't understand" when a message starts a flow only the held roles could use.
    public let heldNotice: String?
    /// The register the participant's programme speaks in (`informal` for pupils), nil for the plain language: a
    /// language change keeps it.
    public let register: String?
    /// False when the message came without proof of who sent it (an email with neither a reply token nor a passing
    /// DMARC result): what would change the person's own settings is not done.
    public let senderProven: Bool
    /// For an open flow with `unique:` whose answer to that question is known: that answer, when a record with it
    /// is saved already (a meeting on that date is in the pair's log) — looked up by the caller.
    public var recorded: [SlotValue] = []
    /// The part of the day the open flow's date was said with ("log this evening": true, "this morning": false): a
    /// time said later without one is in it — set by the engine from the conversation.
    public var dayPart: Bool?

    public init(
        language: String, now: Int64, today: CalendarDate, roles: Set<String> = [], template: String? = nil,
        programmeDays: ClosedRange<CalendarDate>? = nil, heldRoles: Set<String> = [], heldNotice: String? = nil,
        register: String? = nil, senderProven: Bool = true
    ) {
        self.language = language
        self.now = now
        self.today = today
        self.roles = roles
        self.template = template
        self.programmeDays = programmeDays
        self.heldRoles = heldRoles
        self.heldNotice = heldNotice
        self.register = register
        self.senderProven = senderProven
    }

    /// The same moment and person, spoken to in `voice`.
    func speaking(_ voice: String) -> TurnContext {
        var context = TurnContext(
            language: voice, now: now, today: today, roles: roles, template: template, programmeDays: programmeDays,
            heldRoles: heldRoles, heldNotice: heldNotice, register: register, senderProven: senderProven)
        context.recorded = recorded
        context.dayPart = dayPart
        return context
    }
}

/// A completed flow's request to run its Swift action with the collected answers.
public struct ActionRequest: Sendable, Hashable {
    public let flow: String
    public let action: String
    public let slots: [String: SlotValue]

    public init(flow: String, action: String, slots: [String: SlotValue]) {
        self.flow = flow
        self.action = action
        self.slots = slots
    }
}

/// Something the caller must do because of a message. The engine only describes; the service applies
/// all effects in the same transaction as the new state.
public enum Effect: Sendable, Hashable {
    /// Send this text back to the participant.
    case reply(String)
    /// Run a named action (it writes domain records and may reply).
    case perform(ActionRequest)
    /// Change the participant's language setting.
    case setLanguage(String)
}

/// The engine's answer to one message: the conversation's new state and what to do.
public struct Turn: Sendable, Hashable {
    public var state: ConversationState
    public var effects: [Effect]
    /// False when the message answered, started or ran a flow whose messages are not kept (`keep messages: no`):
    /// its text must not be stored past this turn.
    public var keepsMessage = true

    public init(state: ConversationState, effects: [Effect] = []) {
        self.state = state
        self.effects = effects
    }

    mutating func say(_ text: String) { effects.append(.reply(text)) }
}

extension TurnContext {
    /// The same moment with the held roles usable: which flows the person could start once they are released.
    var releasingHeldRoles: TurnContext {
        TurnContext(language: language, now: now, today: today, roles: roles.union(heldRoles), template: template,
                    programmeDays: programmeDays)
    }
}
