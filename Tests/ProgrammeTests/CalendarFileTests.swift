import Engine
import Store
import Testing
@testable import Programme

/// The agenda's calendar file (RFC 5545), read back with `ICalendarReader`: its frame, times and zone, escaping,
/// folding, UIDs and SEQUENCE across revisions, and the files queued when an agenda is saved.
struct CalendarFileTests {
    let fixture: RecordsFixture

    init() throws { fixture = try RecordsFixture() }

    static func agenda(
        sessions: Int = 4, first: String = "2026-03-16", time: (Int, Int) = (14, 0), topics: [String] = ["onboarding"],
        notes: String = "Online"
    ) -> [String: SlotValue] {
        [
            "sessions": .integer(sessions), "frequency": .choice("every_two_weeks"),
            "first_date": .date(CalendarDate(iso: first)!), "time": .time(ClockTime(hour: time.0, minute: time.1)!),
            "topics": .list(topics), "notes": .text(notes),
        ]
    }

    /// Saves the agendas in order as Ana, then reads the file of all revisions back.
    func calendar(
        _ agendas: [[String: SlotValue]], zone: String = "Europe/Sofia", minutes: Int = 90,
        description: String = "Pilot"
    ) throws -> ICalendarReader.Component {
        let calendar = AgendaCalendar(
            revisions: try saved(agendas), timeZone: zone, sessionMinutes: minutes, now: RecordsFixture.now)
        let bytes = calendar.render(summary: { "Session \($0) of \($1)" }, description: description)
        return try ICalendarReader.parse(bytes)
    }

    @Test func theFileIsAPublishedCalendarWithOneEventPerSession() throws {
        let file = try calendar([Self.agenda()])
        #expect(file.name == "VCALENDAR")
        #expect(file.property("VERSION")?.value == "2.0")
        #expect(file.property("PRODID")?.value.isEmpty == false)
        #expect(file.property("CALSCALE")?.value == "GREGORIAN")
        #expect(file.property("METHOD")?.value == "PUBLISH")
        let events = file.components("VEVENT")
        #expect(events.map { $0.property("SUMMARY")?.text } == (1...4).map { "Session \($0) of 4" })
        #expect(events.allSatisfy { $0.property("STATUS")?.value == "CONFIRMED" })
        #expect(events.allSatisfy { $0.property("DTSTAMP")?.value == "20260314T100000Z" })
    }

    @Test func sessionTimesNameTheProgrammeZoneThatTheVTimezoneDescribes() throws {
        let file = try calendar([Self.agenda()])
        let zone = try #require(file.components("VTIMEZONE").first)
        #expect(file.components("VTIMEZONE").count == 1)
        #expect(zone.property("TZID")?.value == "Europe/Sofia")
        let event = try #require(file.components("VEVENT").first)
        let start = try #require(event.property("DTSTART"))
        let end = try #require(event.property("DTEND"))
        #expect(start.parameters["TZID"] == "Europe/Sofia" && end.parameters["TZID"] == "Europe/Sofia")
        #expect(start.value == "20260316T140000")
        #expect(end.value == "20260316T153000")
        for event in file.components("VEVENT") {
            let (start, end) = (event.property("DTSTART")?.value ?? "", event.property("DTEND")?.value ?? "")
            #expect(end > start, "DTEND \(end) after DTSTART \(start)")
        }
        // Winter time when the year begins, summer time from 29 March 03:00, winter again from 25 October 04:00.
        let observances = zone.components.map {
            [$0.name, $0.property("DTSTART")?.value, $0.property("TZOFFSETFROM")?.value,
             $0.property("TZOFFSETTO")?.value]
        }
        #expect(observances == [
            ["STANDARD", "20251231T020000", "+0200", "+0200"],
            ["DAYLIGHT", "20260329T030000", "+0200", "+0300"],
            ["STANDARD", "20261025T040000", "+0300", "+0200"],
        ])
    }

    @Test func aSessionAcrossTheSpringChangeEndsAfterItsRealLength() throws {
        // 02:30 winter time + 90 minutes = 05:00 summer time (the clocks skip 03:00–04:00).
        let file = try calendar([Self.agenda(sessions: 1, first: "2026-03-29", time: (2, 30))])
        let event = try #require(file.components("VEVENT").first)
        #expect(event.property("DTSTART")?.value == "20260329T023000")
        #expect(event.property("DTEND")?.value == "20260329T050000")
    }

    @Test func textIsEscapedAndReadsBackUnchanged() throws {
        let description = "Room 4.12; bring a laptop, a charger\\adapter\nand the budget sheet"
        let file = try calendar([Self.agenda()], description: description)
        let property = try #require(file.components("VEVENT").first?.property("DESCRIPTION"))
        #expect(property.value == #"Room 4.12\; bring a laptop\, a charger\\adapter\nand the budget sheet"#)
        #expect(property.text == description)
    }

    @Test func longBulgarianAndTurkishTextIsFoldedWithoutSplittingACharacter() throws {
        let description = "Стипендии и мобилност на преподавателите: правила, срокове, документи и бюджет — "
            + "Öğretim üyesi değişimi: çalışma ziyareti, ağ kurma, ölçme ve değerlendirme, şeffaflık ilkeleri ğüşiöç"
        let bytes = AgendaCalendar(
            revisions: try saved([Self.agenda()]), timeZone: "Europe/Istanbul", sessionMinutes: 60,
            now: RecordsFixture.now
        ).render(summary: { "Менторска среща \($0) от \($1) — görüşme" }, description: description)
        let file = try ICalendarReader.parse(bytes)  // checks ≤ 75 octets and UTF-8 on every physical line
        #expect(file.components("VEVENT").first?.property("DESCRIPTION")?.text == description)
        #expect(file.components("VEVENT").first?.property("SUMMARY")?.text == "Менторска среща 1 от 4 — görüşme")
        let continuations = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n ").count - 1
        #expect(continuations >= 4 * 2, "every event's description is folded")
    }

    @Test func foldingStartsAfterTheSeventyFifthOctet() {
        let exact = String(repeating: "a", count: 75)
        #expect(ICalendarFormat.folded(exact) == Array((exact + "\r\n").utf8))
        #expect(ICalendarFormat.folded(exact + "b") == Array((exact + "\r\n b\r\n").utf8))
        // A two-octet character that would end at octet 76 moves whole to the next line.
        let cyrillic = String(repeating: "a", count: 74) + "ж"
        #expect(ICalendarFormat.folded(cyrillic) == Array((String(repeating: "a", count: 74) + "\r\n ж\r\n").utf8))
    }

    @Test func uidsStayAcrossRevisionsAndSequenceCountsTheRevisionsThatChangedAnEvent() throws {
        let file = try calendar([Self.agenda(), Self.agenda(), Self.agenda(sessions: 2)])
        let events = file.components("VEVENT")
        #expect(events.map { $0.property("UID")?.value } == (1...4).map { "agenda-\(fixture.pairA)-\($0)@tandem" })
        // Revision 2 repeated revision 1; revision 3 kept two sessions ("of 2" now) and dropped the other two.
        #expect(events.map { $0.property("SEQUENCE")?.value } == ["1", "1", "1", "1"])
        #expect(events.map { $0.property("STATUS")?.value } == ["CONFIRMED", "CONFIRMED", "CANCELLED", "CANCELLED"])
        #expect(events.map { $0.property("SUMMARY")?.text }
            == ["Session 1 of 2", "Session 2 of 2", "Session 3 of 4", "Session 4 of 4"])
        #expect(events[3].property("DTSTART")?.value == "20260427T140000", "a cancelled event keeps its last time")
    }

    @Test func anUnchangedRevisionKeepsSequenceZero() throws {
        let file = try calendar([Self.agenda(), Self.agenda()])
        #expect(file.components("VEVENT").map { $0.property("SEQUENCE")?.value } == ["0", "0", "0", "0"])
    }

    @Test func anUnknownZoneIsWrittenAsUTC() throws {
        let file = try calendar([Self.agenda(sessions: 1)], zone: "Mars/Olympus_Mons")
        #expect(file.components("VTIMEZONE").first?.property("TZID")?.value == "UTC")
        #expect(file.components("VEVENT").first?.property("DTSTART")?.parameters["TZID"] == "UTC")
    }

    @Test func savingAnAgendaQueuesEachMemberTheFileInTheirWords() throws {
        _ = try fixture.run(SaveAgenda(), as: fixture.ana, Self.agenda())
        for (address, peer) in [("ana@example.org", "Marco"), ("marco@example.org", "Ana")] {
            let files = try fixture.read { connection in
                let outbox = OutboxRepository(connection)
                return try outbox.queued(channel: .email, address: address).flatMap {
                    try outbox.attachments(outboxID: $0.id)
                }
            }
            let file = try #require(files.first)
            #expect(files.count == 1)
            #expect(file.file.filename == "mentoring-sessions.ics")
            #expect(file.file.mediaType == "text/calendar; charset=utf-8; method=PUBLISH")
            #expect(file.contentURI == nil)
            let calendar = try ICalendarReader.parse(file.file.bytes)
            let events = calendar.components("VEVENT")
            #expect(events.count == 4)
            #expect(events.first?.property("SUMMARY")?.text == "Mentoring session 1 of 4 with \(peer)")
            #expect(events.first?.property("DESCRIPTION")?.text
                == "Pilot\nTopics: onboarding\nAdditional information: Online")
            #expect(events.first?.property("DTSTART")?.parameters["TZID"] == "UTC", "the fixture programme is in UTC")
        }
        _ = try fixture.run(ConfirmAgenda(), as: fixture.marco)
        #expect(try fixture.outbox("boss@city-a.example.org").count == 1, "the supervisor gets the form, no file")
    }

    @Test func aMemberWithoutAPeerYetGetsSummariesThatNameNobody() throws {
        try fixture.database.write { try $0.run("DELETE FROM enrolments WHERE participant_id = ?", [fixture.marco]) }
        _ = try fixture.run(SaveAgenda(), as: fixture.ana, Self.agenda(sessions: 1))
        let file = try #require(try fixture.read { connection in
            let outbox = OutboxRepository(connection)
            return try outbox.queued(channel: .email, address: "ana@example.org").flatMap {
                try outbox.attachments(outboxID: $0.id)
            }.first
        })
        let summary = try ICalendarReader.parse(file.file.bytes).components("VEVENT").first?.property("SUMMARY")?.text
        #expect(summary == "Mentoring session 1 of 1")
    }

    @Test func erasingAMemberDeletesTheFilesSentToThemAndKeepsThePeers() throws {
        _ = try fixture.run(SaveAgenda(), as: fixture.ana, Self.agenda())
        try fixture.database.write { connection in
            try connection.run("UPDATE outbox SET status = 'sent', sent_at = 1")
            try ErasureRepository(connection).erase(participantID: fixture.ana, decidedBy: fixture.marco, now: 2)
        }
        let files = try fixture.read { connection in
            try connection.query("""
                SELECT o.address FROM outbox_attachments AS a JOIN outbox AS o ON o.id = a.outbox_id ORDER BY o.id
                """).map { $0.string("address") }
        }
        #expect(files == ["marco@example.org"])
    }

    private func saved(_ agendas: [[String: SlotValue]]) throws -> [AgendaRepository.Agenda] {
        for slots in agendas { _ = try fixture.run(SaveAgenda(), as: fixture.ana, slots) }
        return try fixture.read { try AgendaRepository($0).revisions(pairID: fixture.pairA) }
    }
}
