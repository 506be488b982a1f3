/// Why a report could not be made.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownPair(String)
    /// The label exists in several programmes (their names).
    case ambiguousPair(String, [String])
    case unknownProgramme(String)
    case store(String)

    public var description: String {
        switch self {
        case .unknownPair(let label): "no pair `\(label)`"
        case .ambiguousPair(let label, let programmes):
            "pair `\(label)` exists in several programmes (\(programmes.joined(separator: ", "))): give --programme"
        case .unknownProgramme(let name): "no programme `\(name)`"
        case .store(let message): message
        }
    }
}
