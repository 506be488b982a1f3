import Crypto
import Store
import Testing

@testable import Programme

/// Bank details sealed with a configured key: which key sealed each row, taking over rows sealed with the
/// database's own secret, and refusing to open rows with the wrong key.
struct BankDetailsKeyTests {
    var fixture: ExpenseFixture
    let configured = try! BankDetailsKey(configuredSecret: "test-data-key-0123456789-abcdefghijklmnop")
    var ana: Int64 { fixture.people["ana"] ?? 0 }
    var marco: Int64 { fixture.people["marco"] ?? 0 }

    init() throws {
        fixture = try ExpenseFixture()
    }

    private func save(_ iban: String, holder: String, for person: Int64, key: BankDetailsKey?) throws {
        try fixture.database.write { connection in
            try BankDetailsVault(connection, now: 1, key: key).save(
                BankDetails(holder: holder, iban: try IBAN(iban)), participantID: person)
        }
    }

    private func open(_ person: Int64, key: BankDetailsKey?) throws -> BankDetails? {
        try fixture.database.write { try BankDetailsVault($0, now: 2, key: key).open(participantID: person) }
    }

    private func keyIDs() throws -> [String] {
        try fixture.database.read { try $0.query("SELECT key_id FROM bank_details ORDER BY participant_id") }
            .map { $0.string("key_id") }
    }

    private func secrets() throws -> Int {
        try fixture.database.read { try $0.query("SELECT COUNT(*) AS n FROM secrets").first?.int("n") ?? -1 }
    }

    @Test func aShortSecretIsRefused() {
        #expect(throws: CryptoError.self) { try BankDetailsKey(configuredSecret: "too short") }
    }

    @Test func theKeyIDIsStableAndDoesNotRevealTheKey() throws {
        let again = try BankDetailsKey(configuredSecret: "test-data-key-0123456789-abcdefghijklmnop")
        let other = try BankDetailsKey(configuredSecret: "another-key-0123456789-abcdefghijklmnopq")
        #expect(again.id == configured.id && other.id != configured.id)
        #expect(configured.id.count == 16 && configured.id != BankDetailsKey.databaseKeyID)
        #expect(!Hex.encode(configured.bytes).contains(configured.id))
    }

    @Test func aConfiguredKeySealsAndNoDatabaseSecretIsCreated() throws {
        try save("BG80 BNBG 9661 1020 3456 78", holder: "Ana Petrova", for: ana, key: configured)
        #expect(try keyIDs() == [configured.id])
        #expect(try secrets() == 0)
        #expect(try open(ana, key: configured)?.iban.electronic == "BG80BNBG96611020345678")
    }

    @Test func rowsSealedWithTheConfiguredKeyDoNotOpenWithoutItOrWithAnother() throws {
        try save("BG80 BNBG 9661 1020 3456 78", holder: "Ana Petrova", for: ana, key: configured)
        let other = try BankDetailsKey(configuredSecret: "another-key-0123456789-abcdefghijklmnopq")
        #expect(throws: BankDetailsKeyError.keyMismatch(sealedWith: configured.id, configured: nil)) {
            try open(ana, key: nil)
        }
        #expect(throws: BankDetailsKeyError.keyMismatch(sealedWith: configured.id, configured: other.id)) {
            try open(ana, key: other)
        }
    }

    @Test func aConfiguredKeyTakesOverRowsSealedWithTheDatabaseSecret() throws {
        try save("BG80 BNBG 9661 1020 3456 78", holder: "Ana Petrova", for: ana, key: nil)
        try save("DE89 3704 0044 0532 0130 00", holder: "Marco Rossi", for: marco, key: nil)
        #expect(try keyIDs() == ["database", "database"] && secrets() == 1)
        let before = try fixture.database.read { try $0.query("SELECT iban_sealed FROM bank_details") }
            .map { $0.blob("iban_sealed") }

        let resealed = try fixture.database.write {
            try BankDetailsVault($0, now: 3, key: configured).resealWithConfiguredKey()
        }
        #expect(resealed == 2)
        #expect(try keyIDs() == [configured.id, configured.id])
        #expect(try secrets() == 0, "the database no longer holds what opens bank details")
        let after = try fixture.database.read { try $0.query("SELECT iban_sealed FROM bank_details") }
            .map { $0.blob("iban_sealed") }
        #expect(Set(after).isDisjoint(with: before))
        #expect(try open(ana, key: configured)?.holder == "Ana Petrova")
        #expect(try open(marco, key: configured)?.iban.electronic == "DE89370400440532013000")
        #expect(try fixture.database.write {
            try BankDetailsVault($0, now: 4, key: configured).resealWithConfiguredKey()
        } == 0)
    }

    @Test func rotatingMovesRowsFromThePreviousKeyToTheConfiguredOne() throws {
        let next = try BankDetailsKey(configuredSecret: "the-next-data-key-0123456789-abcdefghijklm")
        try save("BG80 BNBG 9661 1020 3456 78", holder: "Ana Petrova", for: ana, key: configured)
        try save("DE89 3704 0044 0532 0130 00", holder: "Marco Rossi", for: marco, key: configured)
        #expect(throws: BankDetailsKeyError.self) { try open(ana, key: next) }
        let rotated = try fixture.database.write { try BankDetailsVault($0, now: 3, key: next).rotate(from: configured) }
        #expect(rotated == 2)
        #expect(try keyIDs() == [next.id, next.id])
        #expect(try open(ana, key: next)?.holder == "Ana Petrova")
        #expect(try open(marco, key: next)?.iban.electronic == "DE89370400440532013000")
        #expect(throws: BankDetailsKeyError.self) { try open(ana, key: configured) }
        #expect(try fixture.database.write { try BankDetailsVault($0, now: 4, key: next).rotate(from: configured) } == 0)
        let wrong = try BankDetailsKey(configuredSecret: "not-the-previous-key-0123456789-abcdefghij")
        #expect(try fixture.database.write { try BankDetailsVault($0, now: 5, key: next).rotate(from: wrong) } == 0)
    }

    @Test func withoutAConfiguredKeyResealingDoesNothing() throws {
        try save("BG80 BNBG 9661 1020 3456 78", holder: "Ana Petrova", for: ana, key: nil)
        #expect(try fixture.database.write { try BankDetailsVault($0, now: 3).resealWithConfiguredKey() } == 0)
        #expect(try keyIDs() == ["database"] && secrets() == 1)
        #expect(try open(ana, key: nil)?.holder == "Ana Petrova")
    }

    @Test mutating func theFinanceExportOpensRowsWithTheConfiguredKey() throws {
        _ = try fixture.run(
            SaveBankDetails(key: configured), as: "ana", "iban",
            ["iban": .text("BG80 BNBG 9661 1020 3456 78"), "holder": .text("Ana Petrova")])
        _ = try fixture.run(DraftExpense(), as: "ana", "expense",
                            ExpenseFixture.claim("40.00 EUR", "travel", lost: "the machine printed nothing"))
        _ = try fixture.say("yes", as: "ana")
        let programme = try fixture.database.read { try $0.query("SELECT id FROM programmes").first?.int64("id") ?? 0 }
        let export = try fixture.database.write {
            try ExpenseExporter.export(programmeID: programme, connection: $0, now: 5, key: configured)
        }
        #expect(export.csv.contains("BG80BNBG96611020345678"))
        #expect(throws: BankDetailsKeyError.self) {
            try fixture.database.write { try ExpenseExporter.export(programmeID: programme, connection: $0, now: 5) }
        }
    }
}
