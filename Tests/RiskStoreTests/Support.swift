import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// A private scratch directory for one test; call `remove()` in a `defer`.
struct TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("riskstore-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` and returns the StoreError it threw, or nil when it succeeded.
func storeError<T>(_ body: () throws -> T) -> StoreError? {
    do {
        _ = try body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(type(of: error)): \(error)")
        return .database("not a StoreError: \(error)")
    }
}

/// Shared data: a fixed clock and a small hand-built database.
enum Fixture {
    /// 2026-11-27T09:30:00Z, the same "now" as `riskdesk seed --as-of 2026-11-27`.
    static let asOf = Date(timeIntervalSince1970: 1_795_771_800)
    /// Two hours later: every claim the sample generator hands out has expired by then.
    static let later = asOf.addingTimeInterval(2 * 3_600)

    static func customer(id: String = "C000001", name: String = "张伟") -> Customer {
        Customer(id: id, name: name, nationalID: "110101199003074518", phone: "13812342210", segment: .retail,
                 suitability: .c4, kycStatus: .valid, kycExpiry: asOf.addingTimeInterval(365 * 86_400), amlStatus: .clear,
                 isPEP: false, tenureMonths: 36,
                 behaviour: TradingBehaviour(annualTurnover: 5, averageHoldingDays: 30, largestPositionShare: 0.25,
                                             marginCallsLast12Months: 0, maxDaysPastDue: 0),
                 securitiesAssets: Money(yuan: 10_000_000), liabilities: .zero, lifetimeValue: Money(yuan: 20_000))
    }

    static func application(_ id: String, yuan: Int64, stage: Stage = .manualReview, grade: Grade? = .c,
                            customerID: String = "C000001") -> Application {
        Application(id: id, customerID: customerID, requestedLine: Money(yuan: yuan),
                    requestedLeverage: Leverage(hundredths: 200), termMonths: 6, channel: .online, stage: stage,
                    flags: [Flag(code: "QA", text: "selected for random quality review")], score: 600,
                    probabilityOfDefault: 0.03, grade: grade, quotedRate: BasisPoints(800),
                    submittedAt: asOf.addingTimeInterval(-3_600), slaDue: asOf.addingTimeInterval(86_400))
    }

    /// ¥500,000 in manual review: within an officer's limit and the four-eyes threshold.
    static let small = "APP-SMALL"
    /// ¥1,500,000: above an officer's limit and above the four-eyes threshold.
    static let mid = "APP-MID"
    /// ¥3,000,000: a supervisor's first approval needs a second approver.
    static let big = "APP-BIG"
    /// ¥300,000 for the claim tests.
    static let claimable = "APP-CLAIM"

    /// How many audit entries `store(in:)` writes: one `application.create` per application.
    static let storeAuditEntries = 4

    /// A new database with the sample users, one customer and four applications in manual review, each with
    /// the `application.create` audit entry that `audit verify` replays it from.
    static func store(in dir: TempDir, name: String = "fixture.sqlite") throws -> RiskStore {
        let store = try RiskStore.create(at: dir.path(name))
        for user in SampleGenerator.users { try store.addUser(user) }
        try store.write { db in
            try Rows.insert(customer(), db)
            for app in [application(small, yuan: 500_000), application(mid, yuan: 1_500_000),
                        application(big, yuan: 3_000_000), application(claimable, yuan: 300_000)] {
                try Rows.insert(app, modelVersion: nil, db)
                try AuditChain.append(AuditRecord.applicationCreated(app.id, stage: app.stage, line: app.requestedLine,
                                                                     leverage: app.requestedLeverage, actor: "seed"),
                                      at: app.submittedAt, db)
            }
        }
        return store
    }

    /// A generated sample database.
    static func sample(in dir: TempDir, name: String = "sample.sqlite", applications: Int = 150, seed: UInt64 = 7,
                       training: Bool = false) throws -> (RiskStore, SampleSummary) {
        let store = try RiskStore.create(at: dir.path(name))
        let summary = try SampleGenerator.generate(into: store, options: SampleOptions(
            applications: applications, seed: seed, isTrainingData: training, asOf: asOf))
        return (store, summary)
    }
}

extension RiskStore {
    /// `SELECT COUNT(*)` of a table (test helper).
    func rowCount(_ table: String, where condition: String = "1") throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)") ?? -1 }
    }
}
