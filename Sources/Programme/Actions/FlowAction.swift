import Engine
import Store

/// What an action may use while it runs: the open transaction, who is speaking, and how to say things.
public struct ActionContext {
    public let connection: Connection
    public let participantID: Int64
    public let language: String
    public let localizer: Localizer
    /// Epoch milliseconds.
    public let now: Int64
    /// The inbound message that completed the flow (for provenance on the records written).
    public let sourceMessageID: Int64?
    /// The participant's programme, role and pair; nil when not enrolled.
    public let membership: Membership?
    /// Today in the participant's time zone.
    public let today: CalendarDate
    /// Every template, for actions that enrol people.
    public let templates: TemplateCatalog
    /// Where the speaker's replies go (the conversation the message came from); nil when the action runs outside
    /// one. Actions that send a file with a reply queue it there themselves.
    public let replyPlace: ReplyPlace?
    /// Opens flows in other people's conversations (the claimant's answer to "ask 12 …"); nil where none can be.
    public let opener: FlowOpener?
    /// False when the message came without proof of who sent it (an email with neither a reply token nor a passing
    /// DMARC result): what an action tells others in the speaker's name must say so.
    public let senderProven: Bool

    public init(
        connection: Connection, participantID: Int64, language: String, localizer: Localizer, now: Int64,
        sourceMessageID: Int64?, membership: Membership?, today: CalendarDate, templates: TemplateCatalog,
        replyPlace: ReplyPlace? = nil, opener: FlowOpener? = nil, senderProven: Bool = true
    ) {
        self.connection = connection
        self.participantID = participantID
        self.language = language
        self.localizer = localizer
        self.now = now
        self.sourceMessageID = sourceMessageID
        self.membership = membership
        self.today = today
        self.templates = templates
        self.replyPlace = replyPlace
        self.opener = opener
        self.senderProven = senderProven
    }

    /// A text in another participant's language, queued to their private place (a direct chat or email, never a
    /// group room; see ``BroadcastAddressBook``), with a `note` after it on a line of its own, in the same voice.
    /// Returns false if unreachable.
    @discardableResult
    public func notify(
        participantID: Int64, _ key: String, _ arguments: [String: String] = [:],
        note: (key: String, arguments: [String: String])? = nil
    ) throws -> Bool {
        let voice = try voice(ofParticipant: participantID)
        let text = localizer.text(key, voice, arguments)
            + (note.map { "\n" + localizer.text($0.key, voice, $0.arguments) } ?? "")
        return try send(text, toParticipant: participantID, attachments: [])
    }

    /// How to speak to another participant of the speaker's programme: their language, in the template's register
    /// if they are a mentee or mentor of it.
    public func voice(ofParticipant participantID: Int64) throws -> String {
        let theirs = try ParticipantRepository(connection).find(id: participantID)?.language
        let language = theirs ?? Localizer.language(of: language)
        guard let membership else { return language }
        let roles = try ProgrammeRepository(connection).enrolments(participantID: participantID)
            .filter { $0.programme.id == membership.programme.id }.map(\.role)
        return localizer.voice(language, register: Membership.register(of: membership.template, roles: Set(roles)))
    }

    /// A text in the participant's language.
    public func say(_ key: String, _ arguments: [String: String] = [:]) -> String {
        localizer.text(key, language, arguments)
    }
}

/// A named action a flow file can call with `action: NAME`. It turns answered slots into domain records,
/// inside the same transaction as the message that completed the flow, and returns the replies to send.
public protocol FlowAction: Sendable {
    /// The name flow files use.
    var name: String { get }
    /// The answers it reads (through `ActionRequest.answer`) and the texts it says: what `tandem dialogs check`
    /// holds every flow naming it to.
    var contract: ActionContract { get }
    func run(_ request: ActionRequest, in context: ActionContext) throws -> [String]
}
