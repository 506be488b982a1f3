import Channels
import Engine
import Foundation
import Programme
import Service
import Store
import Testing

/// The access control matrix: every command people can say (each flow's English trigger phrase) × every role,
/// sent through the real pipeline on a real SQLite file with the shipped dialogs. A command is ALLOWED when the
/// flow starts or its action answers with the speaker's own data, REFUSED when the bot answers the "Sorry, I didn't
/// understand" menu or the action's own refusal. Every case runs on its own copy of one fixture database: a
/// city_to_city programme with pair A (cohort North) and pair B (cohort South), where pair A's mentee has logged a
/// meeting, sent an expense claim and raised a safeguarding concern.
struct AccessMatrixTests {
    // MARK: - The expectation table: one line per command, the roles that may use it

    static let commands: [AccessCommand] = [
        // A pair's own records.
        .init("log yesterday 45 min topics: visa rules", participants),
        .init("undo", claimants),
        .init("delete my last log", participants),
        .init("change the duration to 60", participants),
        .init("change feedback usefulness 5", participants),
        .init("my log", participants),
        .init("our log", participants),
        .init("agenda", participants),
        .init("our agenda", participants),
        .init("confirm agenda", participants),
        .init("calendar", participants),
        .init("plan", participants),
        .init("revise plan 1", participants),
        .init("our plan", participants),
        .init("document", participants),
        .init("feedback", participants),
        .init("evaluation", participants),
        .init("transferability", [.mentee, .otherMentee]),
        .init("our report", participants),
        // School peer mentoring only: nobody in a city_to_city programme.
        .init("ground rules", []),
        .init("agree rules", []),
        .init("our rules", []),
        // The school programme's own steps: nobody here (their access is in SchoolStepsAccessTests).
        .init("working plan", []),
        .init("goal", []),
        .init("review", []),
        .init("learning statement", []),
        .init("change statement 3 I also helped", participants),  // here: "change" corrects the last meeting
        .init("approve statement", [.finance, .facilitator, .otherFacilitator]),  // "approve" asks: which claim?
        .init("joint statement", []),
        .init("portfolio 1, 2", []),
        .init("opt out", []),
        .init("i can't continue", []),
        .init("reassign pair pb to Maximilian", []),
        .init("evaluate pair pa", participants),  // in this programme "evaluate" is the pair's own evaluation
        // Expenses (city_to_city): claimants.
        .init("expense", claimants),
        .init("lost receipt", claimants),
        .init("bank details", claimants),
        .init("add 1 the invoice is attached", claimants),
        .init("my expenses", claimants),
        .init("yes", claimants),
        .init("no", claimants),
        // The finance desk: the finance coordinator; a facilitator reads their own cohort's claims.
        .init("claims", [.finance, .facilitator, .otherFacilitator]),
        .init("claim 1", [.finance, .facilitator]),
        .init("approve 1", [.finance]),
        .init("reject 1 the ticket is missing", [.finance]),
        .init("ask 1 the invoice with your name on it", [.finance]),
        .init("paid 1", [.finance]),
        .init("rate BGN 1.95583 2026-03-01", [.finance]),
        // Facilitation.
        .init("broadcast next step to cohort North", [.facilitator, .coordinator]),
        .init("broadcast to pair pa: please log your sessions", [.facilitator, .coordinator]),
        .init("broadcast to mentors: please log your sessions", facilitation),  // reaches only the speaker's pairs
        .init("schedule broadcast next step to cohort North", facilitation),  // the cohort is checked after date and time
        .init("send broadcast", facilitation),
        .init("broadcast status", facilitation),
        .init("who is behind", facilitation),
        .init("pair report pair: pa", [.facilitator, .coordinator]),  // the learning report of a pair one looks after
        // Safeguarding and personal data.
        .init("concern", everyone),
        .init("tell", everyone.subtracting([.unknown])),  // a stranger gets the join hint: nothing of theirs is kept
        .init("concerns", [.safeguarding]),
        .init("erase 1", [.coordinator]),
        .init("confirm erase 1", [.coordinator]),
        .init("forget me", everyone.subtracting([.unknown])),  // a stranger has nothing to forget
        .init("my data", everyone),
        .init("what's next", everyone),
        .init("join \(AccessFixture.joinCode)", [.unknown]),
    ]

    static let participants: Set<AccessRole> = [.mentee, .mentor, .otherMentee]
    static let facilitators: Set<AccessRole> = [.facilitator, .otherFacilitator]
    static let claimants = participants.union(facilitators)
    static let facilitation = facilitators.union([.coordinator])
    static let everyone = Set(AccessRole.allCases)

    // MARK: - Who may see pair A's data

    /// People outside pair A and its cohort: nothing of pair A reaches them.
    static let outsiders: Set<AccessRole> = [.otherMentee, .otherFacilitator, .unknown]
    /// Who may see claim 1: its claimant, the finance coordinator, and (read-only) the facilitator of her cohort.
    static let claimViewers: Set<AccessRole> = [.mentee, .finance, .facilitator]
    /// Who may see the concern's text: the safeguarding lead only.
    static let concernViewers: Set<AccessRole> = [.safeguarding]

    @Test(arguments: commands, AccessRole.allCases)
    func accessMatrix(_ command: AccessCommand, _ role: AccessRole) throws {
        let world = try AccessWorld()
        let replies = try world.send(command.text, as: role)
        let all = replies.joined(separator: "\n")
        #expect(!replies.isEmpty, "no reply to \(role) saying “\(command.text)”")
        let verdict = world.classify(replies)
        let expected: AccessVerdict = command.allowed.contains(role) ? .allowed : .refused
        #expect(verdict == expected, "\(role) saying “\(command.text)” was \(verdict), expected \(expected):\n\(all)")
        if expected == .refused {
            // A refusal is the menu or the refusal text, nothing more of anyone's records.
            for marker in AccessFixture.pairAMarkers + AccessFixture.claimMarkers + AccessFixture.concernMarkers {
                #expect(!all.contains(marker), "a refusal to \(role) shows “\(marker)”:\n\(all)")
            }
        }
        if Self.outsiders.contains(role) {
            for marker in AccessFixture.pairAMarkers {
                #expect(!all.contains(marker), "\(role) saying “\(command.text)” sees pair A's “\(marker)”:\n\(all)")
            }
        }
        if !Self.claimViewers.contains(role) {
            for marker in AccessFixture.claimMarkers {
                #expect(!all.contains(marker), "\(role) saying “\(command.text)” sees claim 1 (“\(marker)”):\n\(all)")
            }
        }
        if !Self.concernViewers.contains(role) {
            for marker in AccessFixture.concernMarkers {
                #expect(!all.contains(marker), "\(role) saying “\(command.text)” sees the concern:\n\(all)")
            }
        }
    }

    /// Every flow of the shipped dialogs is in the table (by its trigger), so a new command cannot skip the matrix.
    @Test func theTableCoversEveryFlow() throws {
        let world = try AccessWorld()
        let localizer = world.pipeline.engine.catalog.localizer
        for flow in world.pipeline.engine.catalog.flows {
            guard let key = flow.trigger else { continue }
            let words = localizer.words(key, "en")
            let covered = Self.commands.contains { command in
                words.contains { word in
                    let text = command.text.lowercased()
                    return text == word || text.hasPrefix(word + " ")
                }
            }
            #expect(covered, "flow \(flow.id) (\(words.joined(separator: ", "))) has no line in the access matrix")
        }
    }

    // MARK: - The data is there, and reaches exactly the people it should

    @Test func theFixtureHoldsPairAsLogClaimAndConcern() throws {
        let world = try AccessWorld()
        #expect(try world.count("log_entries") == 1)
        #expect(try world.count("expense_claims WHERE status = 'submitted'") == 1)
        #expect(try world.count("concerns") == 1)
    }

    @Test func theMentorSeesThePairsLogButNotTheClaimOrConcern() throws {
        let world = try AccessWorld()
        let log = try world.send("our log", as: .mentor).joined(separator: "\n")
        #expect(log.contains(AccessFixture.topic))
        let expenses = try world.send("my expenses", as: .mentor).joined(separator: "\n")
        #expect(!expenses.contains(AccessFixture.amount))
    }

    @Test func onlyTheSafeguardingLeadListsTheConcern() throws {
        let world = try AccessWorld()
        let concerns = try world.send("concerns", as: .safeguarding).joined(separator: "\n")
        #expect(concerns.contains(AccessFixture.concern))
        #expect(concerns.contains(AccessFixture.menteeA))
    }

    @Test func theFinanceCoordinatorDecidesClaim1AndTheCohortFacilitatorOnlyReadsIt() throws {
        let world = try AccessWorld()
        let finance = try world.send("claim 1", as: .finance).joined(separator: "\n")
        #expect(finance.contains(AccessFixture.amount))
        #expect(finance.contains("approve 1"))
        let cohort = try world.send("claims", as: .facilitator).joined(separator: "\n")
        #expect(cohort.contains(AccessFixture.amount))
        let readOnly = try world.send("claim 1", as: .facilitator).joined(separator: "\n")
        #expect(readOnly.contains(AccessFixture.amount))
        #expect(!readOnly.contains("approve 1"))
        #expect(try world.send("approve 1", as: .facilitator) == [world.text("expenses.review.read_only")])
        #expect(try world.count("expense_claims WHERE status = 'submitted'") == 1)
        let other = try world.send("claims", as: .otherFacilitator)
        #expect(other == [world.text("expenses.review.empty")])
        #expect(try world.send("claim 1", as: .otherFacilitator)
            == [world.text("expenses.review.unknown", ["claim": "1"])])
    }

    @Test func thePeerCannotAddToTheMenteesClaim() throws {
        let world = try AccessWorld()
        let events = try world.count("expense_events")
        _ = try world.send("add 1 the invoice is attached", as: .mentor)
        let replies = try world.send("skip", as: .mentor)
        #expect(replies == [world.text("expenses.add.none")])
        #expect(try world.count("expense_events") == events)
    }

    @Test func theOtherCohortsFacilitatorCannotBroadcastToPairAsCohort() throws {
        let world = try AccessWorld()
        let replies = try world.send("broadcast next step to cohort North", as: .otherFacilitator)
        #expect(replies.last == world.text("broadcast.error.not_yours", ["name": "North"]))
        #expect(try world.count("broadcasts") == 0)
    }

    @Test func whoIsBehindIsScopedToTheFacilitatorsCohort() throws {
        let world = try AccessWorld()
        let own = try world.send("who is behind", as: .facilitator).joined(separator: "\n")
        let other = try world.send("who is behind", as: .otherFacilitator).joined(separator: "\n")
        let all = try world.send("who is behind", as: .coordinator).joined(separator: "\n")
        #expect(!other.contains(AccessFixture.menteeA) && !other.contains(AccessFixture.mentorA))
        #expect(own.contains(AccessFixture.menteeA) || own.contains("pa"), "\(own)")
        #expect(!own.contains(AccessFixture.menteeB))
        #expect(all.contains("North") && all.contains("South"), "\(all)")
    }
}

// MARK: - Roles, commands, verdicts

enum AccessRole: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case mentee, mentor, otherMentee, otherFacilitator, facilitator, finance, coordinator, safeguarding, unknown

    /// The person's email address, their console sender.
    var address: String {
        switch self {
        case .mentee: "anneliese@example.org"
        case .mentor: "maximilian@example.org"
        case .otherMentee: "birgitta@example.org"
        case .otherFacilitator: "otto@example.org"
        case .facilitator: "fran@example.org"
        case .finance: "fiona@example.org"
        case .coordinator: "cora@example.org"
        case .safeguarding: "sally@example.org"
        case .unknown: "stranger@example.org"
        }
    }

    var testDescription: String { rawValue }
}

struct AccessCommand: Sendable, CustomTestStringConvertible {
    let text: String
    let allowed: Set<AccessRole>

    init(_ text: String, _ allowed: Set<AccessRole>) {
        self.text = text
        self.allowed = allowed
    }

    var testDescription: String { "“\(text)”" }
}

enum AccessVerdict: String, Sendable, CustomStringConvertible {
    case allowed = "ALLOWED", refused = "REFUSED"
    var description: String { rawValue }
}

// MARK: - The fixture

enum AccessFixture {
    static let joinCode = "K7P-2QX"
    static let now: Int64 = 1_773_482_400_000  // 2026-03-14 10:00 UTC

    static let menteeA = "Anneliese"
    static let mentorA = "Maximilian"
    static let menteeB = "Birgitta"
    static let topic = "zebra crossings"
    static let amount = "85.40"
    static let claimWhat = "Nightrain Zagreb"
    static let concern = "Quokka pushes me around"

    /// Pair A's names and records, which nobody outside pair A and its cohort may see.
    static let pairAMarkers = [menteeA, mentorA, topic, amount, claimWhat, concern]
    static let claimMarkers = [amount, claimWhat]
    static let concernMarkers = [concern]

    static let csv = """
        name,role,pair,cohort,email
        \(menteeA),mentee,pa,North,anneliese@example.org
        \(mentorA),mentor,pa,North,maximilian@example.org
        \(menteeB),mentee,pb,South,birgitta@example.org
        Casimir,mentor,pb,South,casimir@example.org
        Fran,facilitator,,North,fran@example.org
        Otto,facilitator,,South,otto@example.org
        Fiona,finance_coordinator,,,fiona@example.org
        Cora,coordinator,,,cora@example.org
        Sally,safeguarding_lead,,,sally@example.org

        """

    /// What pair A's mentee says to leave a log entry, a sent claim and a concern.
    static let setup: [String] = [
        "log yesterday 45 min topics: \(topic)", "skip", "skip", "yes",
        "bank details", "bg80 bnbg 9661 1020 3456 78", "\(menteeA) Petrova",
        "lost receipt", "The ticket machine printed nothing", "85,40", "travel", "12 March", claimWhat, "skip", "yes",
        "concern", "tell", "\(concern) in the corridor", "no", "skip", "yes",
    ]

    /// The fixture database, built once; every case works on its own copy.
    static let template: Result<String, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("fixture.sqlite").path
        let runner = try TranscriptTests.runner()
        let pipeline = Pipeline(
            database: try Database(path: path), engine: Engine(catalog: runner.catalog), templates: runner.templates,
            clock: Clock { now })
        let rows = try EnrolmentCSV.parse(csv, languages: ["en"], roles: Set(Role.allCases)).get()
        try pipeline.database.write { connection in
            let importer = EnrolmentImporter(connection, templates: runner.templates)
            let (programme, _) = try importer.programme(
                .init(name: "Exchange", template: "city_to_city", startDate: CalendarDate(iso: "2026-01-05"),
                      joinCode: joinCode), now: 0)
            _ = try importer.apply(rows, to: programme, now: 0)
        }
        for (index, text) in setup.enumerated() {
            try pipeline.receive(InboundMessage(
                channel: .console, externalID: "setup-\(index)", sender: AccessRole.mentee.address, text: text))
        }
        return path
    }

    static let dialogs: Result<TranscriptRunner, any Error> = Result { try TranscriptTests.runner() }
}

/// One case's own copy of the fixture, and a pipeline on it. The copy is removed when the case is done (a run has
/// some two hundred cases; kept, their copies took 340 MB of the disk per run).
final class AccessWorld {
    let pipeline: Pipeline
    private let path: String

    init() throws {
        let template = try AccessFixture.template.get()
        let runner = try AccessFixture.dialogs.get()
        path = template.replacingOccurrences(of: "fixture.sqlite", with: "case-\(UUID().uuidString).sqlite")
        try Backup.copy(from: template, to: path)
        pipeline = Pipeline(
            database: try Database(path: path, synchronous: .off), engine: Engine(catalog: runner.catalog),
            templates: runner.templates, clock: Clock { AccessFixture.now })
    }

    deinit {
        for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
    }

    /// Sends `text` as `role` on the console and returns the replies to them, in order.
    func send(_ text: String, as role: AccessRole) throws -> [String] {
        let before = try pipeline.database.read {
            try $0.query("SELECT COALESCE(MAX(id), 0) AS n FROM outbox").first?.int64("n") ?? 0
        }
        try pipeline.receive(InboundMessage(
            channel: .console, externalID: "case-\(UUID().uuidString)", sender: role.address, text: text))
        return try pipeline.database.read {
            try $0.query(
                "SELECT body FROM outbox WHERE id > ? AND channel = 'console' AND address = ? ORDER BY id",
                [before, role.address]
            ).map { $0.string("body") }
        }
    }

    func count(_ table: String) throws -> Int {
        try pipeline.database.read { try $0.query("SELECT COUNT(*) AS n FROM \(table)").first?.int("n") ?? 0 }
    }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        pipeline.engine.catalog.localizer.text(key, "en", arguments)
    }

    /// REFUSED: the "didn't understand" menu, "you are not enrolled", or an action's refusal; anything else is ALLOWED.
    func classify(_ replies: [String]) -> AccessVerdict {
        guard !replies.isEmpty else { return .refused }
        let all = replies.joined(separator: "\n")
        let refusals = [
            text("engine.unknown"),
            text("engine.not_enrolled"),
            text("stranger.hint"),
            text("facilitation.not_allowed"),
            text("expenses.review.read_only"),
            text("expenses.review.unknown", ["claim": "1"]),
            text("broadcast.error.not_yours", ["name": "North"]),
            text("broadcast.error.not_yours", ["name": "pa"]),
            text("erasure.not_coordinator"),
            text("pairreport.unknown", ["pair": "pa"]),
            text("expenses.not_enrolled"),
        ]
        return refusals.contains { all.contains($0) } ? .refused : .allowed
    }
}
