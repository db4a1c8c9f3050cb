import Foundation
import GRDB
import Testing
@testable import RiskCore
@testable import RiskStore

/// The desk metrics read from a small crafted database, and the feed's sentiment-policy switch as stored and audited.
@Suite struct MetricsStoreTests {
    let now = Fixture.asOf
    func at(_ minutesBefore: Double) -> Double { now.addingTimeInterval(-minutesBefore * 60).timeIntervalSince1970 }

    /// Four 30-minute buckets ending at `asOf`: (−120m, −90m], (−90m, −60m], (−60m, −30m], (−30m, 0].
    var window: MetricsWindow { MetricsWindow(end: now, bucket: 1_800, count: 4) }

    func craftedStore(_ dir: TempDir) throws -> RiskStore {
        // The fixture's four applications were submitted an hour ago into manual review (bucket 1).
        let store = try Fixture.store(in: dir)
        // APP-SMALL approved 10 minutes ago: it leaves the queue after 50 minutes.
        _ = try store.apply(DecisionRequest(applicationID: Fixture.small, kind: .approve, actor: "wang.fang", expectedVersion: 1),
                            at: now.addingTimeInterval(-600))
        try store.write { db in
            var straight = Fixture.application("APP-STP", yuan: 200_000, stage: .compliance, grade: .a)
            straight.submittedAt = now.addingTimeInterval(-1_200)
            var prescreened = Fixture.application("APP-PRE", yuan: 200_000, stage: .rejected, grade: nil)
            prescreened.submittedAt = now.addingTimeInterval(-1_200)
            try Rows.insert(straight, modelVersion: nil, db)
            try Rows.insert(prescreened, modelVersion: nil, db)
            for (i, minutes) in [100.0, 5, 1, 200].enumerated() {
                try db.execute(sql: """
                    INSERT INTO alerts (rule, severity, subject, message, dedupe_key, state, opened_at)
                    VALUES ('sla.breach', 'warning', 'application:X\(i)', 'late', 'k\(i)', 'open', ?)
                    """, arguments: [at(minutes)])
            }
            try db.execute(sql: """
                INSERT INTO accounts (id, customer_id, cash_fen, financed_fen, accrued_interest_fen, warning_bp, closeout_bp, recovery_bp,
                                      rate_bp, fee_bp, opened_at) VALUES ('A1', 'C000001', 0, 100, 0, 15000, 13000, 16000, 800, 10, 0)
                """)
            for (opened, met, state) in [(100.0, 40.0 as Double?, "met"), (20, nil, "open")] {
                try db.execute(sql: """
                    INSERT INTO margin_calls (account_id, opened_at, ratio_at_open_bp, amount_at_open_fen, ratio_bp, top_up_fen, deadline,
                                              state, met_at, met_how, updated_at)
                    VALUES ('A1', ?, 14000, 100, 14000, 100, ?, ?, ?, ?, ?)
                    """, arguments: [at(opened), at(-3_000), state, met.map(at), met == nil ? nil : "recovered", at(0)])
            }
        }
        return store
    }

    @Test func everyMetricOfACraftedHistoryFromTheStore() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try craftedStore(dir)
        let report = try store.deskMetrics(window)
        #expect(report.reviewMinutes == 20)
        // Alerts at −100 (bucket 0), −5 and −1 (bucket 3); the one at −200 is outside. Per minute of a 30-minute bucket.
        #expect(report[.alertsPerMinute]?.values == [1.0 / 30, 0, 0, 2.0 / 30])
        #expect(report[.alertsPerMinute]?.current == 3.0 / 120)
        // Depth now 3 (the fixture's other three); back: +1 exit in bucket 3 → 4; −4 entries in bucket 1 → 0.
        #expect(report[.queueDepth]?.values == [0, 4, 4, 3])
        #expect(report[.medianDecisionMinutes]?.values == [nil, nil, nil, 50])
        // Four routed to a person in bucket 1, one straight through in bucket 3, the prescreen rejection not counted.
        #expect(report[.straightThroughRate]?.values == [nil, 0, nil, 1])
        #expect(report[.straightThroughRate]?.current == 0.2)
        #expect(report[.overrideRate]?.current == 0)   // one plain approval
        // Call 1 opened −100, met −40 (bucket 2); call 2 opened −20, live.
        #expect(report[.callsOpen]?.values == [1, 1, 0, 1])
        #expect(report[.callsMet]?.values == [0, 0, 1, 0])
        #expect(report[.reviewMinutesSaved]?.current == 20)
        // The hour and day of the console from one read agree with separate reads.
        let both = try store.deskMetrics([.lastHour(at: now), .lastDay(at: now)])
        #expect(both == [try store.deskMetrics(.lastHour(at: now)), try store.deskMetrics(.lastDay(at: now))])
    }

    @Test func theMetricsReadsUseTheTimeIndexes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try craftedStore(dir)
        let plans = try store.read { db in
            try ["SELECT opened_at FROM alerts WHERE opened_at > 0 AND opened_at <= 1",
                 "SELECT submitted_at FROM applications WHERE submitted_at > 0 AND submitted_at <= 1",
                 "SELECT decided_at FROM decisions WHERE decided_at > 0 AND decided_at <= 1",
                 "SELECT id FROM margin_calls WHERE met_at IS NOT NULL AND met_at > 0"].map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
            }
        }
        #expect(plans[0].contains("alerts_opened_at"))
        #expect(plans[1].contains("applications_submitted"))
        #expect(plans[2].contains("decisions_decided_at"))
        #expect(plans[3].contains("margin_calls_met"))
    }

    @Test func theFeedSwitchesThePolicyOncePerCrossingWithItsAuditEntry() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        func switches() throws -> Int { try store.rowCount("audit_log", where: "action = 'sentiment_policy.switch'") }
        #expect(try store.screeningPolicy().autoApprovePD == 0.02)
        _ = try store.runFeedTimers(at: now, sentiment: -0.72)
        #expect(try store.sentimentReading() == SentimentReading(index: -0.72, policy: .tightenedFear, band: 0.6))
        #expect(try switches() == 1)
        #expect(try store.screeningPolicy().autoApprovePD == 0.01)
        // Wobbling inside the hysteresis (back to −0.58, out to −0.65, −0.56): no further switch.
        for (i, index) in [-0.58, -0.65, -0.56].enumerated() {
            _ = try store.runFeedTimers(at: now.addingTimeInterval(Double(i + 1) * 10), sentiment: index)
        }
        #expect(try switches() == 1)
        _ = try store.runFeedTimers(at: now.addingTimeInterval(60), sentiment: -0.40)
        #expect(try switches() == 2)
        #expect(try store.sentimentReading().policy == .normal)
        #expect(try store.screeningPolicy().autoApprovePD == 0.02)
        let reasons = try store.read { db in
            try String.fetchAll(db, sql: "SELECT reason FROM audit_log WHERE action = 'sentiment_policy.switch' ORDER BY seq")
        }
        #expect(reasons == ["NORMAL → TIGHT fear: index -0.72 beyond ±0.60", "TIGHT fear → NORMAL: index -0.40 back inside ±0.60"])
        #expect(try store.verifyAuditChain().isIntact)
    }

    @Test func theBandIsThePricingParameterForThePolicyAndTheAlert() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        _ = try store.setPricingParameter("sentiment_band", to: "0.8", by: "zhao.min", reason: "wider band", at: now)
        let result = try store.runFeedTimers(at: now, sentiment: -0.72)
        #expect(result.sentiment.raised == 0)
        #expect(try store.sentimentReading().policy == .normal)
        let beyond = try store.runFeedTimers(at: now.addingTimeInterval(10), sentiment: -0.85)
        #expect(beyond.sentiment.raised == 1)
        #expect(try store.sentimentReading() == SentimentReading(index: -0.85, policy: .tightenedFear, band: 0.8))
    }

    @Test func aCallsProtectionIsStoredAndReadBack() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try craftedStore(dir)
        let protectedUntil = now.addingTimeInterval(3_600)
        let id = try store.write { db in
            try db.execute(sql: "UPDATE margin_calls SET state = 'met' WHERE account_id = 'A1'")
            let call = MarginCall(accountID: "A1", openedAt: now, ratioAtOpen: BasisPoints(14_000), amountAtOpen: Money(fen: 100),
                                  ratio: BasisPoints(14_000), topUp: Money(fen: 100), reduction: nil, deadline: now.addingTimeInterval(86_400),
                                  protectedUntil: protectedUntil)
            return try RiskStore.save(call, action: "margin_call.open", actor: "engine", at: now, db).id
        }
        let read = try store.marginCall(id: try #require(id))
        #expect(read?.protectedUntil == protectedUntil)
        let audited = try store.read { db in
            try String.fetchOne(db, sql: "SELECT after FROM audit_log WHERE action = 'margin_call.open' ORDER BY seq DESC LIMIT 1")
        }
        #expect(audited?.contains("protected_until") == true)
    }
}
