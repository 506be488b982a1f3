import Engine
import Store

/// The scheduler's reminders for one programme, inside the caller's transaction:
/// - `quiet`: a pair that has not logged a meeting for longer than the template's rhythm — each member, once per
///   quiet period (the period is named by the last meeting's date, so a new meeting starts a new one);
/// - `deadline`: a template document due within `leadDays` (or overdue) and not submitted — its owner, once;
/// - `deadline_late`: the same document after its due date — the pair's facilitators, once per owner;
/// - `session`: an agreed session of the pair's agenda (its highest revision) from `sessionReminderDays` before its
///   date until it starts — each member, once per session date (a moved session is a new date);
/// - `did_you_meet`: an agreed session whose date has passed (up to `AgreedSessions.askWithinDays` ago) with nothing
///   logged by the pair within a day of it and not cancelled — each member, once per session date, with the
///   "did you meet?" flow opened in their conversation (see `ReminderPlanner+Sessions.swift`);
/// - `claim_waiting`: an expense claim sent 2 weeks ago (then 4) and not yet paid — each finance coordinator of the
///   programme, once per claim and threshold (see `ReminderPlanner+Claims.swift`).
///
/// Pairs waiting for a pupil's guardian's consent (where the template requires it) get none of these.
///
/// Every item is recorded in `reminders_sent` under a unique key before it is queued, so nothing goes twice; the
/// items one person gets in one run are joined into one message per kind, so catching up after downtime sends at
/// most one message per person per kind. Nothing is sent in quiet hours.
public struct ReminderPlanner {
    /// Every text a reminder may say (`reminder.KIND` and its `.item` lines), for `tandem dialogs check`.
    public static let texts = Kind.allCases.map { "reminder.\($0.rawValue)" }
        + Kind.allCases.filter { $0 != .didYouMeet }.map { "reminder.\($0.rawValue).item" }

    /// The kinds of reminder, as stored.
    public enum Kind: String, Sendable, CaseIterable {
        case quiet, deadline
        case deadlineLate = "deadline_late"
        case session
        case didYouMeet = "did_you_meet"
        case claimWaiting = "claim_waiting"
    }

    /// Days before a document's due date its owner is reminded.
    public static let leadDays = 3
    /// Days after the programme's end in which missing documents are still chased.
    public static let graceDays = 14

    let connection: Connection
    let engine: Engine
    let settings: ReminderSettings
    var localizer: Localizer { engine.catalog.localizer }

    public init(connection: Connection, engine: Engine, settings: ReminderSettings = ReminderSettings()) {
        self.connection = connection
        self.engine = engine
        self.settings = settings
    }

    struct Item {
        let row: Int64
        let key: String
        let arguments: [String: String]
    }

    /// Reminder items to send, by person and kind.
    typealias Items = [Int64: [Kind: [Item]]]

    /// Queues what is due in the programme now; returns how many messages were queued.
    public func run(_ programme: ProgrammeRecord, template: ProgrammeTemplate, now: Int64) throws -> Int {
        let local = ProgrammeTime(now, timeZone: programme.timeZone)
        guard !settings.quietHours.contains(local.minutes), let start = CalendarDate(iso: programme.startDate) else {
            return 0
        }
        let today = local.date
        let day = today.daysSinceEpoch - start.daysSinceEpoch
        guard day >= 0, day <= template.lengthDays + Self.graceDays else { return 0 }
        let reads = ReminderRepository(connection)
        // A pair waiting for a pupil's guardian's consent gets no reminder at all: nothing may involve the pupil.
        let onHold = template.requiresGuardianConsent
            ? try ProgrammeRepository(connection).pairsAwaitingConsent(programmeID: programme.id) : []
        let pairs = try reads.pairActivity(programmeID: programme.id, viewerID: nil)
            .filter { !onHold.contains($0.pairID) }
        let members = Dictionary(
            grouping: try reads.pairMembers(programmeID: programme.id).filter { !onHold.contains($0.pairID) },
            by: \.pairID)
        var items: Items = [:]

        if day <= template.lengthDays {
            for pair in pairs {
                let last = pair.lastMeeting.flatMap { CalendarDate(iso: $0) }.map { max($0, start) } ?? start
                let quiet = today.daysSinceEpoch - last.daysSinceEpoch
                guard quiet > template.rhythmDays else { continue }
                let group = members[pair.pairID] ?? []
                for member in group {
                    let peers = group.filter { $0.participantID != member.participantID }.map(\.name)
                    try add(.quiet, member.participantID, "pair:\(pair.pairID)", last.iso, "reminder.quiet.item", [
                        "peers": peers.joined(separator: ", "), "date": last.iso, "days": String(quiet),
                    ], into: &items, now: now)
                }
            }
        }

        let submitted = try reads.submittedDocuments(programmeID: programme.id)
        let facilitators = try reads.facilitators(programmeID: programme.id)
        for document in template.documents where day >= document.dueDay - Self.leadDays {
            let due = start.adding(days: document.dueDay).iso
            for pair in pairs {
                let owing = (members[pair.pairID] ?? []).filter { member in
                    document.owners.contains { $0.rawValue == member.role }
                        && !submitted.contains(.init(participantID: member.participantID, document: document.id))
                }
                for member in owing {
                    try add(.deadline, member.participantID, document.id, due, "reminder.deadline.item", [
                        "document": document.title, "date": due,
                    ], into: &items, now: now)
                    guard day > document.dueDay else { continue }
                    let watching = facilitators.filter { facilitator in
                        facilitator.pairID == pair.pairID
                            || (facilitator.cohortID != nil && facilitator.cohortID == pair.cohortID)
                    }
                    for facilitator in Set(watching.map(\.participantID)) {
                        try add(.deadlineLate, facilitator, "\(document.id):\(member.participantID)", due,
                                "reminder.deadline_late.item", [
                                    "document": document.title, "date": due, "name": member.name, "pair": pair.label,
                                ], into: &items, now: now)
                    }
                }
            }
        }

        let sessions = try AgreedSessions(
            programmeID: programme.id, from: today.adding(days: -AgreedSessions.askWithinDays), to: today,
            connection: connection)
        try remindOfSessions(sessions, members: members, local: local, into: &items, now: now)
        try remindOfClaims(programmeID: programme.id, today: today, into: &items, now: now)
        let places = try BroadcastAddressBook(connection).places(programmeID: programme.id)
        return try deliver(items, places: places, register: template.register, now: now)
            + askDidYouMeet(
                sessions, programmeID: programme.id, members: members, places: places, register: template.register,
                today: today, now: now)
    }

    /// Records an item in the ledger and adds it to `items`, unless it was sent before.
    func add(
        _ kind: Kind, _ person: Int64, _ subject: String, _ period: String, _ key: String,
        _ arguments: [String: String], into items: inout Items, now: Int64
    ) throws {
        guard let row = try ReminderRepository(connection).record(
            kind: kind.rawValue, participantID: person, subject: subject, period: period, now: now)
        else { return }
        items[person, default: [:]][kind, default: []].append(Item(row: row, key: key, arguments: arguments))
    }

    /// One message per person and kind, in the person's language (to pair members in the template's `register`).
    private func deliver(
        _ items: Items, places: [Int64: BroadcastAddressBook.Place], register: String?, now: Int64
    ) throws -> Int {
        guard !items.isEmpty else { return 0 }
        let book = BroadcastAddressBook(connection)
        var queued = 0
        for (person, kinds) in items.sorted(by: { $0.key < $1.key }) {
            guard let place = places[person] else { continue }
            for kind in Kind.allCases {
                guard let list = kinds[kind] else { continue }
                // Pair members in the template's register; facilitators and finance coordinators formally.
                let language = localizer.voice(
                    place.language, register: [.deadlineLate, .claimWaiting].contains(kind) ? nil : register)
                let lines = list.map { item in
                    var arguments = item.arguments
                    if let title = arguments["document"] {
                        arguments["document"] = localizer.text(title, language)
                    }
                    if let status = arguments["status"] { arguments["status"] = localizer.text(status, language) }
                    if let amount = arguments["amount"] {
                        arguments["amount"] = localizer.decimal(amount, language)
                    }
                    return localizer.text(item.key, language, arguments)
                }
                let body = localizer.text("reminder.\(kind.rawValue)", language, [
                    "name": place.name, "items": lines.joined(separator: "\n"),
                ])
                guard let outboxID = try book.enqueue(body, to: place, now: now) else { continue }
                try ReminderRepository(connection).setOutbox(outboxID, items: list.map(\.row))
                queued += 1
            }
        }
        return queued
    }
}
