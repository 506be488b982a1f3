/// What the disclosure detector found in a message: the kind of signal (`abuse`, `self_harm`, …), the language of
/// the file it is written in, and where (for `tandem dialogs check` and for a safeguarding lead tuning the lists).
public struct Disclosure: Sendable, Hashable {
    public let kind: String
    public let language: String
    public let file: String
    public let line: Int

    public init(kind: String, language: String, file: String, line: Int) {
        self.kind = kind
        self.language = language
        self.file = file
        self.line = line
    }
}
