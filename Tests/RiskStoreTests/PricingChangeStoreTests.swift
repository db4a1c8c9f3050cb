import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// A desk with four pending applications and two decided ones, each rate worked out by hand from the default
/// parameters (funding 250, LGD 45%, operating 80, capital 8% × 12% × (1 + (lev − 1) × 0.5), floor 450, fee 10):
/// - P1 (C1 loyal, PD 1%, 1.0×, manual review): 250 + 45 + 80 + 96 − 25 = 446 → floor 450
/// - P2 (C1, PD 3%, 2.0×, assessment):          250 + 135 + 80 + 144 − 25 = 584
/// - P3 (C2 2 calls, PD 2%, 1.2×, escalated):    250 + 90 + 80 + 106 + 50 = 576
/// - P4 (C1, PD 2%, 1.0×, manual review):        250 + 90 + 80 + 96 − 25 = 491
/// - D1 awaiting a second approval at 450 and D2 rejected at 450 (PD 0%): a rate was decided, never re-priced.
private enum Desk {
    static let rates = ["APP-P1": 450, "APP-P2": 584, "APP-P3": 576, "APP-P4": 491, "APP-D1": 450, "APP-D2": 450]

    static func store(in dir: TempDir, training: Bool = false) throws -> RiskStore {
        let store = try Fixture.store(in: dir)
        var risky = Fixture.customer(id: "C000002", name: "李娜")
        risky.tenureMonths = 12
        risky.behaviour.marginCallsLast12Months = 2
        let apps: [(String, String, Double, Int, Stage)] = [
            ("APP-P1", "C000001", 0.01, 100, .manualReview), ("APP-P2", "C000001", 0.03, 200, .assessment),
            ("APP-P3", "C000002", 0.02, 120, .escalated), ("APP-P4", "C000001", 0.02, 100, .manualReview),
            ("APP-D1", "C000001", 0, 100, .awaitingSecondApproval), ("APP-D2", "C000001", 0, 100, .rejected),
        ]
        try store.write { db in
            // The fixture's own four applications are decided here, so only ours are pending.
            try db.execute(sql: "UPDATE applications SET stage = 'rejected'")
            for id in [Fixture.small, Fixture.mid, Fixture.big, Fixture.claimable] {
                try AuditChain.append(AuditRecord(actor: "seed", action: "application.stage", subject: "application:\(id)",
                                                  after: ["stage": "rejected", "version": "1"], reason: "test set-up"),
                                      at: Fixture.asOf, db)
            }
            try Rows.insert(risky, db)
            for (id, customer, pd, leverage, stage) in apps {
                var app = Fixture.application(id, yuan: 100_000, stage: stage, customerID: customer)
                app.probabilityOfDefault = pd
                app.requestedLeverage = Leverage(hundredths: leverage)
                app.quotedRate = BasisPoints(rates[id] ?? 0)
                try Rows.insert(app, modelVersion: "m1", db)
                try AuditChain.append(AuditRecord.applicationCreated(app.id, stage: app.stage, line: app.requestedLine,
                                                                     leverage: app.requestedLeverage, actor: "seed"),
                                      at: app.submittedAt, db)
            }
            if training { try Self.markTraining(db) }
        }
        return store
    }

    static func markTraining(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('database.training', 'true', 0, 'seed')")
    }

    static func rate(_ id: String, _ store: RiskStore) throws -> Int? {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT quoted_rate_bp FROM applications WHERE id = ?", arguments: [id]) }
    }

    static func version(_ id: String, _ store: RiskStore) throws -> Int? {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT version FROM applications WHERE id = ?", arguments: [id]) }
    }
}

@Suite("Pricing change: the store re-prices exactly the pending quotes it affects")
struct PricingChangeStoreTests {
    @Test func aFloorRaiseRepricesOnlyTheQuotesUnderItWithOneAuditEntry() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Desk.store(in: dir)
        let audit = try store.rowCount("audit_log")
        let quotes = try store.rowCount("quotes")

        let review = try store.previewPricingChange("floor", to: "500", by: "zhao.min")
        #expect(review.pricingVersion == 1)
        #expect(review.preview.pendingCount == 4)
        #expect(review.preview.changedCount == 2)
        #expect(review.preview.largestUp.map(\.text) == ["APP-P1 4.50% → 5.00%", "APP-P4 4.91% → 5.00%"])
        #expect(try store.rowCount("audit_log") == audit)   // a preview writes nothing

        let outcome = try store.changePricing("floor", to: "500", by: "zhao.min", reason: "funding desk asked",
                                              expectedVersion: review.pricingVersion, at: Fixture.later)
        #expect(outcome.repricedCount == 2)
        #expect(outcome.pricingVersion == 2)
        // P1: 446 → floor 500; P4: 491 → floor 500; P2 (584) and P3 (576) are above it; D1 and D2 are decided.
        #expect(try Desk.rate("APP-P1", store) == 500)
        #expect(try Desk.rate("APP-P4", store) == 500)
        for id in ["APP-P2", "APP-P3", "APP-D1", "APP-D2"] { #expect(try Desk.rate(id, store) == Desk.rates[id], "\(id)") }
        #expect(try Desk.version("APP-P1", store) == 2)   // a decision against the old price is now stale
        #expect(try Desk.version("APP-P2", store) == 1)
        #expect(try store.rowCount("quotes") == quotes + 2)
        let quote = try #require(try store.currentQuote(for: "APP-P4"))
        #expect(quote.reason == "pricing change: floor_bp 450 → 500")
        #expect(quote.pricingVersion == 2)
        #expect(quote.modelVersion == "m1")
        #expect(quote.quote.unclamped == BasisPoints(491))

        #expect(try store.rowCount("audit_log") == audit + 1)
        let entry = try #require(try store.auditTail(count: 1).last)
        #expect(entry.record.action == "pricing.change")
        #expect(entry.record.subject == "pricing:floor_bp")
        #expect(entry.record.reason == "funding desk asked")
        #expect(entry.record.before == ["value": "450", "pricing_version": "1"])
        #expect(entry.record.after == ["value": "500", "pricing_version": "2", "repriced_quotes": "2",
                                       "repriced": "APP-P1@2 APP-P4@2"])
        // `audit verify` replays the versions from that one entry
        #expect(try store.verifyAuditChain() == .intact(entries: audit + 1))
        #expect(try store.pricingParameters().floor == BasisPoints(500))
        #expect(try store.setting("pricing.version") == "2")
        // An approval taken against the old price is refused as stale; one on an untouched quote is not.
        #expect(storeError { try store.apply(DecisionRequest(applicationID: "APP-P1", kind: .approve, actor: "zhao.min", expectedVersion: 1),
                                             at: Fixture.later) }
            == .refused(.staleVersion(applicationID: "APP-P1", expected: 1, actual: 2)))
        let approved = try store.apply(DecisionRequest(applicationID: "APP-P3", kind: .approve, actor: "zhao.min", expectedVersion: 1),
                                       at: Fixture.later)
        #expect(approved.approvedRate == BasisPoints(576))
    }

    @Test func aFundingRiseRepricesEveryPendingQuoteByHand() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Desk.store(in: dir)
        let outcome = try store.changePricing("funding_cost_bp", to: "270", by: "david.lin", reason: "treasury", at: Fixture.later)
        #expect(outcome.repricedCount == 4)
        #expect(try Desk.rate("APP-P1", store) == 466)   // 446 + 20 is now above the floor
        #expect(try Desk.rate("APP-P3", store) == 596)   // 576 + 20
        #expect(try Desk.rate("APP-P2", store) == 604)
        #expect(try Desk.rate("APP-D1", store) == 450)
        #expect(try store.verifyAuditChain() == .intact(entries: try store.rowCount("audit_log")))
    }

    @Test func refusalsWriteNothing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Desk.store(in: dir)
        let audit = try store.rowCount("audit_log")
        let change = { (name: String, value: String, who: String, reason: String, version: Int?) in
            storeError { try store.changePricing(name, to: value, by: who, reason: reason, expectedVersion: version, at: Fixture.later) }
        }
        #expect(change("floor", "500", "wang.fang", "r", nil) == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "edit pricing")))
        #expect(change("floor", "500", "zhou.qiang", "r", nil) == .refused(.notPermitted(user: "zhou.qiang", role: .auditor, action: "edit pricing")))
        #expect(storeError { try store.previewPricingChange("floor", to: "500", by: "wang.fang") }
            == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "edit pricing")))
        #expect(change("floor", "450", "zhao.min", "r", nil) == .invalidInput("floor_bp is already 450 bp: nothing to change"))
        #expect(change("floor", "1300", "zhao.min", "r", nil) == .invalidInput("floor_bp must not exceed cap_bp (1200)"))
        #expect(change("funding", "1e300", "zhao.min", "r", nil) == .invalidInput("funding_cost_bp must be 0–10000 bp, not 1e300"))
        #expect(change("funding", "nan", "zhao.min", "r", nil)
            == .invalidInput("funding_cost_bp: 'nan' is not a number; funding_cost_bp takes 0–10000 bp"))
        #expect(change("floor", "500", "zhao.min", "  ", nil) == .invalidInput("a reason is required: the audit log must say why the price moved"))
        #expect(change("floor", "500", "zhao.min", "r", 7)
            == .invalidInput("the pricing changed since this preview (version 7, now 1): nothing was written; look at the new preview before confirming"))
        #expect(try store.rowCount("audit_log") == audit)
        #expect(try store.rowCount("pricing_parameters") == 0)
        #expect(try Desk.rate("APP-P1", store) == 450)
    }

    @Test func aTrainerEditsOnlyTrainingData() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let real = try Desk.store(in: dir)
        #expect(storeError { try real.changePricing("floor", to: "500", by: "trainer", reason: "r", at: Fixture.later) }
            == .refused(.notPermitted(user: "trainer", role: .trainer, action: "edit pricing")))
        let dir2 = try TempDir()
        defer { dir2.remove() }
        let training = try Desk.store(in: dir2, training: true)
        #expect(try training.changePricing("floor", to: "500", by: "trainer", reason: "lesson", at: Fixture.later).repricedCount == 2)
    }

    @Test func historyListsTheChangesNewestFirst() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Desk.store(in: dir)
        _ = try store.changePricing("floor", to: "500", by: "zhao.min", reason: "first", at: Fixture.later)
        _ = try store.changePricing("fee", to: "12", by: "david.lin", reason: "second", at: Fixture.later.addingTimeInterval(60))
        let history = try store.pricingHistory(limit: 10)
        #expect(history.map(\.parameter) == ["fee_bp", "floor_bp"])
        #expect(history.map(\.actor) == ["david.lin", "zhao.min"])
        #expect(history.map(\.oldValue) == ["10", "450"])
        #expect(history.map(\.newValue) == ["12", "500"])
        #expect(history.map(\.repricedQuotes) == [4, 2])   // a fee change moves every pending quote's fee
        #expect(history.map(\.pricingVersion) == [3, 2])
        #expect(history.map(\.reason) == ["second", "first"])
        #expect(try store.pricingHistory(limit: 1).count == 1)
        let plan = try store.queryPlan(of: RiskStore.pricingHistorySQL(columns: "seq"))
        #expect(plan.contains { $0.contains("audit_subject") }, "\(plan)")
    }
}
