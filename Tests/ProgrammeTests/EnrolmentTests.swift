import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// Enrolment from CSV: validation with line numbers, nothing half-applied, re-import changes nothing.
struct EnrolmentTests {
    static let languages: Set<String> = ["en", "bg", "tr"]
    let database: Database
    let templates: TemplateCatalog

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-enrol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        var staff = ProgrammeTemplate(id: "staff_peers", file: "t")
        staff.roles = [.mentee, .mentor, .facilitator]
        staff.lengthDays = 56
        templates = TemplateCatalog(templates: [staff])
    }

    let good = """
        name,role,pair,cohort,matrix_id,email,language,supervisor_email,guardian_consent
        Ana,mentee,p1,Sofia,@ana:example.org,ana@example.org,bg,boss@uni.example.org,
        "Silva, Marco",mentor,p1,Sofia,,marco@example.org,en,,
        Fran,facilitator,,Sofia,@fran:example.org,,tr,,
        """

    func parse(_ text: String) -> Result<[EnrolmentRow], EnrolmentFailure> {
        EnrolmentCSV.parse(text, languages: Self.languages, roles: [.mentee, .mentor, .facilitator])
    }

    func importCSV(_ text: String) throws -> EnrolmentImporter.Summary {
        let rows = try parse(text).get()
        return try database.write { connection in
            let importer = EnrolmentImporter(connection, templates: templates)
            let (programme, _) = try importer.programme(
                .init(name: "Pilot", template: "staff_peers", startDate: CalendarDate(iso: "2026-03-02")), now: 1)
            return try importer.apply(rows, to: programme, now: 1)
        }
    }

    func count(_ table: String) throws -> Int {
        try database.read { try $0.query("SELECT COUNT(*) AS n FROM \(table)").first?.int("n") ?? 0 }
    }

    @Test func aGoodFileParsesWithQuotedFields() throws {
        let rows = try parse(good).get()
        #expect(rows.map(\.name) == ["Ana", "Silva, Marco", "Fran"])
        #expect(rows[0].role == .mentee && rows[0].pair == "p1" && rows[0].language == "bg")
        #expect(rows[1].matrixID == nil && rows[1].email == "marco@example.org")
    }

    @Test(arguments: [
        ("Bo,mentee,,,,bo@example.org,en,,", "a mentee needs a `pair`"),
        ("Bo,pilot,p1,,,bo@example.org,en,,", "`role` must be one of"),
        ("Bo,mentee,p1,,,,en,,", "needs a `matrix_id` or an `email`"),
        ("Bo,mentee,p1,,bo,,en,,", "`matrix_id` must look like @name:server"),
        ("Bo,mentee,p1,,,bo@,en,,", "`email` is not an email address"),
        ("Bo,mentee,p1,,,bo@example.org,fr,,", "`language` must be one of"),
        ("Bo,mentee,p1,,,bo@example.org,en,,maybe", "`guardian_consent` must be yes or no"),
        ("Bo,facilitator,p1,,,bo@example.org,en,,", "a facilitator is not part of a pair"),
        (",mentee,p1,,,bo@example.org,en,,", "`name` is empty"),
        ("Bo,mentee,p1", "expected 9 fields, found 3"),
    ])
    func aBadRowIsNamedByItsLine(_ row: String, _ message: String) {
        let text = "name,role,pair,cohort,matrix_id,email,language,supervisor_email,guardian_consent\n"
            + "Ok,mentor,p1,,,ok@example.org,en,,\n" + row + "\n"
        guard case .failure(let failure) = parse(text) else { return #expect(Bool(false), "expected a failure") }
        #expect(failure.errors.count == 1)
        #expect(failure.errors.first?.line == 3)
        #expect(failure.errors.first?.message.contains(message) == true, "\(failure)")
    }

    @Test func unknownColumnsAndUnclosedQuotesAreRefused() {
        #expect(throws: EnrolmentFailure.self) { try parse("name,role,shoe\nA,mentee,42\n").get() }
        #expect(throws: EnrolmentFailure.self) { try parse("name,role\n\"A,mentee\n").get() }
    }

    @Test func theSameAddressForTwoPeopleIsRefused() {
        let text = "name,role,pair,email\nA,mentee,p1,x@example.org\nB,mentor,p1,x@example.org\n"
        guard case .failure(let failure) = parse(text) else { return #expect(Bool(false)) }
        #expect(failure.errors.first?.line == 3)
    }

    @Test(arguments: ["K7P-2QX", "k7p-2qx", "K7P2QX", "k7p 2qx", " K7P - 2QX "])
    func aJoinCodeIsReadInAnyCaseWithOrWithoutItsDash(_ typed: String) throws {
        let found = try database.write { connection in
            _ = try ProgrammeRepository(connection).create(
                name: "Pilot", template: "staff_peers", startDate: "2026-03-02", timeZone: "UTC", joinCode: "K7P-2QX",
                now: 1)
            return try ProgrammeRepository(connection).programme(joinCode: typed)?.name
        }
        #expect(found == "Pilot")
    }

    @Test func aWrongJoinCodeFindsNothing() throws {
        let found = try database.write { connection in
            _ = try ProgrammeRepository(connection).create(
                name: "Pilot", template: "staff_peers", startDate: "2026-03-02", timeZone: "UTC", joinCode: "K7P-2QX",
                now: 1)
            return try ProgrammeRepository(connection).programme(joinCode: "K7P-2QY")
        }
        #expect(found == nil)
    }

    @Test(arguments: ["Sofia–Porto", "sofia-porto", "SOFIA PORTO", "Sofia — Porto", "sofia‐porto"])
    func pairLabelsMatchInAnyCaseWithAnyDash(_ typed: String) {
        #expect(PairLabel.key(typed) == PairLabel.key("Sofia–Porto"))
        #expect(PairLabel.key(typed) != PairLabel.key("Sofia–Plovdiv"))
    }

    @Test func importCreatesPeoplePairsAndRoles() throws {
        let summary = try importCSV(good)
        #expect(summary.participantsCreated == 3)
        #expect(try count("participants") == 3)
        #expect(try count("pairs") == 1)
        #expect(try count("enrolments") == 3)
        #expect(try count("addresses") == 4)
    }

    @Test func reimportingTheSameFileChangesNothing() throws {
        _ = try importCSV(good)
        let snapshot = try database.read { connection in
            try ["participants", "addresses", "pairs", "cohorts", "enrolments"].map { table in
                try connection.query("SELECT * FROM \(table) ORDER BY 1").map { row in "\(row.values)" }
            }
        }
        let again = try importCSV(good)
        #expect(again == EnrolmentImporter.Summary())
        let after = try database.read { connection in
            try ["participants", "addresses", "pairs", "cohorts", "enrolments"].map { table in
                try connection.query("SELECT * FROM \(table) ORDER BY 1").map { row in "\(row.values)" }
            }
        }
        #expect(after == snapshot)
    }

    @Test func aMentorWithTwoMenteesIsInTwoPairs() throws {
        _ = try importCSV(good + "\nCem,mentee,p2,,,cem@example.org,tr,,\n\"Silva, Marco\",mentor,p2,,,marco@example.org,en,,\n")
        let marco = try database.read { try ParticipantRepository($0).find(channel: .email, address: "marco@example.org") }
        let membership = try database.read { connection in
            try Membership.load(participantID: marco?.id ?? 0, connection: connection, templates: templates)
        }
        #expect(Set(membership?.peers.map(\.name) ?? []) == ["Ana", "Cem"])
        #expect(membership?.pairIDs.count == 2)
    }

    @Test func aRowThatCannotApplyRollsBackTheWholeFile() throws {
        _ = try importCSV(good)
        // Ana's Matrix ID with Marco's email: two different people on one line.
        let clash = "name,role,pair,matrix_id,email\nNew,mentee,p9,,new@example.org\nX,mentee,p3,@ana:example.org,marco@example.org\n"
        #expect(throws: EnrolmentFailure.self) { _ = try importCSV(clash) }
        #expect(try database.read { try ParticipantRepository($0).find(channel: .email, address: "new@example.org") } == nil)
    }
}
