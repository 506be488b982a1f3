import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// Guardian consent for the whole pair (a school programme): Marco mentors Ana, whose consent is not recorded, and
/// Bo, whose consent is. Nothing Marco does involves Ana; Ana is told once what consent is and who records it, and
/// cannot join her own programme again in another role.
struct ConsentGateTests {
    let fixture: RecordsFixture
    let programmeID: Int64

    init() throws {
        fixture = try RecordsFixture(consentRequired: true)
        programmeID = try fixture.read { try ProgrammeRepository($0).programme(named: "Pilot")!.id }
        try fixture.database.write { connection in
            // Marco mentors pair B too (instead of Cy); Ana has no guardian's consent; Cora coordinates.
            try connection.run(
                "UPDATE enrolments SET participant_id = ? WHERE participant_id = ?", [fixture.marco, fixture.cy])
            try connection.run("UPDATE enrolments SET guardian_consent = 0 WHERE participant_id = ?", [fixture.ana])
            let cora = try ParticipantRepository(connection).create(
                name: "Cora", language: "en", timeZone: "UTC", channel: .email, address: "cora@example.org", now: 1)
            try ProgrammeRepository(connection).enrol(
                participantID: cora.id, programmeID: programmeID, role: "coordinator", pairID: nil, cohortID: nil,
                supervisorEmail: nil, guardianConsent: false, now: 1)
        }
    }

    func membership(_ participantID: Int64) throws -> Membership {
        try #require(try fixture.read { connection in
            try Membership.load(participantID: participantID, connection: connection, templates: fixture.templates)
        })
    }

    @Test func thePupilWithoutConsentHasNoRoleToUseAndIsNoNewcomer() throws {
        let ana = try membership(fixture.ana)
        #expect(ana.awaitsOwnConsent)
        #expect(ana.activeRoles.isEmpty && ana.heldRoles == ["mentee"])
        #expect(ana.pairIDs.isEmpty && ana.peers.isEmpty)
        #expect(ana.peersAwaitingConsent.map(\.name) == ["Marco"])
    }

    @Test func theMentorKeepsOnlyThePairWithConsent() throws {
        let marco = try membership(fixture.marco)
        #expect(marco.activeRoles == ["mentor"] && marco.heldRoles.isEmpty)
        #expect(marco.pairIDs == [fixture.pairB])
        #expect(marco.peers.map(\.name) == ["Bo"])
        #expect(marco.pairsAwaitingConsent == [fixture.pairA])
    }

    @Test func aMeetingTheMentorLogsGoesToThePairWithConsentAndThePupilHearsNothing() throws {
        _ = try fixture.run(SaveLogEntry(), as: fixture.marco, [
            "date": .date(RecordsFixture.today), "duration": .duration(minutes: 45), "topics": .list(["maths"]),
        ])
        #expect(try fixture.read { try LogEntryRepository($0).count(pairID: fixture.pairA) } == 0)
        #expect(try fixture.read { try LogEntryRepository($0).count(pairID: fixture.pairB) } == 1)
        #expect(try fixture.outbox("ana@example.org").isEmpty)
        #expect(try fixture.outbox("bo@example.org").first?.hasPrefix("Marco logged a meeting") == true)
    }

    @Test func thePupilIsToldOnceWhatConsentIsAndWhoRecordsIt() throws {
        func explanation(_ participantID: Int64) throws -> String? {
            let membership = try membership(participantID)
            return try fixture.database.write { connection in
                try ConsentGate(membership: membership, connection: connection, localizer: fixture.localizer,
                                language: "en").explanationDue(now: 5)
            }
        }
        let first = try #require(try explanation(fixture.ana))
        #expect(first.contains("That is called consent. Cora records it"))
        #expect(try explanation(fixture.ana) == nil)
        #expect(try explanation(fixture.marco) == nil)
    }

    @Test func whatWaitsSaysWhoRecordsConsent() throws {
        let membership = try membership(fixture.ana)
        let ana = try fixture.read { connection in
            try ConsentGate(membership: membership, connection: connection, localizer: fixture.localizer,
                            language: "en").heldNotice()
        }
        #expect(ana == "That has to wait until your parent's or guardian's consent is recorded (Cora records it). "
            + "Until then you can say \"what's next\", \"concern\" or \"my data\".")
        let status = try fixture.run(ShowStatus(), as: fixture.ana).joined()
        #expect(status.contains("Cora records it") && !status.contains("Now:"))
    }

    @Test func nobodyEnrolledInAProgrammeJoinsItAgainInAnotherRole() throws {
        let reply = try fixture.run(
            JoinProgramme(), as: fixture.ana, ["code": .text("abc-123"), "role": .choice("mentor")])
        #expect(reply == ["You are already in Pilot (as mentee), so you can't join it again."])
        #expect(try fixture.read { try ProgrammeRepository($0).enrolments(participantID: fixture.ana) }.map(\.role)
            == ["mentee"])
    }
}
