/// Why a broadcast request could not be read; each case names the text that explains it.
public enum BroadcastRequestError: Error, Sendable, Hashable {
    /// Neither "next step" nor a message after a colon.
    case missingMessage
    /// "cohort" or "pair" without a name after it.
    case missingName
    /// Both a cohort and a pair, or two of either.
    case twoTargets
    /// Words that are not part of the request language.
    case unknownWords(String)

    /// The locale key of the explanation.
    public var key: String {
        switch self {
        case .missingMessage: "broadcast.error.missing_message"
        case .missingName: "broadcast.error.missing_name"
        case .twoTargets: "broadcast.error.two_targets"
        case .unknownWords: "broadcast.error.unknown_words"
        }
    }

    /// Arguments of the explanation.
    public var arguments: [String: String] {
        if case .unknownWords(let words) = self { return ["words": words] }
        return [:]
    }
}
