import Engine
import Foundation
import Programme
import Service
import Store

/// `tandem expenses export` and `tandem expenses rate`: the finance coordinator's files and exchange rates.
struct ExpensesCommand {
    static let commands = [
        Command(spec: CommandSpec(
            path: ["expenses", "export"],
            abstract: "the finance export: DIR/claims.csv and DIR/receipts/claim-N-K.EXT (full IBANs: keep it safe)",
            options: [
                .programme.required, OptionSpec(name: "out", value: "DIR", help: "the folder written").required, .db,
                .config,
            ])) { try ExpensesCommand(arguments: $0).export() },
        Command(spec: CommandSpec(
            path: ["expenses", "rate"], abstract: "set the rate claims in a currency are converted to EUR with",
            options: [
                .programme.required,
                OptionSpec(name: "currency", value: "CUR", help: "an ISO currency code other than EUR").required,
                OptionSpec(name: "per-eur", value: "RATE", help: "units of CUR per euro, e.g. 1.95583").required,
                OptionSpec(name: "date", value: "YYYY-MM-DD", help: "from this day (default: today)"), .db, .config,
            ])) { try ExpensesCommand(arguments: $0).rate() },
        Command(spec: CommandSpec(
            path: ["expenses", "rekey"],
            abstract: "re-seal bank details sealed with the previous expenses.data_key under the configured one",
            options: [
                OptionSpec(
                    name: "previous-key-env", value: "VAR",
                    help: "the environment variable holding the previous key (never the command line)").required,
                .config, .db,
            ])) { try ExpensesCommand(arguments: $0).rekey() },
    ]

    let arguments: Arguments

    private func configuration() throws -> Configuration {
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        return configuration
    }

    private func database() throws -> Database { try configuration().openDatabase() }

    private func programme(_ database: Database) throws -> ProgrammeRecord {
        guard let name = arguments.option("programme") else { preconditionFailure("required options are checked") }
        guard let programme = try database.read({ try ProgrammeRepository($0).programme(named: name) }) else {
            throw CLIError("no programme named \(name)")
        }
        return programme
    }

    func export() throws -> Int32 {
        guard let out = arguments.option("out") else { preconditionFailure("required options are checked") }
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
    func rekey() throws -> Int32 {
        guard let variable = arguments.option("previous-key-env") else {
            preconditionFailure("required options are checked")
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

    func rate() throws -> Int32 {
        guard let currency = arguments.option("currency"), let text = arguments.option("per-eur") else {
            preconditionFailure("required options are checked")
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
