import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("Training on the loan history and registering a candidate")
struct ModelTrainingStoreTests {
    static let day = 86_400.0

    @Test("the training table holds the matured loans only, with missing holding periods and the channel as a category")
    func dataset() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir)
        let matured = try store.rowCount("loan_history", where: "default_12m IS NOT NULL")
        let bads = try store.rowCount("loan_history", where: "default_12m = 1")
        let all = try store.trainingDataset(target: .default12m, asOf: nil)
        #expect(all.rowCount == matured)
        #expect(all.badCount == bads)
        #expect(all.rowCount > 500)
        #expect(all.columns.map(\.name) == FeatureCatalog.entries.map(\.feature))
        let holding = try #require(all.columns.first { $0.name == FeatureCatalog.averageHoldingDays })
        guard case .numeric(let days) = holding.values else { Issue.record("holding is numeric"); return }
        #expect(days.filter { $0 == nil }.count
                == (try store.rowCount("loan_history", where: "default_12m IS NOT NULL AND avg_holding_days IS NULL")))
        let channel = try #require(all.columns.first { $0.name == FeatureCatalog.channel })
        guard case .categorical = channel.values else { Issue.record("channel is categorical"); return }

        // As of a year before the sample's day, only loans applied two years before it count.
        let earlier = Fixture.asOf.addingTimeInterval(-365 * Self.day)
        let older = try store.trainingDataset(target: .default12m, asOf: earlier)
        let cutoff = earlier.timeIntervalSince1970 - 365 * Self.day
        #expect(older.rowCount == (try store.rowCount("loan_history", where: "default_12m IS NOT NULL AND applied_at <= \(cutoff)")))
        #expect(older.rowCount < all.rowCount)
        #expect((older.appliedAt ?? []).allSatisfy { $0.timeIntervalSince1970 <= cutoff })
        // Margin calls mature after 30 days: more rows than defaults.
        let calls = try store.trainingDataset(target: .marginCall30d, asOf: Fixture.asOf)
        #expect(calls.rowCount == (try store.rowCount("loan_history",
                                                        where: "margin_call_30d IS NOT NULL AND applied_at <= \(Fixture.asOf.timeIntervalSince1970 - 30 * Self.day)")))
        #expect(calls.rowCount > all.rowCount)
    }

    @Test("a supervisor registers a trained card as a candidate, audited; the same version twice, an officer, an auditor and the trainer on live data are refused")
    func register() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir)
        let dataset = try store.trainingDataset(target: .default12m, asOf: nil)
        let trained = try ScorecardTrainer.train(dataset, options: TrainingOptions(), benchmark: .standard,
                                                 description: "test card", now: Fixture.asOf)
        let entries: Int
        if case .intact(let n) = try store.verifyAuditChain() { entries = n } else { Issue.record("chain intact"); return }

        for name in ["wang.fang", "zhou.qiang", "trainer"] {
            let error = storeError { try store.registerCandidate(trained, by: name, at: Fixture.later) }
            guard case .refused? = error else { Issue.record("\(name) should be refused, got \(String(describing: error))"); continue }
        }
        #expect(try store.storedModel(trained.card.version) == nil)

        try store.registerCandidate(trained, by: "zhao.min", at: Fixture.later)
        let stored = try #require(try store.storedModel(trained.card.version))
        #expect(stored.card?.version == trained.card.version)
        #expect(stored.card?.characteristics == trained.card.characteristics)
        #expect(stored.report == trained.report)
        #expect(stored.summary.status == .candidate)
        #expect(try store.rowCount("model_versions", where: "version = '\(trained.card.version)' AND status = 'candidate' AND target = 'default_12m' AND abs(auc - \(trained.report.auc)) < 1e-9") == 1)
        #expect(try store.verifyAuditChain() == .intact(entries: entries + 1))
        let audit = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT actor, subject FROM audit_log WHERE action = 'model.register'")
        }
        #expect(audit?["actor"] as String? == "zhao.min")
        #expect(audit?["subject"] as String? == "model:\(trained.card.version)")

        let again = storeError { try store.registerCandidate(trained, by: "david.lin", at: Fixture.later) }
        #expect(again?.description.contains("already registered") == true)
    }

    @Test("the trainer registers on training data")
    func trainerOnTrainingData() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, training: true)
        let dataset = try store.trainingDataset(target: .default12m, asOf: nil)
        let trained = try ScorecardTrainer.train(dataset, options: TrainingOptions(seed: 3), description: "training",
                                                 now: Fixture.asOf)
        try store.registerCandidate(trained, by: "trainer", at: Fixture.later)
        #expect(try store.storedModel(trained.card.version)?.summary.status == .candidate)
    }
}
