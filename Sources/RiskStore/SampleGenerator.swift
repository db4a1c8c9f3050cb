import Foundation
import GRDB
import RiskCore

/// What to generate; the same options always produce the same database.
public struct SampleOptions: Sendable {
    public var customers: Int
    public var applications: Int
    public var seed: UInt64
    public var isTrainingData: Bool
    /// The generator's "now": SLA times, KYC expiries and price history are laid out around it.
    public var asOf: Date
    /// When set, extra margin accounts bring the total to this many (for load measurement; see `makeBulkAccounts`).
    public var accounts: Int?
    /// Trading days of closes per instrument: 60 for a small sample, a year at desk scale.
    public var priceDays: Int
    /// Whether every customer with an application gets a margin account (see `makeCustomerAccounts`); otherwise only an
    /// activated application opens one. On at desk scale, where the desk holds a book of existing accounts.
    public var accountForEveryCustomer: Bool
    /// Historical loans in `loan_history` (drawn by `LoanHistoryProcess` from a stream of their own, so the rest of
    /// the sample does not depend on how many): twenty per customer, at least 1,000 and at most 20,000, unless set.
    public var loanHistory: Int

    /// From this many applications on, a sample is a desk's book (`priceDays` a year, `accountForEveryCustomer`).
    public static let deskScale = 100_000
    /// Trading days in a year of prices.
    public static let tradingYear = 250

    public init(customers: Int? = nil, applications: Int = 2_000, seed: UInt64 = 42, isTrainingData: Bool = false,
                asOf: Date) {
        self.applications = applications
        self.customers = customers ?? max(10, applications / 2)
        self.seed = seed
        self.isTrainingData = isTrainingData
        self.asOf = asOf
        let desk = applications >= Self.deskScale
        priceDays = desk ? Self.tradingYear : 60
        accountForEveryCustomer = desk
        loanHistory = min(20_000, max(1_000, 20 * self.customers))
    }
}

/// What the generator wrote.
public struct SampleSummary: Sendable {
    public var customers = 0
    public var instruments = 0
    public var applications = 0
    public var accounts = 0
    public var alerts = 0
    public var marginCalls = 0
    public var auditEntries = 0
    public var stageCounts: [Stage: Int] = [:]
}

/// Builds a realistic, deterministic sample database through the same core rules the product uses.
public enum SampleGenerator {
    /// The login recorded on every audit entry of the generated history.
    public static let login = "sample"

    public static let users: [User] = [
        User(name: "wang.fang", displayName: "王芳", role: .officer, approvalLimit: Money(yuan: 1_000_000)),
        User(name: "li.na", displayName: "李娜", role: .officer, approvalLimit: Money(yuan: 1_000_000)),
        User(name: "alice.chen", displayName: "Alice Chen", role: .officer, approvalLimit: Money(yuan: 500_000)),
        User(name: "zhao.min", displayName: "赵敏", role: .supervisor, approvalLimit: Money(yuan: 20_000_000)),
        User(name: "david.lin", displayName: "David Lin", role: .supervisor, approvalLimit: Money(yuan: 20_000_000)),
        User(name: "zhou.qiang", displayName: "周强", role: .auditor, approvalLimit: .zero),
        User(name: "trainer", displayName: "Training Lead", role: .trainer, approvalLimit: Money(yuan: 20_000_000)),
    ]

    /// Generates the sample into `store`, a new database, reporting each phase's progress to `progress`, which returns
    /// false to stop the run (it then throws `StoreError.interrupted`). The rows are written in batches of
    /// `Generation.batchSize`, one transaction each, without the triggers and secondary indexes (see `BulkLoad`): a run
    /// that fails leaves an incomplete database behind, so generate into a new file (`seed(to:…)` does, and removes it).
    public static func generate(into store: RiskStore, options: SampleOptions,
                                progress: @escaping (SeedProgress) -> Bool = { _ in true }) throws(StoreError) -> SampleSummary {
        try store.wrap {
            try store.writer.writeWithoutTransaction { db in
                // A new file, rebuilt from scratch when anything goes wrong: durability per batch buys nothing here.
                try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -524288")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000") }
                try db.beginTransaction(.immediate)
                do {
                    // The generated history was made by no one at this machine: its entries carry the login `sample`, so
                    // the same seed and date give the same database, audit chain included, whoever runs it.
                    let login = try AuditChain.sessionLogin(db)
                    try AuditChain.setSessionLogin(SampleGenerator.login, db)
                    var load = try BulkLoad.begin(db)
                    var generator = try Generation(options: options, db: db, progress: progress)
                    try generator.run(&load)
                    try AuditChain.setSessionLogin(login, db)
                    try db.commit()
                    return generator.summary
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        }
    }
}

/// How far a generation has come: `done` of `total` items of one phase. Each phase starts at 0 and ends at its total.
public struct SeedProgress: Sendable, Hashable {
    public var phase: SeedPhase
    public var done: Int
    public var total: Int
}

/// The phases of a generation, in the order they run.
public enum SeedPhase: String, Sendable, Hashable, CaseIterable {
    case instruments, customers, applications, accounts, alerts, calls = "margin calls", history = "loan history", indexes,
         finishing
}

/// One run of the generator, committing every `batchSize` rows; its parts live in the Sample*.swift files.
struct Generation {
    /// Rows written per transaction.
    static let batchSize = 10_000
    /// Rows between two progress reports.
    static let reportEvery = 1_000

    let options: SampleOptions
    let db: Database
    let progress: (SeedProgress) -> Bool
    /// The audit chain's head, kept in memory while the generator appends.
    var chain: SampleChain
    var random: SampleRandom
    var summary = SampleSummary()
    var instruments: [Instrument] = []
    var customers: [Customer] = []
    /// Each instrument's daily closes, oldest first, to value holdings on the day an application or account was made.
    var closes: [String: [(String, Money)]] = [:]
    /// The days of `closes` as days since 1970, for the lookups by date.
    var closeDays: [String: [Int]] = [:]
    /// Each instrument's place in `instruments`.
    var instrumentIndex: [String: Int] = [:]
    /// Each customer's cash, holdings and financing, as the applications and accounts see them.
    var books: [String: SampleBook] = [:]
    /// The customers who have made an application.
    var applicants: Set<String> = []
    var now: Date { options.asOf }
    let day: TimeInterval = 86_400

    init(options: SampleOptions, db: Database, progress: @escaping (SeedProgress) -> Bool) throws {
        self.options = options
        self.db = db
        self.progress = progress
        self.random = SampleRandom(seed: options.seed)
        self.chain = try SampleChain(db)
    }

    mutating func run(_ load: inout BulkLoad) throws {
        try settings()
        for user in SampleGenerator.users {
            try db.execute(sql: "INSERT INTO users (name, display_name, role, approval_limit_fen, active) VALUES (?,?,?,?,1)",
                           arguments: [user.name, user.displayName, user.role.rawValue, user.approvalLimit.fen])
        }
        try makeInstruments()
        try makeCustomers()
        try makeApplications()
        if options.accountForEveryCustomer { try makeCustomerAccounts() }
        if let accounts = options.accounts { try makeBulkAccounts(upTo: accounts) }
        let accounts = try makeAlerts()
        // The margin calls the desk would have open on the sample's day: every account under its warning line gets
        // its call (amount to the recovery line, T+2 deadline), written by the same review the feed runs per batch.
        try report(.calls, 0, 1)
        summary.marginCalls = try RiskStore.reviewMarginCalls(accounts, at: now, by: RiskStore.engineActor, db)
            .filter { $0.action == "margin_call.open" }.count
        try report(.calls, 1, 1, commit: true)
        try modelVersions()
        try makeLoanHistory()
        // Built once from the loaded rows, which is faster than keeping them current row by row.
        try report(.indexes, 0, 1)
        try load.restoreIndexes(db)
        try report(.indexes, 1, 1, commit: true)
        try report(.finishing, 0, 1)
        try load.restoreTriggers(db)
        // The generator's writes are the sample's history, not changes any console is waiting to see.
        if try ChangeLog.exists(db) { try db.execute(sql: "DELETE FROM change_log") }
        summary.auditEntries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0
        try report(.finishing, 1, 1)
    }

    /// Called after each item of a phase: commits every `batchSize` items (and at the end of the phase, or when `commit`
    /// is set) and reports every `reportEvery`; throws `interrupted` when the progress handler says stop.
    func report(_ phase: SeedPhase, _ done: Int, _ total: Int, commit: Bool = false) throws {
        let last = done == total
        if commit || (done > 0 && (done % Self.batchSize == 0 || last)) {
            try db.commit()
            try db.beginTransaction(.immediate)
        }
        guard done == 0 || last || done % Self.reportEvery == 0 else { return }
        guard progress(SeedProgress(phase: phase, done: done, total: total)) else {
            throw StoreError.interrupted("the seed was interrupted during \(phase.rawValue)")
        }
    }

    mutating func settings() throws {
        // Every desk setting from the registry's defaults, so the sample and the product cannot drift apart.
        let values: [(String, String)] = [
            (SettingKey.trainingData, options.isTrainingData ? "true" : "false"),
            (SettingKey.description, "riskdesk sample data, seed \(options.seed), \(options.applications) applications, as of \(AuditChain.timestamp(now))"),
            (SettingKey.sentiment, "-0.35"), (SettingKey.championModel, Scorecard.standard.version),
            (SettingKey.asOf, String(now.timeIntervalSince1970.rounded())),
        ] + DeskSettings.defaultStoredValues.map { ($0.key, $0.value) }
        for (key, value) in values {
            try db.execute(sql: "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?,?,?,'seed')",
                           arguments: [key, value, now.timeIntervalSince1970])
        }
        for (name, value) in PricingParameters().fields.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO pricing_parameters (name, value, updated_at, updated_by) VALUES (?,?,?,'seed')",
                           arguments: [name, value, now.timeIntervalSince1970])
        }
        try chain.append(AuditRecord(actor: "seed", action: "database.seed", subject: "database",
                                          after: ["seed": String(options.seed), "applications": String(options.applications),
                                                  "training": String(options.isTrainingData)],
                                          reason: "sample data generated"), at: now)
    }
}
