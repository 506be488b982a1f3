import Channels
import Testing

@Suite("KeyValueForm")
struct ReplyKeyValueFormTests {
    @Test func readsKeyValueLines() {
        let text = """
            Date: yesterday
            DURATION :  45 min
            Topics: visa rules, housing
            - Next   step: book the hall
            Started at 14:30 sharp.
            14:30 we met
            Notes: see https://example.org/notes
            https://example.org/a:b
            mailto:ana@example.org
            > quoted: line
            Empty:
            This key is far too long to be a key because it has many words: value
            Среща: в петък
            Görüşme tarihi: 20 Mart
            time: 14:30
            """
        let fields = KeyValueForm.fields(in: text)
        #expect(fields.map(\.key) == [
            "date", "duration", "topics", "next step", "notes", "среща", "görüşme tarihi", "time",
        ])
        #expect(fields.map(\.value) == [
            "yesterday", "45 min", "visa rules, housing", "book the hall", "see https://example.org/notes", "в петък",
            "20 Mart", "14:30",
        ])
    }

    @Test(arguments: ["", "no colon here", "12:00", "at 9:15 today", "http://example.org", ": value"])
    func ignoresLinesThatAreNotFields(line: String) {
        #expect(KeyValueForm.fields(in: line).isEmpty)
    }

    @Test func keyLimits() {
        #expect(KeyValueForm.fields(in: "one two three four: ok").count == 1)
        #expect(KeyValueForm.fields(in: "one two three four five: no").isEmpty)
        #expect(KeyValueForm.fields(in: String(repeating: "k", count: 41) + ": no").isEmpty)
        #expect(KeyValueForm.fields(in: String(repeating: "k", count: 40) + ": ok").count == 1)
    }
}
