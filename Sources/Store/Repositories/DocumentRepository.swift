import Engine
import Foundation

/// Documents participants owe (Learning Needs, Learning Experiences): a file they sent, or answers they wrote.
public struct DocumentRepository {
    /// One submission of a document.
    public struct Submission: Sendable, Hashable {
        public let programmeID: Int64
        public let pairID: Int64?
        public let participantID: Int64
        /// The template's document id, e.g. `learning_needs`.
        public let document: String
        /// The file sent, if any.
        public let attachment: AttachmentRef?
        /// The written answers, if no file was sent.
        public let answers: [String]
        public let submittedOn: CalendarDate
        public let dueOn: CalendarDate?

        public init(
            programmeID: Int64, pairID: Int64?, participantID: Int64, document: String, attachment: AttachmentRef?,
            answers: [String], submittedOn: CalendarDate, dueOn: CalendarDate?
        ) {
            self.programmeID = programmeID
            self.pairID = pairID
            self.participantID = participantID
            self.document = document
            self.attachment = attachment
            self.answers = answers
            self.submittedOn = submittedOn
            self.dueOn = dueOn
        }

        /// Whether it arrived by its due date (true when there is none).
        public var onTime: Bool { dueOn.map { submittedOn <= $0 } ?? true }
    }

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Stores a submission; earlier submissions of the same document are kept.
    public func insert(_ submission: Submission, now: Int64) throws {
        let answers = submission.answers.isEmpty
            ? nil : String(decoding: try JSONEncoder().encode(submission.answers), as: UTF8.self)
        try connection.run("""
            INSERT INTO documents (programme_id, pair_id, participant_id, document, attachment_sha256, filename,
                                   answers, submitted_on, due_on, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [submission.programmeID, submission.pairID, submission.participantID, submission.document,
                  submission.attachment?.id, submission.attachment?.filename, answers, submission.submittedOn.iso,
                  submission.dueOn?.iso, now])
    }

    /// The template documents a participant has delivered in a programme (their ids).
    public func submitted(participantID: Int64, programmeID: Int64) throws -> Set<String> {
        Set(try connection.query(
            "SELECT DISTINCT document FROM documents WHERE participant_id = ? AND programme_id = ?",
            [participantID, programmeID]
        ).map { $0.string("document") })
    }
}
