import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("sample generator")
struct SampleGeneratorTests {
    /// Everything that describes the generated content, in a stable order.
    static func digest(_ store: RiskStore) throws -> [String] {
        try store.read { db in
            var lines: [String] = []
            for (table, order) in [("applications", "id"), ("customers", "id"), ("accounts", "id"), ("positions", "account_id, code"),
                                   ("instruments", "code"), ("decisions", "id"), ("alerts", "id"), ("loans", "id"),
                                   ("transfers", "id"), ("audit_log", "seq"), ("users", "name")] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") {
                    lines.append("\(table): \(row)")
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM settings ORDER BY key") { lines.append("settings: \(row)") }
            for row in try Row.fetchAll(db, sql: "SELECT name, value FROM pricing_parameters ORDER BY name") { lines.append("pricing: \(row)") }
            return lines
        }
    }

    @Test func sameSeedAndDateGiveTheSameDatabase() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (a, summaryA) = try Fixture.sample(in: dir, name: "a.sqlite", applications: 100, seed: 11)
        let (b, summaryB) = try Fixture.sample(in: dir, name: "b.sqlite", applications: 100, seed: 11)
        let digestA = try Self.digest(a)
        let digestB = try Self.digest(b)
        #expect(digestA.count == digestB.count)
        if let index = digestA.indices.first(where: { $0 < digestB.count && digestA[$0] != digestB[$0] }) {
            Issue.record("first difference:\n\(digestA[index])\n\(digestB[index])")
        }
        #expect(digestA == digestB)
        #expect(try a.auditHead()?.anchor == b.auditHead()?.anchor)
        #expect(try a.auditTail(count: 1).first?.hash == b.auditTail(count: 1).first?.hash)
        #expect(summaryA.stageCounts == summaryB.stageCounts)
        #expect(summaryA.alerts == summaryB.alerts)
    }

    @Test func differentSeedOrDateGiveDifferentDatabases() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (a, _) = try Fixture.sample(in: dir, name: "a.sqlite", applications: 100, seed: 11)
        let (b, _) = try Fixture.sample(in: dir, name: "b.sqlite", applications: 100, seed: 12)
        #expect(try a.auditHead()?.anchor != b.auditHead()?.anchor)
        let appsA = try a.read { db in try Row.fetchAll(db, sql: "SELECT * FROM applications ORDER BY id").map(\.description) }
        let appsB = try b.read { db in try Row.fetchAll(db, sql: "SELECT * FROM applications ORDER BY id").map(\.description) }
        #expect(appsA != appsB)

        let c = try RiskStore.create(at: dir.path("c.sqlite"))
        _ = try SampleGenerator.generate(into: c, options: SampleOptions(applications: 100, seed: 11,
                                                                          asOf: Fixture.asOf.addingTimeInterval(86_400)))
        #expect(try a.auditHead()?.anchor != c.auditHead()?.anchor)
    }

    @Test func countsMatchTheOptions() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, summary) = try Fixture.sample(in: dir, applications: 120, seed: 3)
        #expect(summary.applications == 120)
        #expect(summary.customers == 60)
        #expect(try store.rowCount("applications") == 120)
        #expect(try store.rowCount("customers") == 60)
        #expect(try store.rowCount("instruments") == summary.instruments)
        #expect(try store.rowCount("accounts") == summary.accounts)
        #expect(try store.rowCount("alerts") == summary.alerts)
        #expect(try store.rowCount("audit_log") == summary.auditEntries)
        #expect(try store.rowCount("users") == SampleGenerator.users.count)
        #expect(summary.stageCounts.values.reduce(0, +) == 120)
        for (stage, n) in summary.stageCounts {
            #expect(try store.rowCount("applications", where: "stage = '\(stage.rawValue)'") == n, "\(stage)")
        }

        let custom = try RiskStore.create(at: dir.path("custom.sqlite"))
        let small = try SampleGenerator.generate(into: custom, options: SampleOptions(customers: 25, applications: 40, seed: 3,
                                                                                      asOf: Fixture.asOf))
        #expect(small.customers == 25 && small.applications == 40)
        #expect(try custom.rowCount("customers") == 25)
        #expect(try custom.rowCount("applications") == 40)
        #expect(SampleOptions(applications: 8, asOf: Fixture.asOf).customers == 10)
    }

    @Test func everyStageAppearsIn400Applications() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, summary) = try Fixture.sample(in: dir, applications: 400, seed: 42)
        let stored = Set(try store.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT stage FROM applications") }
            .compactMap(Stage.init(rawValue:)))
        let missing = Set(Stage.allCases).subtracting(stored)
        #expect(missing.isEmpty, "stages missing from the sample: \(missing.map(\.rawValue).sorted())")
        #expect(Set(summary.stageCounts.keys) == stored)
        #expect(try store.verifyAuditChain() == .intact(entries: summary.auditEntries))
    }

    @Test func trainingFlag() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (training, _) = try Fixture.sample(in: dir, name: "t.sqlite", applications: 60, training: true)
        #expect(try training.isTrainingData())
        #expect(try training.setting(SettingKey.trainingData) == "true")
        let (normal, _) = try Fixture.sample(in: dir, name: "n.sqlite", applications: 60)
        #expect(try normal.isTrainingData() == false)

        // The trainer may decide on training data, not elsewhere.
        let pick = { (store: RiskStore) throws -> Application? in
            try store.approvalQueue(filter: QueueFilter(stages: [.manualReview]), limit: 1_000).rows
                .map(\.application).first { $0.requestedLine <= Money(yuan: 1_000_000) }
        }
        let trainingApp = try #require(try pick(training))
        let outcome = try training.apply(DecisionRequest(applicationID: trainingApp.id, kind: .approve, actor: "trainer",
                                                         expectedVersion: trainingApp.version), at: Fixture.later)
        #expect(outcome.to == .compliance)
        let normalApp = try #require(try pick(normal))
        #expect(storeError { try normal.apply(DecisionRequest(applicationID: normalApp.id, kind: .approve, actor: "trainer",
                                                              expectedVersion: normalApp.version), at: Fixture.later) }
            == .refused(.readOnly(user: "trainer")))
    }

    @Test func auditChainIsIntactAfterGeneration() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, summary) = try Fixture.sample(in: dir, applications: 150, seed: 5)
        #expect(summary.auditEntries > 1)
        #expect(try store.verifyAuditChain() == .intact(entries: try store.rowCount("audit_log")))
        #expect(try store.verifyAuditChain() == .intact(entries: summary.auditEntries))
        #expect(try store.integrityProblem() == nil)
        let first = try #require(try store.auditTail(count: summary.auditEntries).first)
        #expect(first.record.action == "database.seed")
        #expect(first.previousHash == String(repeating: "0", count: 64))
        // Decided applications carry their history both as decisions and as audit entries.
        let decided = try store.rowCount("decisions")
        #expect(decided > 0)
        #expect(try store.rowCount("audit_log", where: "action LIKE 'decision.%'") == decided)
    }
}
