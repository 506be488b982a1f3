/// Pair labels as people type them: in any case, with any dash or none ("sofia-porto" or "Sofia Porto" for
/// "Sofia–Porto"), with spaces or without.
public enum PairLabel {
    /// What two labels must share to be the same pair: their letters and digits, lower case.
    public static func key(_ label: String) -> String {
        String(label.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
