/// Who checkpoints the write-ahead log into the database file.
public enum CheckpointMode: String, Sendable, CaseIterable {
    /// Tandem does, on a thread of its own (``Checkpointer``): a passive checkpoint every 1,000 new WAL pages, never
    /// inside a write's commit, and SQLite's full one when the last connection closes (which then deletes the WAL).
    case sqlite
    /// Something else does — Litestream, which must copy every WAL frame to its replica before the frame is
    /// checkpointed away. Tandem's connections never checkpoint: automatic checkpoints are off
    /// (`wal_autocheckpoint = 0`) and closing does not checkpoint.
    case litestream
}
