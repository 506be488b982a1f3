import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// A kept membership is used until what it was read from changes (issue 17): renames, enrolments, pairs, a change
/// that was rolled back, and the pair members of someone enrolled twice in one pair.
final class MembershipCacheTests {
    let folder: URL
    let database: Database
    let templates: TemplateCatalog
    let cache = MembershipCache()
    let ana: Int64
    let marco: Int64

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tandem-memberships-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        var staff = ProgrammeTemplate(id: "staff_peers", file: "t")
        staff.roles = [.mentee, .mentor, .facilitator]
        templates = TemplateCatalog(templates: [staff])
        let rows = try EnrolmentCSV.parse("""
            name,role,pair,matrix_id,email,language
            Ana,mentee,p1,,ana@example.org,bg
            Marco,mentor,p1,,marco@example.org,en
            Cem,mentee,p2,,cem@example.org,tr
            """, languages: ["en", "bg", "tr"], roles: [.mentee, .mentor, .facilitator]).get()
        try database.write { [templates] connection in
            let importer = EnrolmentImporter(connection, templates: templates)
            let (programme, _) = try importer.programme(
                .init(name: "Pilot", template: "staff_peers", startDate: CalendarDate(iso: "2026-03-02")), now: 1)
            _ = try importer.apply(rows, to: programme, now: 1)
        }
        let find = { [database] (address: String) in
            try database.read { try ParticipantRepository($0).find(channel: .email, address: address)?.id } ?? 0
        }
        ana = try find("ana@example.org")
        marco = try find("marco@example.org")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func peers(of participant: Int64) throws -> [String] {
        try database.write { [cache, templates] connection in
            try cache.membership(participantID: participant, connection: connection, templates: templates)?
                .peers.map(\.name) ?? []
        }
    }

    @Test func keepsAMembershipWhileNothingItIsReadFromChanged() throws {
        #expect(try peers(of: ana) == ["Marco"])
        // Behind the version's back (its trigger gone), a rename is not seen: the kept membership is used.
        try database.write { connection in
            try connection.run("DROP TRIGGER membership_name_changed")
            try connection.run("UPDATE participants SET name = 'Marko' WHERE id = ?", [marco])
        }
        #expect(try peers(of: ana) == ["Marco"])
        // Any enrolment change gives the version a new value: loaded again, with the new name too.
        try database.write { connection in
            try connection.run("UPDATE enrolments SET supervisor_email = 'boss@example.org' WHERE participant_id = ?",
                               [marco])
        }
        #expect(try peers(of: ana) == ["Marko"])
    }

    @Test func aRenameAnEnrolmentOrAPairChangeIsSeenAtOnce() throws {
        #expect(try peers(of: ana) == ["Marco"])
        try database.write { try $0.run("UPDATE participants SET name = 'Marko' WHERE id = ?", [marco]) }
        #expect(try peers(of: ana) == ["Marko"])
        let cem = try database.read { try ParticipantRepository($0).find(channel: .email, address: "cem@example.org") }
        let pair = try database.read { try $0.query("SELECT pair_id FROM enrolments WHERE participant_id = ?", [ana]) }
            .first?.int64("pair_id")
        try database.write { try $0.run("UPDATE enrolments SET pair_id = ? WHERE participant_id = ?", [pair, cem?.id]) }
        #expect(try peers(of: ana).sorted() == ["Cem", "Marko"])
        try database.write { try $0.run("DELETE FROM enrolments WHERE participant_id = ?", [marco]) }
        #expect(try peers(of: ana) == ["Cem"])
    }

    @Test func whatARolledBackTransactionSawIsNotKept() throws {
        #expect(try peers(of: ana) == ["Marco"])
        struct Undo: Error {}
        #expect(throws: Undo.self) {
            try self.database.write { [cache, templates, ana, marco] connection in
                try connection.run("UPDATE enrolments SET pair_id = NULL WHERE participant_id = ?", [marco])
                let inside = try cache.membership(participantID: ana, connection: connection, templates: templates)
                #expect(inside?.peers.isEmpty == true)
                throw Undo()
            }
        }
        #expect(try peers(of: ana) == ["Marco"])
    }

    @Test func someoneInOnePairTwiceSeesEachMemberOnce() throws {
        try database.write { [ana, marco] connection in
            let programmes = ProgrammeRepository(connection)
            let mine = try programmes.enrolments(participantID: marco)[0]
            try programmes.enrol(
                participantID: marco, programmeID: mine.programme.id, role: "facilitator", pairID: mine.pairID,
                cohortID: nil, supervisorEmail: nil, guardianConsent: false, now: 2)
            let members = try programmes.pairMembers(of: marco, programmeID: mine.programme.id)
            #expect(members.map(\.participantID) == [ana])
        }
    }
}
