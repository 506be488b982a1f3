import Engine
import Store

/// Sends a confirmed broadcast inside the caller's transaction: one recipient row and one outbox row per person,
/// each text in the person's language; pairs waiting for a pupil's guardian's consent are left out. A broadcast is
/// claimed (marked sent) first and every recipient row is unique, so running it again — after a crash, a restart, or
/// by a second scheduler pass — sends nothing twice.
public struct BroadcastSender {
    /// What a sent broadcast says to each recipient.
    static let texts = ["broadcast.message", "broadcast.no_step", "broadcast.next_step", "status.your_peer"]

    /// What sending did.
    public struct Outcome: Sendable, Hashable {
        /// Messages queued in the outbox.
        public var queued = 0
        /// Recipients with no conversation and no email address.
        public var unreachable = 0
    }

    let connection: Connection
    let templates: TemplateCatalog
    let localizer: Localizer

    public init(connection: Connection, templates: TemplateCatalog, localizer: Localizer) {
        self.connection = connection
        self.templates = templates
        self.localizer = localizer
    }

    /// Sends every scheduled broadcast that is due; returns how many were sent.
    public func sendDue(now: Int64) throws -> Int {
        let due = try BroadcastRepository(connection).due(now: now)
        for broadcast in due { _ = try send(broadcast, now: now) }
        return due.count
    }

    /// Sends one broadcast now (nothing if it was already sent).
    public func send(_ broadcast: BroadcastRecord, now: Int64) throws -> Outcome {
        let broadcasts = BroadcastRepository(connection)
        guard try broadcasts.markSent(broadcast.id, now: now) else { return Outcome() }
        let book = BroadcastAddressBook(connection)
        let places = try book.places(programmeID: broadcast.programmeID)
        let letter = try letter(for: broadcast, now: now)
        var outcome = Outcome()
        for recipient in try recipients(of: broadcast) {
            let place = places[recipient.participantID]
            guard try broadcasts.addRecipient(
                broadcastID: broadcast.id, participantID: recipient.participantID, pairID: recipient.pairID,
                channel: place?.channel, now: now)
            else { continue }
            guard let place,
                  let outboxID = try book.enqueue(
                      text(letter, peers: recipient.peers,
                           language: localizer.voice(place.language, register: letter.template?.register)),
                      to: place, now: now)
            else {
                outcome.unreachable += 1
                continue
            }
            try broadcasts.setOutbox(
                broadcastID: broadcast.id, participantID: recipient.participantID, outboxID: outboxID)
            outcome.queued += 1
        }
        return outcome
    }

    /// What every recipient's text is made of, loaded once per broadcast.
    public struct Letter: Sendable {
        public let broadcast: BroadcastRecord
        public let author: String
        public let programme: ProgrammeRecord?
        public let template: ProgrammeTemplate?
        /// Today in the programme's time zone.
        public let today: CalendarDate
    }

    /// Who a broadcast reaches: its audience, without the pairs waiting for a pupil's guardian's consent (where the
    /// template requires it) — the pupil is told nothing, nor is anyone about the pupil.
    public func recipients(of broadcast: BroadcastRecord) throws -> [BroadcastRepository.Recipient] {
        let all = try BroadcastRepository(connection).recipients(of: broadcast)
        guard let programme = try BroadcastRepository(connection).programme(id: broadcast.programmeID),
              templates.template(programme.template)?.requiresGuardianConsent == true
        else { return all }
        let onHold = try ProgrammeRepository(connection).pairsAwaitingConsent(programmeID: programme.id)
        return all.filter { !onHold.contains($0.pairID) }
    }

    /// Loads what the broadcast's texts need.
    public func letter(for broadcast: BroadcastRecord, now: Int64) throws -> Letter {
        let programme = try BroadcastRepository(connection).programme(id: broadcast.programmeID)
        let author = try ParticipantRepository(connection).find(id: broadcast.authorID)?.name ?? ""
        return Letter(
            broadcast: broadcast, author: author,
            programme: programme, template: programme.flatMap { templates.template($0.template) },
            today: ProgrammeTime(now, timeZone: programme?.timeZone ?? "UTC").date)
    }

    /// What one recipient reads, in `language`: the author's message, or their pair's current step with the
    /// pair's dates.
    public func text(_ letter: Letter, peers: [String], language: String) -> String {
        let author = letter.author
        guard letter.broadcast.body == nil, let programme = letter.programme, let template = letter.template,
              let start = CalendarDate(iso: programme.startDate)
        else {
            let body = letter.broadcast.body ?? ""
            return localizer.text("broadcast.message", language, ["author": author, "text": body])
        }
        guard let step = template.step(onDay: letter.today.daysSinceEpoch - start.daysSinceEpoch) else {
            return localizer.text("broadcast.no_step", language, ["author": author])
        }
        let peer = peers.isEmpty ? localizer.text("status.your_peer", language) : peers.joined(separator: ", ")
        let instruction = localizer.text(step.instruction, language, [
            "peer": peer, "programme": programme.name, "step_end": start.adding(days: step.toDay).iso,
        ])
        return localizer.text("broadcast.next_step", language, [
            "author": author, "step": localizer.text(step.title, language), "instruction": instruction,
        ])
    }
}
