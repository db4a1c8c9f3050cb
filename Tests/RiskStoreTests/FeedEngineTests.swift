import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// A fixture store with the feed's crafted book: 300750 (ChiNext, ±20%) at ¥160.00 held by A-T1 (10,000 shares, ¥50,000
/// cash, ¥1,000,000 financed + ¥3,333.33 interest: debt 100,333,333 fen); a second instrument 600100 held by others.
func feedStore(_ dir: TempDir) throws -> RiskStore {
    let store = try Fixture.store(in: dir)
    try store.write { db in
        try Rows.insert(Instrument(code: "300750", name: "宁德样本", board: .chiNext, haircut: BasisPoints(5_000),
                                   lastPrice: Money(yuan: 160), previousClose: Money(yuan: 160), volatility: 0.5,
                                   freeFloatShares: 1_000_000_000), db)
        try Rows.insert(Instrument(code: "600100", name: "同方样本", board: .main, haircut: BasisPoints(6_000),
                                   lastPrice: Money(yuan: 10), previousClose: Money(yuan: 10), volatility: 0.3,
                                   freeFloatShares: 1_000_000_000), db)
        func account(_ id: String, cash: Int64, financed: Int64, interest: Int64, _ positions: [(String, Int64)]) throws {
            try db.execute(sql: """
                INSERT INTO accounts (id, customer_id, cash_fen, financed_fen, accrued_interest_fen, warning_bp, closeout_bp,
                  recovery_bp, rate_bp, fee_bp, opened_at, financing_ratio_bp) VALUES (?, 'C000001', ?, ?, ?, 15000, 13000, 16000, 800, 10, ?, 10000)
                """, arguments: [id, cash, financed, interest, Fixture.asOf.addingTimeInterval(-90 * 86_400).timeIntervalSince1970])
            for (code, quantity) in positions {
                try db.execute(sql: "INSERT INTO positions (account_id, code, quantity) VALUES (?,?,?)", arguments: [id, code, quantity])
            }
        }
        try account("A-T1", cash: 5_000_000, financed: 100_000_000, interest: 333_333, [("300750", 10_000)])
        try account("A-T2", cash: 100_000_000, financed: 0, interest: 0, [("300750", 100), ("600100", 1_000)])
        try account("A-T3", cash: 100_000_000, financed: 0, interest: 0, [("300750", 100)])
        try account("A-T4", cash: 100_000_000, financed: 0, interest: 0, [("600100", 1_000)])
        try account("A-T5", cash: 100_000_000, financed: 0, interest: 0, [("600100", 500)])
        try account("A-T6", cash: 100_000_000, financed: 0, interest: 0, [])
    }
    return store
}

func tick(_ code: String, _ fen: Int64, close: Int64) -> MarketTick {
    MarketTick(code: code, previousPrice: Money(fen: close), price: Money(fen: fen), previousClose: Money(fen: close),
               dailyLimit: code.hasPrefix("300") ? 0.2 : 0.1, volume: 1_000)
}

/// A new trading day for `code`: the previous close becomes `fen`.
private func close(_ store: RiskStore, _ code: String, at fen: Int64) throws {
    try store.write { db in try db.execute(sql: "UPDATE instruments SET prev_close_fen = ? WHERE code = ?", arguments: [fen, code]) }
}

private struct MarginRow {
    var id: Int64, rule: String, severity: String, state: String, ratio: Int?, line: Int?, triggerLine: Int?, trigger: Int64?
    var resolvedBy: String?, disposition: String?
}

private func marginAlerts(_ store: RiskStore) throws -> [MarginRow] {
    try store.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM alerts WHERE subject = 'account:A-T1' AND rule LIKE 'margin.%' ORDER BY id").map {
            MarginRow(id: $0["id"], rule: $0["rule"], severity: $0["severity"], state: $0["state"], ratio: $0["ratio_bp"],
                      line: $0["line_bp"], triggerLine: $0["trigger_line_bp"], trigger: $0["trigger_price_fen"],
                      resolvedBy: $0["resolved_by"], disposition: $0["disposition"])
        }
    }
}

private func auditActions(_ store: RiskStore, subject: String) throws -> [String] {
    try store.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE subject = ? ORDER BY seq", arguments: [subject]) }
}

@Suite("Feed batches and the alert engine")
struct FeedEngineTests {
    let t0 = Fixture.asOf

    @Test("a position falling through 150% then 130% raises, updates (severity) and clears on recovery, audited")
    func marginLifecycle() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)

        // ¥145.00: 150,000,000 / 100,333,333 = 149.50% → warning; close-out trigger ¥125.44 (see AlertEngineTests).
        let first = try store.apply(FeedBatch(at: t0, ticks: [tick("300750", 14_500, close: 16_000)]))
        #expect(first.accountsRevalued == 3)  // A-T1, A-T2, A-T3 hold 300750
        var rows = try marginAlerts(store)
        try #require(rows.count == 1)
        #expect(rows[0].rule == "margin.warning" && rows[0].severity == "warning" && rows[0].state == "open")
        #expect(rows[0].ratio == 14_950 && rows[0].line == 15_000 && rows[0].triggerLine == 13_000 && rows[0].trigger == 12_544)
        let id = rows[0].id

        // Next day (close ¥145.00) at ¥125.00: 129.56% → the same alert becomes the close-out, critical; recovery at ¥155.54.
        try close(store, "300750", at: 14_500)
        let second = try store.apply(FeedBatch(at: t0.addingTimeInterval(86_400), ticks: [tick("300750", 12_500, close: 14_500)]))
        #expect(second.alerts.updated >= 1)
        rows = try marginAlerts(store)
        try #require(rows.count == 1)
        #expect(rows[0].id == id)
        #expect(rows[0].rule == "margin.closeout" && rows[0].severity == "critical" && rows[0].state == "open")
        #expect(rows[0].ratio == 12_956 && rows[0].line == 13_000 && rows[0].triggerLine == 16_000 && rows[0].trigger == 15_554)

        // Next day (close ¥125.00) at ¥150.00, its +20% limit: 154.48% → cleared by the engine.
        try close(store, "300750", at: 12_500)
        let third = try store.apply(FeedBatch(at: t0.addingTimeInterval(2 * 86_400), ticks: [tick("300750", 15_000, close: 12_500)]))
        #expect(third.alerts.cleared >= 1)
        rows = try marginAlerts(store)
        #expect(rows.count == 1)
        #expect(rows[0].state == "resolved" && rows[0].resolvedBy == "engine" && rows[0].disposition == "auto_cleared")
        #expect(try auditActions(store, subject: "alert:\(id)") == ["alert.open", "alert.update", "alert.auto_clear"])
        #expect(try store.verifyAuditChain().isIntact)
        #expect(try store.rowCount("market_batches") == 3)
        #expect(try store.rowCount("instruments", where: "code = '300750' AND last_price_fen = 15000") == 1)
    }

    @Test("only the accounts holding a ticked instrument are revalued")
    func onlyHolders() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        // 600100 is held by A-T2, A-T4 and A-T5; A-T1, A-T3 and A-T6 are not touched.
        let result = try store.apply(FeedBatch(at: t0, ticks: [tick("600100", 1_010, close: 1_000)]))
        #expect(result.accountsRevalued == 3)
        let both = try store.apply(FeedBatch(at: t0, ticks: [tick("600100", 1_020, close: 1_000), tick("300750", 16_100, close: 16_000)]))
        #expect(both.accountsRevalued == 5)  // every account with a position
        let none = try store.apply(FeedBatch(at: t0, ticks: []))
        #expect(none.accountsRevalued == 0)
    }

    @Test("structuring under the reporting threshold raises an AML alert that does not clear by itself")
    func structuring() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        let deposits = [(2.0, 46_000), (1.0, 47_500), (0.0, 49_900)].map { ago, yuan in
            FeedTransfer(accountID: "A-T6", transfer: Transfer(at: t0.addingTimeInterval(-ago * 86_400), amount: Money(yuan: Int64(yuan)),
                                                               direction: .incoming, counterparty: "建设银行"))
        }
        // Two deposits of ¥45,000–¥49,999 in a week: not yet (the rule needs three).
        let early = try store.apply(FeedBatch(at: t0.addingTimeInterval(-86_400), ticks: [], transfers: Array(deposits.prefix(2))))
        #expect(early.alerts.raised == 0)
        let third = try store.apply(FeedBatch(at: t0, ticks: [], transfers: [deposits[2]]))
        #expect(third.alerts.raised == 1)
        #expect(try store.rowCount("alerts", where: "subject = 'account:A-T6' AND rule = 'aml.structuring' AND state = 'open'") == 1)
        // Ten days later a small transfer: the pattern is out of the 7-day window, but the alert stays for a person.
        let later = FeedTransfer(accountID: "A-T6", transfer: Transfer(at: t0.addingTimeInterval(10 * 86_400), amount: Money(yuan: 1_000),
                                                                       direction: .outgoing, counterparty: "工商银行"))
        let after = try store.apply(FeedBatch(at: t0.addingTimeInterval(10 * 86_400), ticks: [], transfers: [later]))
        #expect(after.alerts.cleared == 0)
        #expect(try store.rowCount("alerts", where: "subject = 'account:A-T6' AND rule = 'aml.structuring' AND state = 'open'") == 1)
    }

    @Test("a dormant account waking up with a large transfer raises an AML alert")
    func dormant() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        try store.write { db in
            try db.execute(sql: "INSERT INTO transfers (account_id, at, amount_fen, direction, counterparty) VALUES ('A-T4', ?, 3000000, 'in', '工商银行')",
                           arguments: [t0.addingTimeInterval(-200 * 86_400).timeIntervalSince1970])
        }
        // 200 days of silence (≥ 180), then ¥150,000 (≥ ¥100,000) out.
        let wake = FeedTransfer(accountID: "A-T4", transfer: Transfer(at: t0, amount: Money(yuan: 150_000), direction: .outgoing,
                                                                      counterparty: "third-party pay"))
        let result = try store.apply(FeedBatch(at: t0, ticks: [], transfers: [wake]))
        #expect(result.alerts.raised == 1)
        let message = try store.read { db in try String.fetchOne(db, sql: "SELECT message FROM alerts WHERE subject = 'account:A-T4' AND rule = 'aml.dormant'") }
        #expect(message == "dormant 200 days, then a ¥150,000 transfer")
        #expect(try auditActions(store, subject: "alert:\(try store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM alerts WHERE rule = 'aml.dormant'") ?? 0 })") == ["alert.open"])
    }

    @Test("a batch is atomic: a failure after the prices and alerts leaves nothing written")
    func atomic() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        let audit = try store.rowCount("audit_log")
        // The tick would raise A-T1's warning; the transfer names an account that does not exist (foreign key).
        let bad = FeedTransfer(accountID: "A-NOPE", transfer: Transfer(at: t0, amount: Money(yuan: 1), direction: .incoming, counterparty: "x"))
        #expect(storeError { try store.apply(FeedBatch(at: t0, ticks: [tick("300750", 14_500, close: 16_000)], transfers: [bad])) } != nil)
        #expect(try store.rowCount("instruments", where: "code = '300750' AND last_price_fen = 16000") == 1)
        #expect(try store.rowCount("alerts") == 0)
        #expect(try store.rowCount("market_batches") == 0)
        #expect(try store.rowCount("transfers") == 0)
        #expect(try store.rowCount("audit_log") == audit)
    }

    @Test("a tick beyond the daily limit or of an unknown instrument is refused")
    func refusedTicks() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        // 600100 closed at ¥10.00: ±10% is ¥9.00–¥11.00.
        #expect(storeError { try store.apply(FeedBatch(at: t0, ticks: [tick("600100", 1_101, close: 1_000)])) } != nil)
        #expect(storeError { try store.apply(FeedBatch(at: t0, ticks: [tick("600100", 899, close: 1_000)])) } != nil)
        #expect(storeError { try store.apply(FeedBatch(at: t0, ticks: [tick("999999", 100, close: 100)])) } != nil)
        #expect(storeError { try store.apply(FeedBatch(at: t0, ticks: [], sentiment: 1.5)) } != nil)
        #expect(try store.apply(FeedBatch(at: t0, ticks: [tick("600100", 900, close: 1_000)])).ticks == 1)
    }

    @Test("a new online application is scored, priced and routed, with its quote and creation entry")
    func intake() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        // 李娜 has no account yet: her ¥10,000,000 of securities are her collateral. Art. 40 at 100% allows ¥10,000,000;
        // the 1.70× cap allows 10,000,000 × 1.7 − 10,000,000 = ¥7,000,000: half of it is ¥3,500,000, above the
        // ¥1,000,000 officer limit, so routing sends it to a person with the AMOUNT flag.
        try store.write { db in try Rows.insert(Fixture.customer(id: "C000002", name: "李娜"), db) }
        let result = try store.apply(FeedBatch(at: t0, ticks: [], applications: [FeedApplicationRequest(customerID: "C000002", share: 0.5)]))
        #expect(result.applications.created == 1)
        let app = try #require(try store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM applications ORDER BY submitted_at DESC, id DESC LIMIT 1").map(Rows.application) })
        #expect(app.score != nil && app.grade != nil && app.quotedRate != nil)
        #expect(app.id == "APP-000001")
        #expect(app.requestedLine == Money(yuan: 3_500_000))
        #expect(app.stage == .manualReview)
        #expect(app.flags.contains { $0.code == "AMOUNT" })
        #expect(result.applications.manualReview == 1)
        #expect(try store.rowCount("quotes", where: "application_id = '\(app.id)'") == 1)
        #expect(try auditActions(store, subject: "application:\(app.id)").contains("application.create"))
        #expect(try store.verifyAuditChain().isIntact)
        // Over-asking (share 3 of what the rules allow) is rejected at prescreen with the RATIO flag.
        _ = try store.apply(FeedBatch(at: t0, ticks: [], applications: [FeedApplicationRequest(customerID: "C000002", share: 3)]))
        let over = try #require(try store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM applications WHERE id = 'APP-000002'").map(Rows.application) })
        #expect(over.stage == .rejected)
        #expect(over.flags.contains { $0.code == "RATIO" })
        #expect(storeError { try store.apply(FeedBatch(at: t0, ticks: [], applications: [FeedApplicationRequest(customerID: "C-NONE", share: 0.5)])) } != nil)
    }

    @Test("timers: KYC expiring then renewed, SLA breach then decided, sentiment band, all through the engine")
    func timers() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        try store.write { db in
            try db.execute(sql: "UPDATE customers SET kyc_expiry = ? WHERE id = 'C000001'", arguments: [t0.addingTimeInterval(20 * 86_400).timeIntervalSince1970])
            try db.execute(sql: "UPDATE applications SET sla_due = ? WHERE id = ?", arguments: [t0.addingTimeInterval(-3 * 3_600).timeIntervalSince1970, Fixture.small])
        }
        let first = try store.runFeedTimers(at: t0, sentiment: -0.7)
        #expect(first.kyc.raised == 1)
        #expect(first.sla.raised == 1)   // APP-SMALL is 3h past its SLA; the others are due tomorrow
        #expect(first.sentiment.raised == 1)
        #expect(try store.setting(SettingKey.sentiment) == "-0.70")
        #expect(try store.rowCount("alerts", where: "rule = 'kyc.expiring' AND message = 'KYC of 张伟 expires in 20 days'") == 1)

        try store.write { db in
            try db.execute(sql: "UPDATE customers SET kyc_expiry = ? WHERE id = 'C000001'", arguments: [t0.addingTimeInterval(400 * 86_400).timeIntervalSince1970])
        }
        // An officer approves APP-SMALL (¥500,000, within her limit): it leaves manual review for compliance.
        _ = try store.apply(DecisionRequest(applicationID: Fixture.small, kind: .approve, actor: "wang.fang", expectedVersion: 1), at: t0)
        let second = try store.runFeedTimers(at: t0.addingTimeInterval(60), sentiment: -0.2)
        #expect(second.kyc.cleared == 1)
        #expect(second.sla.cleared == 1)
        #expect(second.sentiment.cleared == 1)
        #expect(try store.rowCount("alerts", where: "state = 'resolved' AND resolved_by = 'engine' AND disposition = 'auto_cleared'") == 3)
        #expect(try store.verifyAuditChain().isIntact)
    }

    @Test("SLA timer reads only the deltas: a late application already alerted is left alone; a new due date clears it")
    func slaDeltas() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        let late = t0.addingTimeInterval(-3 * 3_600).timeIntervalSince1970
        try store.write { db in try db.execute(sql: "UPDATE applications SET sla_due = ? WHERE id = ?", arguments: [late, Fixture.small]) }
        #expect(try store.runFeedTimers(at: t0, sentiment: nil).sla.raised == 1)
        // An hour later it is still late and still alerted: nothing is evaluated, updated or raised again.
        let again = try store.runFeedTimers(at: t0.addingTimeInterval(3_600), sentiment: nil).sla
        #expect(again.evaluated == 0)
        #expect(again.raised == 0 && again.updated == 0 && again.cleared == 0)
        #expect(try store.rowCount("alerts", where: "rule = 'sla.breach' AND state = 'open'") == 1)
        // A supervisor extends the SLA (the due date moves past now): the alert clears though the application still waits.
        try store.write { db in
            try db.execute(sql: "UPDATE applications SET sla_due = ? WHERE id = ?", arguments: [t0.addingTimeInterval(86_400).timeIntervalSince1970, Fixture.small])
        }
        #expect(try store.runFeedTimers(at: t0.addingTimeInterval(7_200), sentiment: nil).sla.cleared == 1)
        #expect(try store.rowCount("alerts", where: "rule = 'sla.breach' AND state IN ('open','acknowledged','snoozed','escalated')") == 0)
    }

    @Test("drift: recent scores far from the champion's training scores raise a critical alert")
    func drift() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try feedStore(dir)
        // Training scores 500…599 (a version without a card: its stored training scores give the deciles); the four
        // fixture applications and 196 more (200, the fewest a PSI is judged on), scored by it, all score 600, above
        // every training decile: PSI ≫ 0.25.
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO model_versions (version, created_at, is_champion, status, description, training_scores)
                VALUES ('sc-test', 0, 1, 'champion', 'test', ?)
                """, arguments: ["[" + (500..<600).map(String.init).joined(separator: ",") + "]"])
            for n in 0..<196 { try Rows.insert(Fixture.application("APP-DRIFT-\(n)", yuan: 100_000), modelVersion: nil, db) }
            try db.execute(sql: "UPDATE applications SET model_version = 'sc-test'")
        }
        let result = try store.runFeedTimers(at: t0, sentiment: nil)
        #expect((result.psi ?? 0) > 0.25)
        #expect(result.drift.raised == 1)
        #expect(try store.rowCount("alerts", where: "subject = 'model:sc-test' AND rule = 'model.drift' AND severity = 'critical'") == 1)
    }
}
