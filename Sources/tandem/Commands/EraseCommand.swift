import Foundation
import Service
import Store

/// `tandem erase list`, `tandem erase N [--yes]`: erasure requests ("forget me") confirmed on the server — for a
/// programme without a coordinator (the person is told it is confirmed here), or by an operator. Without `--yes`
/// it only says whose request it is; with it, it erases their personal data as a coordinator's
/// "confirm erase N" does.
struct EraseCommand {
    static let commands = [
        Command(spec: CommandSpec(
            path: ["erase", "list"],
            abstract: "erasure requests waiting: number, name, role, programme, date, and who can confirm them",
            options: [.db, .config])) { try EraseCommand(arguments: $0).list() },
        Command(spec: CommandSpec(
            path: ["erase"],
            abstract: "whose erasure request N is; with --yes, erase that person's personal data for good",
            arguments: [ArgumentSpec(name: "N", help: "the request's number (first column of `tandem erase list`)")],
            options: [
                OptionSpec(name: "yes", value: nil, help: "erase, for good (without it nothing is erased)"), .db,
                .config,
            ])) { try EraseCommand(arguments: $0).erase() },
    ]

    let arguments: Arguments

    private func database() throws -> Database {
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        return try configuration.openDatabase()
    }

    func list() throws -> Int32 {
        let lines = try database().read { connection in
            try ErasureRepository(connection).pending().map { try Self.describe($0, connection) }
        }
        for line in lines { print(line) }
        print("\(lines.count) erasure request(s) waiting")
        return 0
    }

    func erase() throws -> Int32 {
        guard let number = arguments.positional.first, let id = Int64(number) else {
            throw CLIError("N is a request number (first column of `tandem erase list`)")
        }
        return try erase(id, try database())
    }

    /// What `erase N` found and did.
    private enum Outcome {
        case missing, alreadyDone(String), preview(String), erased(String, closed: [Int64])
    }

    private func erase(_ id: Int64, _ database: Database) throws -> Int32 {
        let outcome = try database.write { connection -> Outcome in
            guard let request = try ErasureRepository(connection).request(id: id) else { return .missing }
            let line = try Self.describe(request, connection)
            guard request.status == "pending" else { return .alreadyDone(line) }
            guard arguments.flag("yes") else { return .preview(line) }
            let closed = try ErasureRepository(connection).erase(
                participantID: request.participantID, decidedBy: nil, requestID: request.id, now: Clock.system.now())
            return .erased(line, closed: closed)
        }
        switch outcome {
        case .missing:
            print("There is no erasure request \(id).")
            return 1
        case .alreadyDone(let line):
            print(line + "\nRequest \(id) was already carried out.")
            return 0
        case .preview(let line):
            print(line + "\nNothing is erased yet. To erase this person's personal data for good: "
                + "tandem erase \(id) --yes")
            return 1
        case .erased(let line, let closed):
            // Deleted content was overwritten; a checkpoint moves that into the database file and empties the log.
            try database.read { try $0.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
            print(line + "\nDone: the personal data of request \(id) is erased"
                + (closed.isEmpty ? "." : "; open claims closed: \(closed.map(String.init).joined(separator: ", ")).")
                + " Anonymous counts and safeguarding concerns stay.")
            return 0
        }
    }

    /// `N  pending  NAME (role, …)  PROGRAMME  requested YYYY-MM-DD  coordinators: …|none`.
    private static func describe(_ request: ErasureRepository.Request, _ connection: Connection) throws -> String {
        let name = try ParticipantRepository(connection).find(id: request.participantID)?.name ?? "?"
        let programmes = ProgrammeRepository(connection)
        let enrolments = try programmes.enrolments(participantID: request.participantID)
            .filter { $0.programme.id == request.programmeID }
        let programme = enrolments.first?.programme.name ?? "programme \(request.programmeID)"
        let coordinators = try programmes.names(programmeID: request.programmeID, role: "coordinator")
        let day = ISO8601DateFormatter.string(
            from: Date(timeIntervalSince1970: Double(request.requestedAt) / 1000), timeZone: .gmt,
            formatOptions: [.withFullDate])
        return "\(request.id)\t\(request.status)\t\(name) (\(enrolments.map(\.role).joined(separator: ", ")))"
            + "\t\(programme)\trequested \(day)"
            + "\tcoordinators: \(coordinators.isEmpty ? "none" : coordinators.joined(separator: ", "))"
    }
}
