/// A dialogue flow: a finite-state machine declared in a `.flow` file under `Dialogs/flows/`.
/// States are visited in file order unless a state says `next:` or branches with `if VALUE:`.
public struct Flow: Sendable {
    public let id: String
    /// Where the flow was declared, for `FILE:LINE` messages.
    public let file: String
    public let line: Int
    /// Locale key whose comma-separated words start this flow ("log", "logged").
    public var trigger: String?
    /// Locale key of words that start this flow wherever they appear in a message outside any flow
    /// (`trigger anywhere:`): whole words or phrases, any case. (Disclosures have their own signals: `onDisclosure`.)
    public var triggerAnywhere: String?
    /// Locale key of the flow's short name ("logging a meeting").
    public var title: String
    /// Name of the Swift action run when the flow completes (e.g. `save_log_entry`).
    public var action: String?
    /// Line of the `action:` setting, for problems between the flow and its action.
    public var actionLine: Int?
    /// Locale key of the confirmation question; `{summary}` is replaced by the answers so far.
    public var confirm: String?
    /// Minutes of silence after which an unfinished flow is dropped (nil = the engine's default).
    public var expiresAfterMinutes: Int?
    /// Whether a file sent outside any flow starts this flow (`starts on file: yes`), e.g. a receipt photo.
    public var startsOnFile = false
    /// Whether its trigger word (in any language), alone in a message, starts it even in the middle of another flow,
    /// which waits and goes on where it was once this one ends (`interrupts: yes`) — safeguarding concerns.
    public var interrupts = false
    /// Whether a disclosure the safeguarding signals find (`Dialogs/safeguarding/`) runs this flow's action, in any
    /// language, inside or outside another flow — whose answer it then never becomes (`on disclosure: yes`).
    public var onDisclosure = false
    /// Whether the messages that answer it may be kept after they are processed (`keep messages: no` for bank
    /// details and concerns: such a message's text is dropped at once, the replies and notices it caused once they
    /// are delivered, and an unfinished answer is not left lying in the conversation after the flow expires).
    public var keepsMessages = true
    /// Whether, while it waits for an answer, a message that does not answer it but starts with another flow's
    /// trigger drops it and starts that flow (`yields: yes`) — for questions nobody asked for, such as the
    /// scheduler's "did you meet?".
    public var yields = false
    /// Whether the flow changes money, identity or someone else's data (`sensitive: yes`): its action runs only
    /// for a conversation whose every message the channel vouched for; otherwise it waits until the person confirms
    /// from the address on record (the pipeline holds it).
    public var sensitive = false
    /// Questions the words after the trigger answer, in order (`from message: {claim} {reason}`): each takes one
    /// word, the last takes the rest — "reject 12 no receipt". They are not repeated back ("Got it: …"); a
    /// required one that is missing is asked, an optional one is skipped.
    public var arguments: [String] = []
    /// Line of the `from message:` pattern.
    public var argumentsLine: Int?
    /// The question whose answer a record of this flow may share with one already saved (`unique: date`): the
    /// confirmation then asks whether it is another one ("yes", "another") or a correction of that one
    /// ("correction", which replaces it).
    public var unique: String?
    /// The flow whose last record this one corrects (`edits:`): its questions are the ones the message names.
    public var edits: String?
    /// The flow this one takes over when its trigger is typed in that flow's middle (`replaces:`): "lost receipt"
    /// where a claim's receipt is asked goes on as a claim without one, with the answers given so far to questions
    /// of the same name and kind; the flow replaced is not resumed.
    public var replaces: String?
    /// Locale key of words that, anywhere in a message without a trigger word, point to this flow ("met",
    /// "видяхме се", "görüştük") — `hints:`; see `Engine.likelyFlow`.
    public var hints: String?
    /// Whether the menu lists it (`menu: no` for commands that answer something Tandem said, such as
    /// "approve 12" or a bare "yes").
    public var inMenu = true
    /// Where its answer may be given when it is asked for in a group room (`group rooms:`); a question is always
    /// continued in a direct chat.
    public var groupRooms: GroupRooms = .private
    /// Its place in the short menu someone gets for a message not understood (`menu: 1` first); nil = only in the
    /// whole menu ("help all").
    public var menuRank: Int?
    /// Its place in the short menu for people in a programme of a given template (`menu in school_peers: 3`),
    /// instead of `menuRank`: "concern" comes early for pupils, late for staff exchanges.
    public var menuRanks: [String: Int] = [:]
    /// Programme templates the flow belongs to (`programmes:`); nil = every programme.
    public var templates: Set<String>?
    /// Who may start the flow (`for:`): anyone, anyone enrolled (the default), or people with given roles.
    public var audience: Audience = .enrolled
    public var states: [FlowState]

    /// Who may use a flow.
    public enum Audience: Sendable, Hashable {
        /// Also people not (yet) enrolled in a programme: help, joining, language, "my data".
        case anyone
        /// Only people not enrolled in any programme yet (joining).
        case newcomers
        /// Anyone enrolled in a programme, whatever their role.
        case enrolled
        /// Only people with one of these roles (`mentee`, `facilitator`, …).
        case roles(Set<String>)

        /// Whether someone with `roles` (empty: not enrolled) may use the flow.
        public func admits(_ roles: Set<String>) -> Bool {
            switch self {
            case .anyone: return true
            case .newcomers: return roles.isEmpty
            case .enrolled: return !roles.isEmpty
            case .roles(let allowed): return !allowed.isDisjoint(with: roles)
            }
        }
    }

    /// Where a flow's answer may be given in a group room.
    public enum GroupRooms: String, Sendable, Hashable {
        /// Only in a direct chat (or email): asked for in a group room, it is answered there privately. The default.
        case `private`
        /// Also in a room whose other members are all in the speaker's pair (the pair's own records).
        case pair
    }

    /// The state a flow begins in, or nil for a flow that only runs its action ("my log").
    public var firstState: String? { states.first?.id }

    public func state(_ id: String) -> FlowState? { states.first { $0.id == id } }

    /// Whether someone in this context may start the flow: their roles, and their programme's template.
    public func isAvailable(in context: TurnContext) -> Bool {
        guard audience.admits(context.roles) else { return false }
        if case .newcomers = audience, !context.heldRoles.isEmpty { return false }
        guard let templates else { return true }
        return context.template.map(templates.contains) ?? false
    }
}

/// One state of a flow: a question that fills a typed slot, or a message that moves on by itself.
public struct FlowState: Sendable {
    public enum Kind: Sendable, Hashable {
        /// Ask for a slot of this type; the answer is stored under the state's id.
        case ask(SlotType)
        /// Say a text and go on.
        case say
    }

    /// A conditional transition: when the answer equals `value` (an option id, `yes` or `no`), go to `target`.
    public struct Branch: Sendable, Hashable {
        public let value: String
        public let target: String
        public let line: Int
    }

    public let id: String
    public let kind: Kind
    public let line: Int
    /// Locale key of the question (or of the message, for `say`).
    public var prompt: String = ""
    /// Locale key of words that label this slot inside one message ("topics:").
    public var label: String?
    public var optional = false
    /// The answer is a secret (`secret`: an IBAN): summaries show only its last four characters, and the message
    /// that carried it is not kept in clear (a Matrix channel redacts it from the room).
    public var secret = false
    /// The flow's action checks the answer as soon as it is given (`checked`), through the engine's `AnswerChecker`;
    /// a checked choice question offers only the options the checker allows.
    public var checked = false
    /// A choice question whose option is picked out of a sentence by its words (`spotted`): "taxi 20 eur" is a
    /// claim for local transport. Other choices need their label ("for: taxi") or to be asked.
    public var spotted = false
    /// The rest of the message that started the flow answers this question ("join K7P-2QX").
    public var fromMessage = false
    public var rules: [SlotRule] = []
    /// Media types an attachment question takes (`accept:`); empty takes any file.
    public var accepts: [String] = []
    /// Option ids of a `choice` slot; each is shown with the locale text `option.ID`.
    public var options: [String] = []
    /// For a `choice`: the option an answer that is none of them counts as (`otherwise:`), so the question never
    /// dead-ends ("I don't know" to "is someone in danger?" is "not sure", taken as possibly urgent).
    public var otherwise: String?
    public var direction: DateDirection = .past
    /// Currency assumed for a money answer without one.
    public var currency: String?
    /// Locale key of an integer question's scale words ("5: very useful; 4: useful; …").
    public var scale: String?
    /// Locale key of phrases that mark this answer in a sentence ("talked about {}", "{} konuştuk").
    public var phrases: String?
    /// Explicit next state, `confirm` or `done`.
    public var next: String?
    public var branches: [Branch] = []
    /// Line of each `next:` / `if` target, for unknown-target errors.
    public var nextLine: Int?
    /// Line of `otherwise:`, for an unknown option.
    public var otherwiseLine: Int?

    public var slotType: SlotType? {
        if case .ask(let type) = kind { return type }
        return nil
    }
}

/// Targets every flow understands besides its own states.
public enum FlowTarget {
    /// Show the summary and ask to save (or run the action directly if the flow has no `confirm:`).
    public static let confirm = "confirm"
    /// Finish: run the action.
    public static let done = "done"
}
