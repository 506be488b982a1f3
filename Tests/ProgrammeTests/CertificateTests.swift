import Engine
import Foundation
import Store
import Testing
@testable import Programme

/// Certificates of satisfactory completion: made only when the template's completion rule is met (staff peers:
/// 4 meetings, the agenda form, an evaluation each), refused with what is missing otherwise, names escaped.
struct CertificateTests {
    let fixture: FacilitationFixture

    init() throws { fixture = try FacilitationFixture(pairs: 2) }

    func certificate(_ subject: String, templates: TemplateCatalog? = nil) throws(ReportError) -> Certificate {
        let database = fixture.database, templates = templates ?? fixture.templates, localizer = fixture.localizer
        do {
            return try database.read { connection in
                try Certificate.load(
                    subject: subject, programme: nil, now: FacilitationFixture.at("2026-05-04", 9),
                    templates: templates, localizer: localizer, connection: connection)
            }
        } catch let error as ReportError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    /// `meetings` meetings of 45 minutes logged by the mentee of p1 (and, for the first, by the mentor too).
    func record(meetings: Int, agenda: Bool, evaluations: [String]) throws {
        let mentee = try fixture.id("mentee1@example.org"), mentor = try fixture.id("mentor1@example.org")
        let programmeID = fixture.programme.id
        let evaluators = try evaluations.map { try fixture.id($0) }
        try fixture.database.write { connection in
            let pairID = try ProgrammeRepository(connection).enrolments(participantID: mentee).first?.pairID
            for day in 0..<meetings {
                for person in day == 0 ? [mentee, mentor] : [mentee] {
                    try LogEntryRepository(connection).insert(LogEntry(
                        participantID: person, programmeID: programmeID, pairID: pairID,
                        date: CalendarDate(iso: "2026-03-03")!.adding(days: day * 14), startTime: nil,
                        durationMinutes: 45, topics: ["budget"], nextSteps: nil), sourceMessageID: nil, now: 0)
                }
            }
            for person in agenda ? [mentee, mentor] : [] {
                try DocumentRepository(connection).insert(.init(
                    programmeID: programmeID, pairID: pairID, participantID: person, document: "agenda_form",
                    attachment: nil, answers: ["delivered"], submittedOn: CalendarDate(iso: "2026-03-04")!,
                    dueOn: nil), now: 0)
            }
            for person in evaluators {
                try EvaluationRepository(connection).insert(
                    .init(openPoints: "none", gained: "a lot", feedback: "good"), programmeID: programmeID,
                    pairID: pairID, participantID: person, now: 0)
            }
        }
    }

    @Test func aPairThatMetTheRuleGetsOneSheetEach() throws {
        try record(meetings: 4, agenda: true, evaluations: ["mentee1@example.org", "mentor1@example.org"])
        let certificate = try certificate("p1")
        #expect(certificate.holders.map(\.name) == ["Mentee 1", "Mentor 1"])
        #expect(certificate.holders.allSatisfy { $0.meetings == 4 && $0.minutes == 180 })
        #expect(certificate.issued.iso == "2026-05-04" && certificate.endDate.iso == "2026-04-26")
        let html = certificate.html(localizer: fixture.localizer)
        #expect(html.components(separatedBy: "<section class=\"sheet\"").count == 3)
        #expect(html.contains("@page{size:A4 portrait") && html.contains("break-after:page"))
    }

    @Test func eachSheetIsInItsHoldersLanguage() throws {
        try record(meetings: 4, agenda: true, evaluations: ["mentee1@example.org", "mentor1@example.org"])
        let html = try certificate("p1").html(localizer: fixture.localizer)
        let sheets: [String] = Array(html.components(separatedBy: "<section class=\"sheet\"").dropFirst())
        // Mentee 1 speaks Bulgarian, Mentor 1 Turkish (FacilitationFixture).
        #expect(sheets[0].hasPrefix(" lang=\"bg\"") && sheets[0].contains("Удостоверение за успешно завършване"))
        #expect(sheets[0].contains("записани срещи: 4, общо 3 ч"))
        #expect(sheets[1].hasPrefix(" lang=\"tr\"") && sheets[1].contains("Başarıyla Tamamlama Belgesi"))
        #expect(sheets[1].contains("4 görüşme kaydedildi, toplam 3 sa"))
    }

    @Test func anEnglishSheetSaysWhatWasDone() throws {
        let mentee = try fixture.id("mentee1@example.org")
        try fixture.database.write { connection in
            _ = try ParticipantRepository(connection).update(mentee, name: "Mentee 1", language: "en", timeZone: "UTC")
        }
        try record(meetings: 4, agenda: true, evaluations: ["mentee1@example.org"])
        let html = try certificate("mentee1@example.org").html(localizer: fixture.localizer)
        #expect(html.contains("<h1>Certificate of satisfactory completion</h1>"))
        #expect(html.contains("<li>4 meetings logged, 3 h in all</li>"))
        #expect(html.contains("<li>Agenda form delivered</li>"))
        #expect(html.contains("<li>Programme evaluation given</li>"))
        #expect(html.contains("Staff peer programme — Pilot") && html.contains("took part as mentee in"))
    }

    @Test func oneMemberByAddressGetsTheirOwnSheet() throws {
        try record(meetings: 4, agenda: true, evaluations: ["mentee1@example.org"])
        let certificate = try certificate("mentee1@example.org")
        #expect(certificate.holders.map(\.name) == ["Mentee 1"])
        #expect(certificate.holders.first?.role == .mentee)
    }

    @Test func anUnmetRuleIsRefusedWithWhatIsMissingForEachPerson() throws {
        try record(meetings: 2, agenda: false, evaluations: ["mentee1@example.org"])
        #expect(throws: ReportError.notComplete([
            "Mentee 1 (mentee): 2 of 4 meetings logged; Agenda form (agenda_form) not delivered",
            "Mentor 1 (mentor): 2 of 4 meetings logged; Agenda form (agenda_form) not delivered; no evaluation sent",
        ])) { try certificate("p1") }
    }

    @Test func onlyTheMemberWhoMissedSomethingIsListed() throws {
        try record(meetings: 4, agenda: true, evaluations: ["mentee1@example.org"])
        #expect(throws: ReportError.notComplete(["Mentor 1 (mentor): no evaluation sent"])) { try certificate("p1") }
    }

    @Test func namesAreEscaped() throws {
        let mentee = try fixture.id("mentee1@example.org")
        try fixture.database.write { connection in
            _ = try ParticipantRepository(connection).update(
                mentee, name: "Ana <script>alert(\"x\")</script> & Co", language: "en", timeZone: "UTC")
        }
        try record(meetings: 4, agenda: true, evaluations: ["mentee1@example.org"])
        let html = try certificate("mentee1@example.org").html(localizer: fixture.localizer)
        #expect(html.contains("Ana &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"))
        #expect(!html.contains("<script>"))
    }

    @Test func aTemplateWithoutARuleOffersNoCertificate() throws {
        var template = try #require(fixture.templates.template("staff_peers"))
        template.completion = nil
        #expect(throws: ReportError.noCompletionRule("staff_peers")) {
            try certificate("p1", templates: TemplateCatalog(templates: [template]))
        }
    }

    @Test func anUnknownSubjectIsNamed() {
        #expect(throws: ReportError.unknownSubject("p9")) { try certificate("p9") }
        #expect(throws: ReportError.notInPair("Fran")) { try certificate("fran@example.org") }
    }
}
