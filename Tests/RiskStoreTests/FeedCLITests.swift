import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk feed` end to end on a seeded training sample (the built binary; run `swift build` first).
@Suite("riskdesk feed end to end", .serialized)
struct FeedCLITests {
    @Test("feed --duration 2 writes batches, prices and alerts; the audit chain still verifies")
    func runsForTwoSeconds() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        let before = try RiskStore.open(at: path, readOnly: true)
        let auditBefore = try before.rowCount("audit_log")
        let prices = try before.read { db in try Int64.fetchAll(db, sql: "SELECT last_price_fen FROM instruments ORDER BY code") }

        let run = try CLITests.run(["feed", "--db", path, "--user", "trainer", "--seed", "3", "--duration", "2"], in: dir)
        #expect(run.status == 0, "feed failed: \(run.stderr)")
        #expect(run.stdout.contains("ticks in"))
        let after = try RiskStore.open(at: path, readOnly: true)
        #expect(try after.rowCount("market_batches") >= 5)
        #expect(try after.latestMarketBatch() != nil)
        let moved = try after.read { db in try Int64.fetchAll(db, sql: "SELECT last_price_fen FROM instruments ORDER BY code") }
        #expect(moved != prices)
        // The first timed check records the feed's sentiment (the sample's −0.35 changes) and the engine touches alerts.
        #expect(try after.rowCount("audit_log") > auditBefore)
        #expect(try after.rowCount("alerts", where: "updated_at IS NOT NULL") > 0)
        let verify = try CLITests.run(["audit", "verify", "--db", path], in: dir)
        #expect(verify.status == 0, "audit verify: \(verify.stdout) \(verify.stderr)")
    }

    @Test("the same seed on the same database gives the same prices and events")
    func deterministic() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (a, seededA) = try CLITests.seed(dir, "a.sqlite")
        let (b, seededB) = try CLITests.seed(dir, "b.sqlite")
        try #require(seededA.status == 0 && seededB.status == 0)
        for path in [a, b] {
            let run = try CLITests.run(["feed", "--db", path, "--user", "trainer", "--seed", "9", "--max-batches", "12", "--interval-ms", "100"], in: dir)
            #expect(run.status == 0, "feed failed: \(run.stderr)")
        }
        func state(_ path: String) throws -> [String] {
            try RiskStore.open(at: path, readOnly: true).read { db in
                try String.fetchAll(db, sql: "SELECT code || ':' || last_price_fen FROM instruments ORDER BY code")
                    + String.fetchAll(db, sql: "SELECT account_id || ':' || amount_fen FROM transfers ORDER BY id")
                    + String.fetchAll(db, sql: "SELECT ticks || ':' || advancers || ':' || decliners FROM market_batches ORDER BY seq")
            }
        }
        #expect(try state(a) == state(b))
        #expect(try RiskStore.open(at: a, readOnly: true).rowCount("market_batches") == 12)
    }

    @Test("officers may not run the feed; a missing database is refused")
    func refusals() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        let officer = try CLITests.run(["feed", "--db", path, "--user", "wang.fang", "--duration", "1"], in: dir)
        #expect(officer.status == 3)
        #expect(try RiskStore.open(at: path, readOnly: true).rowCount("market_batches") == 0)
        let missing = try CLITests.run(["feed", "--db", dir.path("nope.sqlite"), "--duration", "1"], in: dir)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope.sqlite"))
        let badRate = try CLITests.run(["feed", "--db", path, "--rate", "0"], in: dir)
        #expect(badRate.status == 64)
    }
}
