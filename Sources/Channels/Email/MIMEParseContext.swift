/// What one `MIMEParser.parse` call tracks across the whole message: the limits, the parts counted so far and
/// notes about things it had to guess.
struct MIMEParseContext {
    let limits: MIMELimits
    var partCount = 0
    var warnings: [String] = []

    init(limits: MIMELimits) {
        self.limits = limits
    }

    /// Counts one more body part, throwing when that exceeds `maxParts`.
    mutating func countPart() throws(MIMEError) {
        partCount += 1
        if partCount > limits.maxParts { throw .tooManyParts(limit: limits.maxParts) }
    }

    /// Records a note once.
    mutating func warn(_ note: String) {
        if !warnings.contains(note), warnings.count < 50 { warnings.append(note) }
    }
}
