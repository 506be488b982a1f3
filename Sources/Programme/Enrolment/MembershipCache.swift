import Store
import Synchronization

/// Memberships already loaded, each kept with the `membership_version` it was read at (migration 111): a message
/// from someone whose membership has not changed since costs one single-row read instead of two joins (issue 17).
///
/// Any change to enrolments, pairs, programmes or a participant's name gives the version a new random value, so
/// every kept membership is then loaded again on its next use. Bounded: when full it starts again empty.
public final class MembershipCache: Sendable {
    private struct Entry {
        let version: Int64
        let membership: Membership?
    }

    private let entries = Mutex<[Int64: Entry]>([:])
    private let capacity: Int

    public init(capacity: Int = 4_096) { self.capacity = capacity }

    /// The participant's membership as `Membership.load` reads it on `connection` now.
    public func membership(participantID: Int64, connection: Connection, templates: TemplateCatalog) throws
        -> Membership?
    {
        let version = try ProgrammeRepository(connection).membershipVersion()
        if let entry = entries.withLock({ $0[participantID] }), entry.version == version { return entry.membership }
        let membership = try Membership.load(participantID: participantID, connection: connection, templates: templates)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[participantID] = Entry(version: version, membership: membership)
        }
        return membership
    }
}
