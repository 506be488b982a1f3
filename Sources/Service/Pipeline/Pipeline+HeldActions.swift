import Crypto
import Engine
import Programme
import Store

/// Sensitive flows (`sensitive: yes`: money, identity, someone else's data) in a conversation whose channel could not
/// vouch for every message — an email without a reply token or a passing DMARC result. Their action is not run but
/// held, and the person is asked, at the address on record, to confirm it by replying "yes" with the one-time
/// token of that message before it expires. Only that reply runs it, once; "no" or anything else drops it.
extension Pipeline {
    /// How long a held action waits for its confirmation.
    public static let heldActionLifetime: Int64 = 24 * 3_600_000
    /// At most this many held actions wait per person; a forger cannot bury anyone in confirmation requests.
    public static let maxWaitingHeldActions = 3
    /// Bytes of randomness in a confirmation token (128 bits).
    static let heldTokenBytes = 16

    /// Holds `request` and returns the text that asks for its confirmation; nil when too many already wait (it is
    /// dropped without a word).
    func hold(
        _ request: ActionRequest, conversationID: Int64, participantID: Int64, sourceMessageID: Int64,
        context: TurnContext, _ connection: Connection, now: Int64
    ) throws -> String? {
        let held = HeldActionRepository(connection)
        guard try held.pendingCount(participantID: participantID, now: now) < Self.maxWaitingHeldActions else {
            Log.info("held action dropped: \(Self.maxWaitingHeldActions) already wait participant=\(participantID)")
            return nil
        }
        try held.hold(
            request, conversationID: conversationID, participantID: participantID,
            token: Hex.encode(SecureRandom.bytes(Self.heldTokenBytes)), sourceMessageID: sourceMessageID, now: now,
            expiresAt: now + Self.heldActionLifetime)
        Log.info("held action=\(request.action) participant=\(participantID): waiting for confirmation")
        var details = engine.summary(of: request, context: context)
        if details.isEmpty {
            let said = try InboundRepository(connection).body(id: sourceMessageID) ?? ""
            details = "“" + String(said.prefix(200)) + "”"
        }
        return engine.catalog.localizer.text("held.ask", context.language, [
            "what": engine.title(of: request, context: context), "details": Self.maskingLongNumbers(details),
            "hours": String(Self.heldActionLifetime / 3_600_000),
        ])
    }

    /// The held action of the participant that `token` names (compared in constant time), or nil.
    func heldAction(token: String, participantID: Int64, _ connection: Connection) throws -> HeldAction? {
        try HeldActionRepository(connection).all(participantID: participantID)
            .first { ConstantTime.equals($0.token, token) }
    }

    /// Answers a reply to a held action: "yes" runs it (once, as the person who asked, with the message that
    /// completed the flow as its source); anything else declines it. A reply to one already settled or expired
    /// changes nothing.
    func settle(
        _ held: HeldAction, answer: String, context: TurnContext,
        in actionContext: (_ sourceMessageID: Int64?) -> ActionContext
    ) throws -> [String] {
        let localizer = engine.catalog.localizer
        let repository = HeldActionRepository(actionContext(nil).connection)
        guard held.isPending(at: context.now) else {
            return [localizer.text(held.outcome == nil ? "held.expired" : "held.settled", context.language)]
        }
        let what = engine.title(of: held.request, context: context)
        let flow = engine.catalog.flow(held.request.flow)
        guard Self.isYes(answer, context: context, localizer), flow?.isAvailable(in: context) == true else {
            _ = try repository.settle(id: held.id, outcome: .declined, now: context.now)
            return [localizer.text("held.declined", context.language, ["what": what])]
        }
        guard try repository.settle(id: held.id, outcome: .confirmed, now: context.now) else {
            return [localizer.text("held.settled", context.language)]
        }
        Log.info("held action=\(held.request.action) participant=\(held.participantID): confirmed")
        return try perform(held.request, in: actionContext(held.sourceMessageID))
    }

    /// `text` with every long number — 8 digits or more over words of letters and digits, as account and card numbers
    /// are written (`DE89 3704 0044 0532 0130 00`) — shown as `****` and its last four characters: the confirmation
    /// says what is asked without carrying a full IBAN into a mailbox.
    static func maskingLongNumbers(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var words: [String] = []
            var run: [Substring] = []
            func flush() {
                let digits = run.reduce(0) { $0 + $1.filter(\.isNumber).count }
                if digits >= 8 {
                    words.append("****" + String(run.joined().suffix(4)))
                } else {
                    words += run.map(String.init)
                }
                run = []
            }
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                if !word.isEmpty, word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                   word.contains(where: \.isNumber) {
                    run.append(word)
                } else {
                    flush()
                    words.append(String(word))
                }
            }
            flush()
            return words.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// Whether the first line of `answer` is a yes ("yes", "Yes!", "да", "evet").
    private static func isYes(_ answer: String, context: TurnContext, _ localizer: Localizer) -> Bool {
        let first = answer.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let parsed = SlotParser.parse(
            first, as: .yesno, in: SlotParseContext(today: context.today, lexicon: localizer.lexicon(context.language)))
        return (try? parsed.get()) == .yesno(true)
    }
}
