import CSQLite

extension Connection {
    /// Whether no transaction is open. SQLite rolls a whole transaction back by itself after some errors (a full
    /// disk, an I/O error): a caller that kept going after one error learns it here.
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Runs `body` inside a savepoint of the open transaction: a thrown error undoes only what `body` did, and the
    /// transaction goes on (unless SQLite already rolled all of it back: see ``isAutocommit``).
    public func savepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        precondition(isInTransaction, "a savepoint needs an open transaction")
        try run("SAVEPOINT request")
        do {
            let result = try body(self)
            try run("RELEASE request")
            return result
        } catch {
            if !isAutocommit {
                try? run("ROLLBACK TO request")
                try? run("RELEASE request")
            }
            throw error
        }
    }

    /// Runs `body` inside a savepoint that is always rolled back: whatever it wrote is undone, what it returns is
    /// kept. For answering someone without keeping anything of them (a stranger's "what's next").
    public func discarding<T>(_ body: (Connection) throws -> T) throws -> T {
        precondition(isInTransaction, "a savepoint needs an open transaction")
        try run("SAVEPOINT discarded")
        defer {
            if !isAutocommit {
                try? run("ROLLBACK TO discarded")
                try? run("RELEASE discarded")
            }
        }
        return try body(self)
    }
}
