import Foundation
import Service
import Store

/// `tandem outbox list [queued|dead|sent]`, `tandem outbox retry ID`, `tandem outbox drop ID`: the delivery queue,
/// for an operator. Message bodies are not printed (they may be personal); channel, address and error are.
struct OutboxCommand {
    static let usage = """
        tandem outbox list [queued|dead|sent] [--db FILE]   undelivered (or dead, or sent) messages
        tandem outbox retry ID | drop ID [--db FILE]         requeue a dead message, or give up on one
        """

    let arguments: Arguments

    func run() throws -> Int32 {
        try arguments.allowFlags([])
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        let database = try configuration.openDatabase()
        let words = arguments.positional
        switch (words.first, words.count) {
        case ("list", 1), ("list", 2):
            let status = words.count == 2 ? words[1] : "queued"
            guard ["queued", "dead", "sent"].contains(status) else { throw CLIError("status is queued, dead or sent") }
            let rows = try database.read { try OutboxRepository($0).list(status: status) }
            for row in rows {
                let age = (Clock.system.now() - row.createdAt) / 1000
                print("\(row.message.id)\t\(row.message.channel)\t\(row.message.kind.rawValue)\t\(row.message.address)"
                    + "\tattempts=\(row.message.attempts)\tage=\(age)s\t\(row.lastError ?? "")")
            }
            print("\(rows.count) \(status) message(s)")
            return 0
        case ("retry", 2), ("drop", 2):
            guard let id = Int64(words[1]) else { throw CLIError("expected a message number") }
            let done = try database.write { connection in
                words[0] == "retry" ? try OutboxRepository(connection).retry(id) : try OutboxRepository(connection).drop(id)
            }
            print(done ? "\(words[0] == "retry" ? "Requeued" : "Dropped") message \(id)." : "No undelivered message \(id).")
            return done ? 0 : 1
        default:
            throw CLIError("expected `outbox list`, `outbox retry ID` or `outbox drop ID`")
        }
    }
}
