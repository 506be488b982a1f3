import Crypto
import Engine
import Store

/// Applies validated enrolment rows to a programme inside the caller's transaction: participants are matched by
/// Matrix ID or email (created if new), pairs and cohorts created, roles recorded. Importing the same rows again
/// changes nothing.
public struct EnrolmentImporter {
    /// The programme to import into; created with these settings if it does not exist yet.
    public struct Target: Sendable {
        public var name: String
        public var template: String?
        public var startDate: CalendarDate?
        public var timeZone: String?
        /// The join code of a new programme (a fresh random one when nil).
        public var joinCode: String?

        public init(name: String, template: String? = nil, startDate: CalendarDate? = nil, timeZone: String? = nil,
                    joinCode: String? = nil) {
            self.name = name
            self.template = template
            self.startDate = startDate
            self.timeZone = timeZone
            self.joinCode = joinCode
        }
    }

    /// What an import did.
    public struct Summary: Sendable, Equatable {
        public var programmeCreated = false
        public var participantsCreated = 0
        public var changes = 0
    }

    let connection: Connection
    let templates: TemplateCatalog

    public init(_ connection: Connection, templates: TemplateCatalog) {
        self.connection = connection
        self.templates = templates
    }

    /// The programme, created if missing (then template and start date are required).
    public func programme(_ target: Target, now: Int64) throws(EnrolmentFailure) -> (ProgrammeRecord, created: Bool) {
        func fail(_ message: String) -> EnrolmentFailure { EnrolmentFailure([EnrolmentError(line: 0, message: message)]) }
        if let template = target.template, templates.template(template) == nil {
            throw fail("unknown template `\(template)` (known: \(templates.templates.map(\.id).joined(separator: ", ")))")
        }
        do {
            let programmes = ProgrammeRepository(connection)
            if let existing = try programmes.programme(named: target.name) {
                if target.template != nil || target.startDate != nil || target.timeZone != nil {
                    try programmes.update(
                        existing, template: target.template ?? existing.template,
                        startDate: target.startDate?.iso ?? existing.startDate, timeZone: target.timeZone ?? existing.timeZone)
                }
                return (try programmes.programme(named: target.name) ?? existing, false)
            }
            guard let template = target.template, let start = target.startDate else {
                throw fail("programme `\(target.name)` does not exist yet: give --template and --start to create it")
            }
            let created = try programmes.create(
                name: target.name, template: template, startDate: start.iso, timeZone: target.timeZone ?? "UTC",
                joinCode: try target.joinCode ?? unusedJoinCode(), now: now)
            return (created, true)
        } catch let failure as EnrolmentFailure {
            throw failure
        } catch {
            throw fail("\(error)")
        }
    }

    /// Applies rows to a programme; throws (so the caller's transaction rolls back) on a row that cannot apply.
    public func apply(_ rows: [EnrolmentRow], to programme: ProgrammeRecord, now: Int64) throws -> Summary {
        var summary = Summary()
        let participants = ParticipantRepository(connection)
        let programmes = ProgrammeRepository(connection)
        for row in rows {
            let byMatrix = try row.matrixID.flatMap { try participants.find(channel: .matrix, address: $0) }
            let byEmail = try row.email.flatMap { try participants.find(channel: .email, address: $0) }
            if let byMatrix, let byEmail, byMatrix.id != byEmail.id {
                throw EnrolmentFailure([EnrolmentError(
                    line: row.line, message: "\(row.matrixID ?? "") and \(row.email ?? "") belong to different people")])
            }
            let timeZone = row.timeZone ?? programme.timeZone
            let participant: ParticipantRecord
            if let existing = byMatrix ?? byEmail {
                participant = existing
                if try participants.update(existing.id, name: row.name, language: row.language, timeZone: timeZone) {
                    summary.changes += 1
                }
            } else {
                let first = row.matrixID.map { (ChannelID.matrix, $0) } ?? (.email, row.email ?? "")
                participant = try participants.create(
                    name: row.name, language: row.language, timeZone: timeZone, channel: first.0, address: first.1,
                    now: now)
                summary.participantsCreated += 1
            }
            if let matrixID = row.matrixID, try participants.addAddress(channel: .matrix, address: matrixID,
                                                                        participantID: participant.id) {
                summary.changes += 1
            }
            if let email = row.email, try participants.addAddress(channel: .email, address: email,
                                                                  participantID: participant.id) {
                summary.changes += 1
            }
            let cohortID = try row.cohort.map { try programmes.cohort($0, programmeID: programme.id) }
            let pairID = try row.pair.map { try programmes.pair($0, programmeID: programme.id, cohortID: cohortID) }
            if try programmes.enrol(
                participantID: participant.id, programmeID: programme.id, role: row.role.rawValue, pairID: pairID,
                cohortID: cohortID, supervisorEmail: row.supervisorEmail, guardianConsent: row.guardianConsent, now: now) {
                summary.changes += 1
            }
        }
        return summary
    }

    /// A fresh join code such as `K7P-2QX` (no 0/O or 1/I to misread).
    private func unusedJoinCode() throws -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        while true {
            let letters = SecureRandom.bytes(6).map { alphabet[Int($0) % alphabet.count] }
            let code = String(letters[0..<3]) + "-" + String(letters[3..<6])
            if try ProgrammeRepository(connection).programme(joinCode: code) == nil { return code }
        }
    }
}
