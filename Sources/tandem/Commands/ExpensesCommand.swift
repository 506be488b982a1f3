import Engine
import Foundation
import Programme
import Service
import Store

/// `tandem expenses export` and `tandem expenses rate`: the finance coordinator's files and exchange rates.
struct ExpensesCommand {
    static let usage = """
        tandem expenses export --programme NAME --out DIR [--db FILE]
                                       write DIR/claims.csv and DIR/receipts/claim-N-K.EXT (IBANs in clear: keep safe)
        tandem expenses rate --programme NAME --currency CUR --per-eur 1.95583 [--date YYYY-MM-DD] [--db FILE]
                                       set the rate claims in CUR are converted to EUR with, from that date
        """
    /// Options that take a value.
    static let valued: Set<String> = ["db", "config", "programme", "out", "currency", "per-eur", "date"]

    let arguments: Arguments

    func run() throws -> Int32 {
        try arguments.allowFlags([])
        switch arguments.positional {
        case ["export"]: return try export()
        case ["rate"]: return try rate()
        default: throw CLIError("expected `expenses export` or `expenses rate`")
        }
    }

    private func configuration() throws -> Configuration {
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        return configuration
    }

    private func database() throws -> Database { try Database(path: configuration().databasePath) }

    private func programme(_ database: Database) throws -> ProgrammeRecord {
        guard let name = arguments.option("programme") else { throw CLIError("--programme NAME is required") }
        guard let programme = try database.read({ try ProgrammeRepository($0).programme(named: name) }) else {
            throw CLIError("no programme named \(name)")
        }
        return programme
    }

    private func export() throws -> Int32 {
        guard let out = arguments.option("out") else { throw CLIError("--out DIR is required") }
        let configuration = try configuration()
        let key = try configuration.bankDetailsKey()
        let database = try Database(path: configuration.databasePath)
        let programme = try programme(database)
        let now = Clock.system.now()
        let export = try database.write { connection in
            try ExpenseExporter.export(programmeID: programme.id, connection: connection, now: now, key: key)
        }
        let folder = URL(fileURLWithPath: out)
        let receipts = folder.appendingPathComponent("receipts")
        try FileManager.default.createDirectory(at: receipts, withIntermediateDirectories: true)
        try Data(export.csv.utf8).write(to: folder.appendingPathComponent("claims.csv"))
        for (name, bytes) in export.files {
            try Data(bytes).write(to: receipts.appendingPathComponent(name))
        }
        print(
            "\(folder.appendingPathComponent("claims.csv").path): \(export.csv.split(separator: "\r\n").count - 1) "
                + "claims, \(export.files.count) receipt files")
        return 0
    }

    private func rate() throws -> Int32 {
        guard let currency = arguments.option("currency"), let text = arguments.option("per-eur") else {
            throw CLIError("--currency CUR and --per-eur RATE are required")
        }
        let database = try database()
        let programme = try programme(database)
        let now = Clock.system.now()
        var date = Clock.localDate(now, timeZone: programme.timeZone)
        if let given = arguments.option("date") {
            guard let parsed = CalendarDate(iso: given) else { throw CLIError("--date must be YYYY-MM-DD") }
            date = parsed
        }
        guard let rate = ExchangeRate(currency: currency.uppercased(), perEUR: text, date: date) else {
            throw CLIError("--per-eur must be a positive decimal and --currency an ISO code other than EUR")
        }
        try database.write { connection in
            try ExpenseRateRepository(connection).add(
                programmeID: programme.id,
                ExpenseRateRecord(
                    currency: rate.currency, perEUR: rate.perEUR, date: rate.date.iso, setBy: "cli"), now: now)
        }
        print("\(programme.name): from \(rate.date.iso), 1 EUR = \(rate.perEUR) \(rate.currency)")
        return 0
    }
}
