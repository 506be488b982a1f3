import Engine
import Store

/// Reminders about agreed sessions: before them (`session`) and, when nothing was logged, "did you meet?" after
/// them (`did_you_meet`), which opens the flow `did_you_meet` in the person's conversation so their one-word reply
/// ("met", "cancelled") answers it.
extension ReminderPlanner {
    /// The flow "did you meet?" opens.
    static let didYouMeetFlow = "did_you_meet"

    /// Adds a `session` item for each member of a pair with an agreed session coming up.
    func remindOfSessions(
        _ sessions: AgreedSessions, members: [Int64: [ReminderRepository.PairMember]], local: ProgrammeTime,
        into items: inout Items, now: Int64
    ) throws {
        let upcoming = sessions.upcoming(
            today: local.date, minutes: local.minutes, leadDays: settings.sessionReminderDays)
        for session in upcoming {
            let group = members[session.pairID] ?? []
            for member in group {
                let peers = group.filter { $0.participantID != member.participantID }.map(\.name)
                try add(.session, member.participantID, "pair:\(session.pairID)", session.date.iso,
                        "reminder.session.item", [
                            "date": session.date.iso, "time": session.time, "peers": peers.joined(separator: ", "),
                        ], into: &items, now: now)
            }
        }
    }

    /// Asks each member of a pair with an unanswered past session "did you meet?" — about one session at a time
    /// (the oldest not yet asked), and only when their conversation is not in the middle of another flow (then the
    /// question waits for a later pass). People already asked about every such session are not looked at.
    /// Returns how many questions were queued.
    func askDidYouMeet(
        _ sessions: AgreedSessions, programmeID: Int64, members: [Int64: [ReminderRepository.PairMember]],
        places: [Int64: BroadcastAddressBook.Place], register: String?, today: CalendarDate, now: Int64
    ) throws -> Int {
        let unanswered = sessions.unanswered(today: today)
        guard !unanswered.isEmpty, engine.catalog.flow(Self.didYouMeetFlow) != nil else { return 0 }
        let ledger = ReminderRepository(connection)
        let asked = try ledger.sent(
            programmeID: programmeID, kind: Kind.didYouMeet.rawValue, fromPeriod: unanswered[0].date.iso)
        var byPerson: [Int64: [(session: ReminderRepository.AgreedSession, peers: [String])]] = [:]
        for session in unanswered {
            let group = members[session.pairID] ?? []
            for member in group where !asked.contains(.init(
                kind: Kind.didYouMeet.rawValue, participantID: member.participantID,
                subject: "pair:\(session.pairID)", period: session.date.iso)) {
                let peers = group.filter { $0.participantID != member.participantID }.map(\.name)
                byPerson[member.participantID, default: []].append((session, peers))
            }
        }
        let opener = FlowOpener(engine: engine)
        var queued = 0
        for (person, asks) in byPerson.sorted(by: { $0.key < $1.key }) {
            guard let place = places[person], let channel = place.channel, let address = place.address,
                  let conversation = try opener.idleConversation(
                      participantID: person, channel: channel, address: address, now: now, connection)
            else { continue }
            let language = localizer.voice(place.language, register: register)
            for ask in asks {
                guard let row = try ledger.record(
                    kind: Kind.didYouMeet.rawValue, participantID: person, subject: "pair:\(ask.session.pairID)",
                    period: ask.session.date.iso, now: now)
                else { continue }
                let intro = localizer.text("reminder.did_you_meet", language, [
                    "name": place.name, "peers": ask.peers.joined(separator: ", "), "date": ask.session.date.iso,
                    "time": ask.session.time,
                ])
                guard let outboxID = try opener.open(
                    Self.didYouMeetFlow, prefilled: ["date": .date(ask.session.date)], in: conversation,
                    language: language, today: today, intro: intro, now: now, connection)
                else { break }
                try ledger.setOutbox(outboxID, items: [row])
                queued += 1
                break
            }
        }
        return queued
    }
}
