import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("Feed runs for the benchmark")
struct FeedRunTests {
    @Test("a run counts its own batches, ticks, revaluations and evaluations; a second run only its own")
    func runFigures() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 120, seed: 3, training: true)
        var driver = try FeedDriver(store: store, seed: 77, now: Fixture.later)
        let first = try driver.run(batches: 12, ticksPerBatch: 25, from: Fixture.later, interval: 1)
        #expect(first.totals == driver.totals, "a fresh driver's first run is all it did")
        #expect(first.totals.batches == 12 && first.totals.ticks == 300)
        #expect(first.batchSeconds.count == 12)
        // Batches at 0…11 s of feed clock with 10 s timers: at 0 and at 10 s.
        #expect(first.totals.timerRuns == 2)
        #expect(first.totals.accountsRevalued > 0 && first.totals.alerts.evaluated > 0)
        let count = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM market_batches") ?? 0 }
        #expect(count == 12)

        let before = driver.totals
        let second = try driver.run(batches: 3, ticksPerBatch: 10, from: Fixture.later.addingTimeInterval(12), interval: 1)
        #expect(second.totals.batches == 3 && second.totals.ticks == 30)
        #expect(second.batchSeconds.count == 3)
        #expect(second.totals.accountsRevalued == driver.totals.accountsRevalued - before.accountsRevalued)
        #expect(second.totals.alerts.evaluated == driver.totals.alerts.evaluated - before.alerts.evaluated)
        #expect(second.totals.timerRuns == 0)
        #expect(second.batchSeconds(quantile: 1) == second.batchSeconds.max())
        #expect(try store.verifyAuditChain().isIntact)
    }

    @Test("batch quantiles by nearest rank")
    func quantiles() {
        let values = (1...200).map(Double.init)
        #expect(FeedProfile.quantile(values, 0.5) == 100)
        #expect(FeedProfile.quantile(values, 0.99) == 198)
        #expect(FeedProfile.quantile(values, 1) == 200)
        #expect(FeedProfile.quantile([], 0.5) == nil)
    }
}
