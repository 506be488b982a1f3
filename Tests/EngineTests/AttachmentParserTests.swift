import Testing
@testable import Engine

/// Channels fill attachment slots with the files themselves; typed text never is one.
struct AttachmentParserTests {
    @Test(arguments: [
        "", " ", "receipt.jpg", "photo", "https://example.org/receipt.pdf", "🙂", "\0", TestLexicon.huge,
        TestLexicon.zalgo, "снимка", "fotoğraf", "yes", "1", "skip",
    ])
    func textIsNeverAnAttachment(input: String) {
        for lexicon in [TestLexicon.english, TestLexicon.bulgarian, TestLexicon.turkish] {
            let result = SlotParser.parse(input, as: .attachment, in: TestLexicon.context(lexicon))
            #expect(result.errorKey == "error.attachment.missing")
        }
    }
}
