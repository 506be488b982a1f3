import Programme
import Testing

/// Every CSV Tandem writes goes through `CSVTable`: RFC 4180 quoting and, in that one place, the guard against
/// spreadsheet formulas.
struct CSVTableTests {
    @Test(arguments: ["=1+2", "+359 88 123", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
    func aFieldThatASpreadsheetWouldRunIsWrittenAsText(value: String) {
        #expect(CSVTable.field(value).hasPrefix("'") || CSVTable.field(value).hasPrefix("\"'"))
    }

    @Test func ordinaryFieldsAreLeftAlone() {
        let fields = ["2026-03-03", "45", "visa rules", "a'b", "<5"]
        #expect(fields.map(CSVTable.field) == fields)
    }

    @Test func commasQuotesAndLineBreaksAreQuoted() {
        var table = CSVTable(header: ["a", "b"])
        table.append(["x, y", "say \"hi\"\nbye"])
        #expect(table.text == "a,b\r\n\"x, y\",\"say \"\"hi\"\"\nbye\"\r\n")
    }

    @Test func aGuardedFieldIsQuotedWhenItNeedsIt() {
        #expect(CSVTable.field("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
    }
}
