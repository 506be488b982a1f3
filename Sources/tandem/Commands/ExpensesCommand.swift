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
        tandem expenses rekey --previous-key-env VAR [--config FILE] [--db FILE]
                                       re-seal bank details sealed with the previous expenses.data_key (read from
                                       the environment variable VAR, never the command line) under the configured one
        """
    /// Options that take a value.
    static let valued: Set<String> = ["db", "config", "programme", "out", "currency", "per-eur", "date", "previous-key-env"]

    let arguments: Arguments

    func run() throws -> Int32 {
        try arguments.allowFlags([])
        switch arguments.positional {
        case ["export"]: return try export()
        case ["rate"]: return try rate()
        case ["rekey"]: return try rekey()
        default: throw CLIError("expected `expenses export`, `expenses rate` or `expenses rekey`")
        }
    }

    private func configuration() throws -> Configuration {
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        return configuration
    }

    private func database() throws -> Database { try configuration().openDatabase() }

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
        let database = try configuration.openDatabase()
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

    /// Key rotation: the previous key comes from an environment variable, so it never shows in `ps` or a history.
    private func rekey() throws -> Int32 {
        guard let variable = arguments.option("previous-key-env") else {
            throw CLIError("--previous-key-env VAR is required (VAR holds the previous expenses.data_key)")
        }
        guard let secret = ProcessInfo.processInfo.environment[variable], !secret.isEmpty else {
            throw CLIError("the environment variable \(variable) is not set")
        }
        let configuration = try configuration()
        guard let key = try configuration.bankDetailsKey() else {
            throw CLIError("expenses.data_key is not set: configure the new key first")
        }
        let previous: BankDetailsKey
        do {
            previous = try BankDetailsKey(configuredSecret: secret)
        } catch {
            throw CLIError("\(variable) is not a usable key: at least 32 bytes")
        }
        let database = try configuration.openDatabase()
        let now = Clock.system.now()
        let (rotated, left) = try database.write { connection in
            let vault = BankDetailsVault(connection, now: now, key: key)
            let rotated = try vault.rotate(from: previous) + vault.resealWithConfiguredKey()
            let left = try BankDetailsRepository(connection).countsByKey().filter { $0.key != key.id }
            return (rotated, left)
        }
        print("re-sealed \(rotated) bank details from key \(previous.id) under key \(key.id)")
        for (id, count) in left.sorted(by: { $0.key < $1.key }) {
            print("still sealed with another key \(id): \(count) (configure that one as the previous key to move them)")
        }
        return left.isEmpty ? 0 : 1
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
