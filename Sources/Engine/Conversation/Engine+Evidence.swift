/// Intent from evidence: a message that starts with no trigger word, but carries what a flow asks for — a date and
/// a duration, "met", "видяхме се", "görüştük" (logging a meeting), an amount (an expense) — starts that flow,
/// with what it carries already answered.
extension Engine {
    /// The flow a message without a trigger word of this person starts, and what of it answers that flow: a
    /// trigger word nearly written ("lgo", "feedbak"), else the evidence (`likelyFlow`). Nil when the message begins
    /// with the exact command of a flow this person may not use: they are told what they can say instead.
    func understood(_ text: String, _ context: TurnContext) -> (Flow, String)? {
        // A command this person may not use ("paid 1" from a mentee) is refused, unless the message clearly says
        // something else ("paid 45 eur for a taxi yesterday": an expense).
        if triggers.starting(text, language: context.language) != nil {
            return likelyFlow(text, context, atLeast: 3).map { ($0, text) }
        }
        let available = { (flow: Flow) in flow.isAvailable(in: context) }
        if let match = triggers.ending(text, language: context.language, admitted: available)
            ?? triggers.nearlyStarting(text, language: context.language, admitted: available) {
            return (match.flow, match.rest)
        }
        return likelyFlow(text, context).map { ($0, text) }
    }

    /// How many of its `hints:` words a message needs to start a flow whose question takes the whole message.
    static let wholeMessageHints = 2

    /// The flow `text` most likely starts: the one whose `hints:` words it contains (as whole words, diacritics
    /// optional; 2 points each) and whose questions it answers (1 point per value its rules accept, −1 per value
    /// they refuse, none for two values given for one), with at least `threshold` points and more than any other
    /// (a flow that `replaces:` another needs more than that one). Nil when nothing stands out.
    func likelyFlow(_ text: String, _ context: TurnContext, atLeast threshold: Int = 2) -> Flow? {
        guard !text.isEmpty else { return nil }
        let plain = TriggerMatcher.plain(text)
        var scores: [(flow: Flow, score: Int)] = []
        for flow in catalog.flows where flow.trigger != nil && flow.isAvailable(in: context) {
            // A flow whose question takes the whole message ("to all mentors: …" for a broadcast) has no values to
            // count: only its own words, and at least two of them.
            let takesWholeMessage = flow.states.contains(where: \.fromMessage)
            guard flow.arguments.isEmpty, !takesWholeMessage || flow.hints != nil,
                  flow.states.contains(where: { $0.slotType != nil }) else { continue }
            var score = 0
            if let key = flow.hints {
                let hints = localizer.wordsInAnyLanguage(key, context.language)
                score += 2 * hints.filter { TriggerMatcher.containsWord(TriggerMatcher.plain($0), in: plain) }.count
            }
            if takesWholeMessage {
                if score >= max(threshold, 2 * Self.wholeMessageHints) { scores.append((flow, score)) }
                continue
            }
            let prefill = Prefill(engine: self, flow: flow, context: context).extract(from: text, attachments: [])
            // Two values where one is asked ("12 or 15 lv") are no evidence against the flow.
            score += prefill.values.count - prefill.rejected.filter { !Prefill.twoValues.contains($0.error.key) }.count
            if score >= threshold { scores.append((flow, score)) }
        }
        // A flow that takes another's place ("lost receipt" for "expense") asks the same questions: the same values
        // are no evidence for it over the other; only its own words are.
        let ranked = scores.filter { candidate in
            !scores.contains { $0.flow.id == candidate.flow.replaces && $0.score >= candidate.score }
        }.sorted { $0.score > $1.score }
        guard let first = ranked.first, ranked.count == 1 || ranked[1].score < first.score else { return nil }
        return first.flow
    }
}
