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

    public init(customers: Int? = nil, applications: Int = 2_000, seed: UInt64 = 42, isTrainingData: Bool = false,
                asOf: Date) {
        self.applications = applications
        self.customers = customers ?? max(10, applications / 2)
        self.seed = seed
        self.isTrainingData = isTrainingData
        self.asOf = asOf
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

    public static func generate(into store: RiskStore, options: SampleOptions) throws(StoreError) -> SampleSummary {
        try store.write { db in
            // The generated history was made by no one at this machine: its entries carry the login `sample`, so the
            // same seed and date give the same database, audit chain included, whoever runs it.
            let login = try AuditChain.sessionLogin(db)
            try AuditChain.setSessionLogin(SampleGenerator.login, db)
            var generator = Generation(options: options, db: db)
            try generator.run()
            try AuditChain.setSessionLogin(login, db)
            return generator.summary
        }
    }
}

/// One run of the generator inside a single transaction; its parts live in the Sample*.swift files.
struct Generation {
    let options: SampleOptions
    let db: Database
    var random: SampleRandom
    var summary = SampleSummary()
    var instruments: [Instrument] = []
    var customers: [Customer] = []
    /// Each instrument's daily closes, oldest first, to value holdings on the day an application or account was made.
    var closes: [String: [(String, Money)]] = [:]
    /// Each customer's cash, holdings and financing, as the applications and accounts see them.
    var books: [String: SampleBook] = [:]
    var now: Date { options.asOf }
    let day: TimeInterval = 86_400

    init(options: SampleOptions, db: Database) {
        self.options = options
        self.db = db
        self.random = SampleRandom(seed: options.seed)
    }

    mutating func run() throws {
        try settings()
        for user in SampleGenerator.users {
            try db.execute(sql: "INSERT INTO users (name, display_name, role, approval_limit_fen, active) VALUES (?,?,?,?,1)",
                           arguments: [user.name, user.displayName, user.role.rawValue, user.approvalLimit.fen])
        }
        try makeInstruments()
        try makeCustomers()
        try makeApplications()
        if let accounts = options.accounts { try makeBulkAccounts(upTo: accounts) }
        try makeAlerts()
        // The margin calls the desk would have open on the sample's day: every account under its warning line gets
        // its call (amount to the recovery line, T+2 deadline), written by the same review the feed runs per batch.
        summary.marginCalls = try RiskStore.reviewMarginCalls(try RiskStore.marginAccounts(nil, db), at: now, by: RiskStore.engineActor, db)
            .filter { $0.action == "margin_call.open" }.count
        try modelVersions()
        // The generator's writes are the sample's history, not changes any console is waiting to see.
        if try ChangeLog.exists(db) { try db.execute(sql: "DELETE FROM change_log") }
        summary.auditEntries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0
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
        try AuditChain.append(AuditRecord(actor: "seed", action: "database.seed", subject: "database",
                                          after: ["seed": String(options.seed), "applications": String(options.applications),
                                                  "training": String(options.isTrainingData)],
                                          reason: "sample data generated"), at: now, db)
    }
}
