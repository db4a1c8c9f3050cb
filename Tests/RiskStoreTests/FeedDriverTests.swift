import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("Feed driver and bulk accounts")
struct FeedDriverTests {
    @Test("seed --accounts tops the accounts up to the number asked for")
    func bulkAccounts() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RiskStore.create(at: dir.path("bulk.sqlite"))
        var options = SampleOptions(applications: 60, seed: 5, asOf: Fixture.asOf)
        options.accounts = 400
        let summary = try SampleGenerator.generate(into: store, options: options)
        #expect(summary.accounts == 400)
        #expect(try store.rowCount("accounts") == 400)
        // Every bulk account owes something and holds at least one position.
        #expect(try store.rowCount("accounts", where: "id LIKE 'B%' AND financed_fen > 0 AND id IN (SELECT account_id FROM positions)")
                == store.rowCount("accounts", where: "id LIKE 'B%'"))
    }

    @Test("the same seed on two copies gives the same batches, prices and events at the same clock")
    func deterministic() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        func run(_ name: String) throws -> (FeedTotals, [String]) {
            let (store, _) = try Fixture.sample(in: dir, name: name, applications: 120, seed: 3, training: true)
            var driver = try FeedDriver(store: store, seed: 77, now: Fixture.later)
            for step in 0..<40 {
                _ = try driver.step(ticks: 25, at: Fixture.later.addingTimeInterval(Double(step) * 0.5))
            }
            let state = try store.read { db in
                try String.fetchAll(db, sql: "SELECT code || ':' || last_price_fen FROM instruments ORDER BY code")
                    + String.fetchAll(db, sql: "SELECT dedupe_key || ':' || state FROM alerts ORDER BY id")
            }
            #expect(try store.verifyAuditChain().isIntact)
            return (driver.totals, state)
        }
        let (a, stateA) = try run("a.sqlite")
        let (b, stateB) = try run("b.sqlite")
        #expect(a == b)
        #expect(stateA == stateB)
        #expect(a.ticks == 1_000 && a.batches == 40)
        // 20 s of feed clock with 10 s timers: at 0, 10 and 20 s... the last step is at 19.5 s, so two runs.
        #expect(a.timerRuns == 2)
        #expect(a.accountsRevalued > 0)
    }
}
