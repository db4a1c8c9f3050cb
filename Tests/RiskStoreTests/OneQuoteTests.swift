import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// One price: an application has one current quote, stored with where it came from; a re-quote is an explicit,
/// audited event, and a decision approves the rate it was shown (issue 6 §3).
@Suite("One quote per application")
struct OneQuoteTests {
    @Test("a re-quote stores the breakdown with its versions, sets the application's rate, bumps its version and is audited")
    func requote() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let before = try #require(try store.application(Fixture.small))
        #expect(try store.currentQuote(for: Fixture.small) == nil)   // the fixture's 8.00% was never stored as a quote

        let quote = try store.requote(Fixture.small, by: "zhao.min", reason: "", at: Fixture.later)
        let stored = try #require(try store.currentQuote(for: Fixture.small))
        #expect(stored.quote == quote)
        #expect(!stored.isLegacy)
        #expect(stored.pricingVersion == 1)
        #expect(stored.reason == "re-quote on request")
        // PD 3% × LGD 45% = 135 bp of expected loss, one of the components the stored breakdown keeps.
        #expect(stored.quote.components.first { $0.name == "expected loss" }?.amount == BasisPoints(135))
        let after = try #require(try store.application(Fixture.small))
        #expect(after.quotedRate == quote.rate)
        #expect(after.version == before.version + 1)
        #expect(try store.detail(of: Fixture.small)?.quote?.quote.rate == quote.rate)
        let audit = try #require(try store.auditTail(count: 1).first)
        #expect(audit.record.action == "pricing.requote")
        #expect(audit.record.before["rate_bp"] == "")
        #expect(audit.record.after["rate_bp"] == String(quote.rate.value))

        // A decision prepared against the old price is stale; one made on the new price records that rate.
        #expect(storeError { try store.apply(DecisionRequest(applicationID: Fixture.small, kind: .approve, actor: "wang.fang",
                                                              expectedVersion: before.version), at: Fixture.later) }
            == .refused(.staleVersion(applicationID: Fixture.small, expected: before.version, actual: after.version)))
        let outcome = try store.apply(DecisionRequest(applicationID: Fixture.small, kind: .approve, actor: "wang.fang",
                                                      expectedVersion: after.version), at: Fixture.later)
        #expect(outcome.approvedRate == quote.rate)
        #expect(try store.decisions(for: Fixture.small).last?.rate == quote.rate)
    }

    @Test("officers do not re-price, and decided applications keep the rate that was approved")
    func requoteRules() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        #expect(storeError { try store.requote(Fixture.small, by: "wang.fang", reason: "", at: Fixture.later) }
            == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "edit pricing")))
        try store.apply(DecisionRequest(applicationID: Fixture.small, kind: .approve, actor: "wang.fang", expectedVersion: 1),
                        at: Fixture.later)
        #expect(storeError { try store.requote(Fixture.small, by: "zhao.min", reason: "", at: Fixture.later) }
            == .refused(.illegalTransition(from: .compliance, action: "re-quote")))
        // A pricing change re-prices what is pending, not what was approved.
        _ = try store.setPricingParameter("funding_cost_bp", to: "300", by: "zhao.min", reason: "treasury", at: Fixture.later)
        #expect(try store.application(Fixture.small)?.quotedRate == BasisPoints(800))
        let mid = try #require(try store.currentQuote(for: Fixture.mid))
        #expect(mid.pricingVersion == 2)
        #expect(mid.reason == "pricing change: funding_cost_bp 250 → 300")
        #expect(try store.application(Fixture.mid)?.quotedRate == mid.quote.rate)
    }

    @Test("a database from before quotes keeps each application's rate as a quote without components")
    func legacyMigration() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("old.sqlite")
        do {
            let store = try Fixture.store(in: dir, name: "old.sqlite")
            _ = store
        }
        // Roll the file back to before the quotes migration, as an older riskdesk left it.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE quotes")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-quotes'")
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        try queue.close()
        let store = try RiskStore.open(at: path)
        let legacy = try #require(try store.currentQuote(for: Fixture.small))
        #expect(legacy.isLegacy)
        #expect(legacy.quote.rate == BasisPoints(800))
        #expect(legacy.reason == "priced before quotes were stored")
        let difference = try #require(try store.detail(of: Fixture.small)?.quoteDifference)
        #expect(difference.contains("without its components"))
    }
}
