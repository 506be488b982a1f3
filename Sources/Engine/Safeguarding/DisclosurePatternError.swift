/// A pattern or list entry that cannot be read.
struct DisclosurePatternError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
