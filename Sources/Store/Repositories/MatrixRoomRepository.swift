/// The rooms the bot is in and who else is in them, from `m.room.member` events and the homeserver's list of joined
/// members. A room with exactly the bot and one person (joined or invited) is that person's direct chat — whatever
/// the invite said — until a third member comes in; a group room whose others leave but one becomes a direct chat.
public struct MatrixRoomRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func room(_ roomID: String) throws -> MatrixRoom? {
        try connection.query("""
            SELECT room_id, invited_by, is_direct, encrypted, warned_encrypted, bot_membership, dm_user
            FROM matrix_rooms WHERE room_id = ?
            """, [roomID]
        ).first.map { row in
            MatrixRoom(
                roomID: row.string("room_id"), invitedBy: row.string("invited_by"), isDirect: row.bool("is_direct"),
                encrypted: row.bool("encrypted"), warnedEncrypted: row.bool("warned_encrypted"),
                botMembership: row.string("bot_membership"), directUser: row.optionalString("dm_user"))
        }
    }

    /// The newest unencrypted direct chat with `userID` the bot is in, if any: where their personal messages go
    /// (Tandem cannot read an encrypted room, and would write there in clear).
    public func directRoom(of userID: String) throws -> String? {
        try connection.query("""
            SELECT room_id FROM matrix_rooms WHERE dm_user = ? AND encrypted = 0
            ORDER BY created_at DESC, rowid DESC LIMIT 1
            """, [userID]
        ).first?.string("room_id")
    }

    /// Every direct chat by person (user ID → room IDs, newest first): the bot's `m.direct` account data.
    public func directRooms() throws -> [String: [String]] {
        var rooms: [String: [String]] = [:]
        for row in try connection.query(
            "SELECT dm_user, room_id FROM matrix_rooms WHERE dm_user IS NOT NULL ORDER BY created_at DESC, rowid DESC")
        {
            rooms[row.string("dm_user"), default: []].append(row.string("room_id"))
        }
        return rooms
    }

    /// The people in a room besides the bot (joined or invited), sorted.
    public func members(of roomID: String) throws -> [String] {
        try connection.query("""
            SELECT user_id FROM matrix_members WHERE room_id = ? AND membership IN ('join', 'invite') ORDER BY user_id
            """, [roomID]).map { $0.string("user_id") }
    }

    // MARK: - Changes

    /// Records an invitation of the bot (the inviter is in the room); false when the room was known already — a
    /// repeated or renewed invite is not welcomed twice.
    public func recordInvite(roomID: String, invitedBy: String, isDirect: Bool, now: Int64) throws -> Bool {
        try connection.run("""
            INSERT INTO matrix_rooms (room_id, invited_by, is_direct, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, [roomID, invitedBy, isDirect, now])
        let isNew = connection.changes == 1
        if !isNew {
            try connection.run(
                "UPDATE matrix_rooms SET bot_membership = 'invite' WHERE room_id = ? AND bot_membership <> 'join'",
                [roomID])
        }
        try setMembership(roomID: roomID, userID: invitedBy, membership: "join", now: now)
        return isNew
    }

    /// The bot's own membership changed (it joined, left or was removed).
    public func setBotMembership(roomID: String, membership: String, sender: String, now: Int64) throws {
        try ensure(roomID, sender: sender, now: now)
        try connection.run("""
            UPDATE matrix_rooms SET bot_membership = ?,
                joined_at = CASE WHEN ? = 'join' THEN COALESCE(joined_at, ?) ELSE joined_at END
            WHERE room_id = ?
            """, [membership, membership, now, roomID])
        try refreshDirect(roomID)
    }

    /// Someone else's membership changed (`join`, `invite`, `leave`, `ban`, `knock`).
    public func setMembership(roomID: String, userID: String, membership: String, now: Int64) throws {
        try ensure(roomID, sender: userID, now: now)
        try connection.run("""
            INSERT INTO matrix_members (room_id, user_id, membership) VALUES (?, ?, ?)
            ON CONFLICT (room_id, user_id) DO UPDATE SET membership = excluded.membership
            """, [roomID, userID, membership])
        try refreshDirect(roomID)
    }

    /// The bot joined: it is in the room from now on.
    public func markJoined(_ roomID: String, now: Int64) throws {
        try connection.run("""
            UPDATE matrix_rooms SET joined_at = COALESCE(joined_at, ?), bot_membership = 'join' WHERE room_id = ?
            """, [now, roomID])
        try refreshDirect(roomID)
    }

    /// The room's members as the homeserver listed them (user ID → membership, without the bot): they replace what
    /// events said.
    public func replaceMembers(roomID: String, _ members: [String: String], now: Int64) throws {
        try connection.run("DELETE FROM matrix_members WHERE room_id = ?", [roomID])
        for (user, membership) in members.sorted(by: { $0.key < $1.key }) {
            try connection.run(
                "INSERT INTO matrix_members (room_id, user_id, membership) VALUES (?, ?, ?)",
                [roomID, user, membership])
        }
        try connection.run("UPDATE matrix_rooms SET members_known = 1 WHERE room_id = ?", [roomID])
        try refreshDirect(roomID)
    }

    /// The bot made `roomID` as a direct chat with `userID` (invited): the bot is in, the members are known, and
    /// what was waiting for that chat — the conversation opened at the user ID — moves into it.
    public func recordOpenedDirect(roomID: String, with userID: String, by botUserID: String, now: Int64) throws {
        try connection.run("""
            INSERT INTO matrix_rooms (room_id, invited_by, is_direct, created_at, joined_at, bot_membership,
                                      members_known)
            VALUES (?, ?, 1, ?, ?, 'join', 1)
            ON CONFLICT (room_id) DO UPDATE SET is_direct = 1, bot_membership = 'join', members_known = 1,
                joined_at = COALESCE(joined_at, excluded.joined_at)
            """, [roomID, botUserID, now, now])
        try connection.run("""
            INSERT INTO matrix_members (room_id, user_id, membership) VALUES (?, ?, 'invite') ON CONFLICT DO NOTHING
            """, [roomID, userID])
        try refreshDirect(roomID)
        try connection.run(
            "UPDATE conversations SET address = ? WHERE channel = ? AND address = ?",
            [roomID, ChannelID.matrix, userID])
    }

    /// Marks a room encrypted; true the first time a warning is due (then it is marked as warned).
    public func markEncrypted(_ roomID: String, invitedBy: String, now: Int64) throws -> Bool {
        try connection.run("""
            INSERT INTO matrix_rooms (room_id, invited_by, is_direct, encrypted, created_at) VALUES (?, ?, 0, 1, ?)
            ON CONFLICT (room_id) DO UPDATE SET encrypted = 1
            """, [roomID, invitedBy, now])
        try refreshDirect(roomID)
        try connection.run(
            "UPDATE matrix_rooms SET warned_encrypted = 1 WHERE room_id = ? AND warned_encrypted = 0", [roomID])
        return connection.changes == 1
    }

    /// A room first seen through a membership event (e.g. one the bot made, before its answer was stored).
    private func ensure(_ roomID: String, sender: String, now: Int64) throws {
        try connection.run("""
            INSERT INTO matrix_rooms (room_id, invited_by, is_direct, created_at) VALUES (?, ?, 0, ?)
            ON CONFLICT DO NOTHING
            """, [roomID, sender, now])
    }

    /// Recomputes whose direct chat the room is, from its members as they are now.
    private func refreshDirect(_ roomID: String) throws {
        try connection.run("""
            UPDATE matrix_rooms SET dm_user = CASE
                WHEN bot_membership IN ('invite', 'join') AND (members_known = 1 OR is_direct = 1)
                THEN (SELECT CASE WHEN COUNT(*) = 1 THEN MIN(m.user_id) END FROM matrix_members AS m
                      WHERE m.room_id = matrix_rooms.room_id AND m.membership IN ('join', 'invite'))
                END
            WHERE room_id = ?
            """, [roomID])
    }
}
