/// Who checkpoints the write-ahead log into the database file.
public enum CheckpointMode: String, Sendable, CaseIterable {
    /// SQLite does, as it does by default: a passive checkpoint when the WAL passes 1,000 pages after a commit, and
    /// a full one when the last connection closes (which then deletes the WAL).
    case sqlite
    /// Something else does — Litestream, which must copy every WAL frame to its replica before the frame is
    /// checkpointed away. Tandem's connections never checkpoint: automatic checkpoints are off
    /// (`wal_autocheckpoint = 0`) and closing does not checkpoint.
    case litestream
}
