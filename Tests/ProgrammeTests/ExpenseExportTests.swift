import Crypto
import Engine
import Foundation
import Store
import Testing

@testable import Programme

/// The finance export of 3 claims, read back with Python's `csv` module: exact amounts, IBAN, identical files.
struct ExpenseExportTests {
    @Test func threeClaimsExportWithExactAmountsAndIdenticalReceipts() throws {
        var fixture = try ExpenseFixture()
        _ = try fixture.run(
            SaveBankDetails(), as: "ana", "iban",
            [
                "iban": .text("BG80 BNBG 9661 1020 3456 78"), "holder": .text("=Ana, \"Petrova\""),
            ])
        _ = try fixture.run(
            SaveBankDetails(), as: "marco", "iban",
            [
                "iban": .text("PT50 0002 0123 1234 5678 9015 4"), "holder": .text("Marco Silva"),
            ])
        let files = [
            try fixture.file(Array("%PDF-1.4 train\n\u{0}\u{1}".utf8), name: "train.pdf"),
            try fixture.file([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], name: "dinner.jpg", type: "image/jpeg"),
            try fixture.file([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], name: "taxi.png", type: "image/png"),
        ]
        for (person, amount, category, file) in [
            ("ana", "250.00 BGN", "travel", files[0]), ("marco", "180.00 EUR", "food", files[1]),
            ("marco", "33.33 EUR", "transport", files[2]),
        ] {
            _ = try fixture.run(DraftExpense(), as: person, "", ExpenseFixture.claim(amount, category, files: [file]))
            _ = try fixture.say("yes", as: person)
        }
        _ = try fixture.say("approve 2", as: "georgi")
        let export = try fixture.database.write { try ExpenseExporter.export(programmeID: 1, connection: $0, now: 0) }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(export.csv.utf8).write(to: folder.appendingPathComponent("claims.csv"))
        for (name, bytes) in export.files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        let script = """
            import csv, hashlib, json, os, sys
            folder = sys.argv[1]
            with open(os.path.join(folder, "claims.csv"), newline="", encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
            out = [[r["claim"], r["amount"], r["currency"], r["converted_amount"], r["status"], r["iban"],
                    r["account_holder"], r["decision_date"] != "",
                    hashlib.sha256(open(os.path.join(folder, r["receipt_files"]), "rb").read()).hexdigest()]
                   for r in rows]
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Any]])
        #expect(rows.count == 3)
        let text = rows.map { $0.map { "\($0)" } }
        #expect(
            text[0].prefix(7) == [
                "1", "250.00", "BGN", "127.82", "submitted", "BG80BNBG96611020345678",
                "'=Ana, \"Petrova\"",
            ])
        #expect(
            text[1].prefix(8) == [
                "2", "180.00", "EUR", "180.00", "approved", "PT50000201231234567890154",
                "Marco Silva", "1",
            ])
        #expect(text[2].prefix(4) == ["3", "33.33", "EUR", "33.33"])
        #expect(text.map { $0[8] } == files.map(\.id))
    }
}
