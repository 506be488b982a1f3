extension DialogCatalog {
    /// The longest an unfinished flow can wait, in minutes: the longest `expires:` of any flow, or
    /// `defaultMinutes` (the engine's default) when that is longer. Files a flow took are kept at least this long.
    public func longestFlowMinutes(defaultMinutes: Int) -> Int {
        max(defaultMinutes, flows.compactMap(\.expiresAfterMinutes).max() ?? 0)
    }
}
