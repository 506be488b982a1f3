/// What the engine works out from a message alone, before the transaction that handles it (issue 17): the
/// safeguarding scan of its text and, when its trigger word starts a flow, what the rest of it answers of that
/// flow's questions. A database has one writer at a time, so the less a message's write computes, the more
/// messages a second get through and the less each waits.
///
/// Both are pure functions of the text and of the person's language and day, and each is kept with those inputs:
/// the turn in the transaction takes a part only when what it would compute it from is the same, and works it out
/// itself otherwise (the person changed language meanwhile, the message starts another flow there, a day passed).
/// So a preview can make a turn faster, never different.
public struct MessagePreview: Sendable {
    /// The safeguarding scan of the message's text as the engine reads it (trimmed).
    let scan: DisclosureDetector.Scan
    /// The flow the message's trigger word starts, with what the rest of the message answers.
    let prefill: (key: Prefill.Key, result: Prefill.Result)?

    /// The prefill for `key`, when it is the one worked out ahead.
    func prefill(for key: Prefill.Key) -> Prefill.Result? {
        prefill.flatMap { $0.key == key ? $0.result : nil }
    }
}

extension Engine {
    /// Works out ahead what handling `message` will need (see ``MessagePreview``), for a person writing in `language`
    /// whose day is `today`; pass it to ``handle(_:in:context:checker:preview:)``.
    public func preview(_ message: Inbound, language: String, today: CalendarDate) -> MessagePreview {
        let text = message.text.trimmed(Trim.whitespaceOrNewline)
        let scan = catalog.disclosures.scan(text)
        guard let match = triggers.starting(text, language: language), match.flow.edits == nil else {
            return MessagePreview(scan: scan, prefill: nil)
        }
        let prefill = Prefill(engine: self, flow: match.flow, language: language, today: today)
        let key = Prefill.Key(
            flow: match.flow, text: match.rest, attachments: message.attachments, context: prefill.context)
        return MessagePreview(
            scan: scan, prefill: (key, prefill.extract(from: match.rest, attachments: message.attachments)))
    }
}
