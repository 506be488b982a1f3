import Engine
import Store

/// What a facilitator asked to broadcast, read from their words: "next step to cohort Sofia",
/// "to pair p7: please log your sessions", "to mentors: …". Words come from the speaker's language
/// (`words.broadcast.*` in `facilitation.locale`) with English always understood.
public struct BroadcastRequest: Sendable, Hashable {
    public var audience: BroadcastRecord.Audience = .everyone
    /// The cohort name or pair label, for those audiences.
    public var target: String?
    /// The pair roles reached.
    public var roles: [Role] = [.mentee, .mentor]
    /// The message; nil means each recipient's next step.
    public var body: String?

    /// Reads a request; the text after the first colon is the message. Without a colon the message starts at the
    /// first word that names no one ("to mentors please log", "please log your meetings": everyone), and a cohort
    /// or pair is named by one word — except in a request for the next step, which has no message of its own.
    public static func parse(_ text: String, language: String, localizer: Localizer)
        throws(BroadcastRequestError) -> BroadcastRequest
    {
        func words(_ name: String) -> [String] { localizer.words("words.broadcast.\(name)", language) }
        let colon = text.firstIndex(of: ":")
        var head = colon.map { String(text[..<$0]) } ?? text
        var message = colon.map { text[text.index(after: $0)...].trimmingCharacters(in: .whitespacesAndNewlines) }
        if colon == nil {
            let pieces = head.split(whereSeparator: \.isWhitespace)
            let start = messageStart(pieces.map { $0.lowercased() }, words)
            if start < pieces.count {
                message = head[pieces[start].startIndex...].trimmingCharacters(in: .whitespacesAndNewlines)
                head = String(head[..<pieces[start].startIndex])
            }
        }
        var request = BroadcastRequest()
        var nextStep = false
        var tokens = head.split(whereSeparator: \.isWhitespace).map(String.init)
        for phrase in words("next_step") {
            let parts = phrase.split(separator: " ").map(String.init)
            guard let start = tokens.indices.first(where: { index in
                index + parts.count <= tokens.count
                    && tokens[index..<(index + parts.count)].map { $0.lowercased() } == parts
            }) else { continue }
            tokens.removeSubrange(start..<(start + parts.count))
            nextStep = true
            break
        }
        var roles: Set<Role> = []
        var index = 0
        while index < tokens.count {
            let word = tokens[index].lowercased()
            index += 1
            if words("to").contains(word) || words("everyone").contains(word) || words("filler").contains(word) {
                continue
            }
            if words("mentors").contains(word) { roles.insert(.mentor); continue }
            if words("mentees").contains(word) { roles.insert(.mentee); continue }
            let isCohort = words("cohort").contains(word)
            guard isCohort || words("pair").contains(word) else {
                throw .unknownWords(tokens[(index - 1)...].joined(separator: " "))
            }
            guard request.target == nil else { throw .twoTargets }
            let rest = tokens[index...].prefix { token in
                let lower = token.lowercased()
                return !(words("mentors") + words("mentees") + words("to")).contains(lower)
            }
            guard !rest.isEmpty else { throw .missingName }
            request.audience = isCohort ? .cohort : .pair
            request.target = isCohort ? rest.joined(separator: " ") : rest.first
            index += isCohort ? rest.count : 1
        }
        if !roles.isEmpty { request.roles = Role.allCases.filter(roles.contains) }
        if let message, !message.isEmpty {
            request.body = message
        } else if !nextStep {
            throw .missingMessage
        }
        return request
    }

    /// Where the message of a request without a colon begins: at the first word that is no audience word and no
    /// cohort's or pair's name (the one word after "cohort", "pair"); the end for a request for the next step.
    private static func messageStart(_ words: [String], _ known: (String) -> [String]) -> Int {
        let nextStep = known("next_step").map { $0.split(separator: " ").map(String.init) }
        let audience = Set(known("to") + known("everyone") + known("mentors") + known("mentees"))
        let named = Set(known("cohort") + known("pair"))
        let filler = Set(known("filler"))
        let to = Set(known("to"))
        let whom = audience.subtracting(to).union(named)
        var index = 0
        while index < words.count {
            if nextStep.contains(where: { words[index...].starts(with: $0) }) { return words.count }
            // "message to mentees send your receipts": a word for the broadcast itself, before whom it is for ("a
            // reminder to log" is the message).
            let beforeWhom = words[(index + 1)...].first { !to.contains($0) }.map(whom.contains) ?? false
            if audience.contains(words[index]) || (filler.contains(words[index]) && beforeWhom) {
                index += 1
            } else if named.contains(words[index]) {
                index += 2
            } else {
                return index
            }
        }
        return words.count
    }
}
