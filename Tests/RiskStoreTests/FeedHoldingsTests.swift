import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// The feed's in-memory accounts (`FeedHoldings`) must see every write to an account or a position, whoever made it.
@Suite("Feed holdings kept between batches")
struct FeedHoldingsTests {
    let t0 = Fixture.asOf

    private func warnings(_ store: RiskStore) throws -> [Int] {
        try store.read { db in
            try Int.fetchAll(db, sql: """
                SELECT ratio_bp FROM alerts WHERE subject = 'account:A-T1' AND rule = 'margin.warning' AND state = 'open'
                """)
        }
    }

    /// Another connection sells 1,000 of A-T1's 10,000 shares of 300750 and gives A-T6 (no positions) 100 shares.
    private func otherWriterTrades(_ path: String) throws {
        let other = try RiskStore.open(at: path)
        try other.write { db in
            try db.execute(sql: "UPDATE positions SET quantity = 9000 WHERE account_id = 'A-T1' AND code = '300750'")
            try db.execute(sql: "INSERT INTO positions (account_id, code, quantity) VALUES ('A-T6', '300750', 100)")
        }
    }

    @Test("another writer changes positions between batches: the next batch revalues with them")
    func anotherWriter() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        var holdings = FeedHoldings()
        var profile = FeedProfile()
        // ¥161.00: A-T1 = (5,000,000 + 10,000 × 16,100) / 100,333,333 = 165.45%, above every line.
        let first = try store.apply(FeedBatch(at: t0, ticks: [tick("300750", 16_100, close: 16_000)]), holdings: &holdings, profile: &profile)
        #expect(first.accountsRevalued == 3)  // A-T1, A-T2, A-T3
        #expect(try warnings(store).isEmpty)
        #expect(holdings.fullLoads == 1)

        try otherWriterTrades(dir.path("fixture.sqlite"))

        // ¥160.00 with 9,000 shares: (5,000,000 + 144,000,000) × 10,000 / 100,333,333 = 14,850 bp < 15,000 → warning.
        // With the 10,000 shares of before it would be 164.45% and raise nothing.
        let second = try store.apply(FeedBatch(at: t0.addingTimeInterval(1), ticks: [tick("300750", 16_000, close: 16_000)]),
                                     holdings: &holdings, profile: &profile)
        #expect(second.accountsRevalued == 4)  // A-T6 now holds 300750 too
        #expect(try warnings(store) == [14_850])
        #expect(holdings.fullLoads == 1 && holdings.accountReloads == 2)  // only A-T1 and A-T6 were read again
        #expect(profile.batches.count == 2)
    }

    @Test("a change log pruned past what the holdings read makes them load everything again")
    func prunedLog() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        var holdings = FeedHoldings()
        var profile = FeedProfile()
        _ = try store.apply(FeedBatch(at: t0, ticks: [tick("300750", 16_100, close: 16_000)]), holdings: &holdings, profile: &profile)
        try otherWriterTrades(dir.path("fixture.sqlite"))
        // Everything up to now leaves the log (as the feed's hourly pruning would after a long pause).
        try store.pruneChanges(before: try store.latestChangeSeq() + 1)
        let second = try store.apply(FeedBatch(at: t0.addingTimeInterval(1), ticks: [tick("300750", 16_000, close: 16_000)]),
                                     holdings: &holdings, profile: &profile)
        #expect(holdings.fullLoads == 2)
        #expect(second.accountsRevalued == 4)
        #expect(try warnings(store) == [14_850])
    }

    @Test("a driver keeping its accounts in memory writes exactly what one reading them every batch writes")
    func sameAsRereading() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        func run(_ name: String, caching: Bool) throws -> (FeedTotals, [String], Int) {
            let (store, _) = try Fixture.sample(in: dir, name: name, applications: 120, seed: 3, training: true)
            var driver = try FeedDriver(store: store, seed: 41, now: Fixture.later, cachingAccounts: caching)
            for step in 0..<30 {
                _ = try driver.step(ticks: 25, at: Fixture.later.addingTimeInterval(Double(step) * 0.5))
                if step == 10 {
                    // A desk action between batches: a top-up of the first account with a position changes its cash.
                    try store.write { db in
                        try db.execute(sql: "UPDATE accounts SET cash_fen = cash_fen + 100000000 WHERE id = (SELECT MIN(account_id) FROM positions)")
                    }
                }
            }
            let state = try store.read { db in
                try String.fetchAll(db, sql: "SELECT code || ':' || last_price_fen FROM instruments ORDER BY code")
                    + String.fetchAll(db, sql: """
                        SELECT dedupe_key || ':' || state || ':' || COALESCE(ratio_bp, '') || ':' || message FROM alerts ORDER BY id
                        """)
            }
            return (driver.totals, state, driver.holdings.fullLoads)
        }
        let (cached, cachedState, loads) = try run("cached.sqlite", caching: true)
        let (reread, rereadState, none) = try run("reread.sqlite", caching: false)
        #expect(cached == reread)
        #expect(cachedState == rereadState)
        #expect(cached.accountsRevalued > 0)
        #expect(loads == 1 && none == 0)
    }
}
