/// Why a report could not be made.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownPair(String)
    /// The label exists in several programmes (their names).
    case ambiguousPair(String, [String])
    case unknownProgramme(String)
    /// No participant with this address and no pair with this label.
    case unknownSubject(String)
    /// The participant is not a mentee or mentor of a pair (in that programme).
    case notInPair(String)
    /// The programme's template (its id) has no `completion:` rule, so it offers no certificate.
    case noCompletionRule(String)
    /// The completion rule is not met: for each person concerned, what is missing.
    case notComplete([String])
    case store(String)

    public var description: String {
        switch self {
        case .unknownPair(let label): "no pair `\(label)`"
        case .ambiguousPair(let label, let programmes):
            "pair `\(label)` exists in several programmes (\(programmes.joined(separator: ", "))): give --programme"
        case .unknownProgramme(let name): "no programme `\(name)`"
        case .unknownSubject(let text): "no participant with the address `\(text)` and no pair `\(text)`"
        case .notInPair(let name): "\(name) is not a mentee or mentor of a pair"
        case .noCompletionRule(let template): "template `\(template)` has no `completion:` rule, so no certificate"
        case .notComplete(let lines):
            (["not complete yet, so no certificate:"] + lines.map { "  " + $0 }).joined(separator: "\n")
        case .store(let message): message
        }
    }
}
