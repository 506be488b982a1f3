import Foundation
import Service
import Store

/// `tandem outbox list [queued|dead|sent]`, `tandem outbox retry ID`, `tandem outbox drop ID`: the delivery queue,
/// for an operator. Message bodies are not printed (they may be personal); channel, address and error are.
struct OutboxCommand {
    static let id = ArgumentSpec(name: "ID", help: "the message's number (first column of `tandem outbox list`)")
    static let commands = [
        Command(spec: CommandSpec(
            path: ["outbox", "list"],
            abstract: "undelivered (or dead, or sent) messages: number, channel, address, error",
            arguments: [ArgumentSpec(name: "STATUS", help: "queued (default), dead or sent", isOptional: true)],
            options: [.db, .config])) { try OutboxCommand(arguments: $0, verb: "list").run() },
        Command(spec: CommandSpec(
            path: ["outbox", "retry"], abstract: "requeue a dead message", arguments: [id],
            options: [.db, .config])) { try OutboxCommand(arguments: $0, verb: "retry").run() },
        Command(spec: CommandSpec(
            path: ["outbox", "drop"], abstract: "give up on an undelivered message", arguments: [id],
            options: [.db, .config])) { try OutboxCommand(arguments: $0, verb: "drop").run() },
    ]

    let arguments: Arguments
    let verb: String

    func run() throws -> Int32 {
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        let database = try configuration.openDatabase()
        let words = [verb] + arguments.positional
        switch (words.first, words.count) {
        case ("list", 1), ("list", 2):
            let status = words.count == 2 ? words[1] : "queued"
            guard ["queued", "dead", "sent"].contains(status) else { throw CLIError("STATUS is queued, dead or sent") }
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
            preconditionFailure("the arguments are checked against the command's spec")
        }
    }
}
