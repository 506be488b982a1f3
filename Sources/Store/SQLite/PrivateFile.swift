#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Database files are private to the service's user: they hold minors' records and bank details.
enum PrivateFile {
    /// Creates an empty file at `path` with mode 0600 unless something is already there (which is left alone), so
    /// that SQLite — which gives a database's WAL and shared-memory files the database file's mode — never
    /// creates one readable by others, whatever the process's umask. If the file cannot be created (no such
    /// directory, no permission), SQLite's own open reports why.
    static func createIfMissing(_ path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
    }
}
