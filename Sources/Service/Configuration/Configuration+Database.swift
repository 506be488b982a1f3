import Store

extension Configuration {
    /// `database.synchronous` as the store's mode (checked by `load`).
    public var synchronousMode: SynchronousMode { SynchronousMode(rawValue: databaseSynchronous.uppercased()) ?? .full }

    /// `database.checkpoint` as the store's mode (checked by `load`).
    public var checkpointMode: CheckpointMode { CheckpointMode(rawValue: databaseCheckpoint.lowercased()) ?? .sqlite }

    /// Opens (and migrates, with the tables of `channels`) the configured database with the configured durability
    /// and checkpoint settings: every command that writes to the live database opens it here, so none checkpoints
    /// behind Litestream's back.
    public func openDatabase(channels: ChannelRegistry = .standard) throws -> Database {
        try Database(
            path: databasePath, synchronous: synchronousMode, checkpoint: checkpointMode, migrations: channels.schema)
    }
}
