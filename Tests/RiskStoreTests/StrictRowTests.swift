import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Corrupt rows must surface as a data error naming table, row, column and value — never as a plausible default
/// (an unknown role read as auditor, an unknown stage read as submitted) and never as a trap in GRDB.
@Suite("Strict row mapping")
struct StrictRowTests {
    /// Runs raw SQL with CHECK constraints off, as a hand edit or another tool could leave the file.
    private func corrupt(_ store: RiskStore, _ sql: String) throws {
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql)
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
    }

    @Test func unknownRoleIsADataErrorNotAnAuditor() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try corrupt(store, "UPDATE users SET role = 'admin' WHERE name = 'wang.fang'")
        let expected = StoreError.corruptRow(table: "users", row: "wang.fang", column: "role", value: "admin",
                                             expected: "one of officer, supervisor, auditor, trainer")
        #expect(storeError { try store.users() } == expected)
        #expect(storeError { try store.user(named: "wang.fang") } == expected)
        #expect(expected.description == "corrupt data: users row wang.fang has role = 'admin', which is not one of officer, supervisor, auditor, trainer")
        // deciding as that user is refused with the same data error, and writes nothing
        let before = try store.rowCount("audit_log")
        let decision = DecisionRequest(applicationID: Fixture.small, kind: .approve, actor: "wang.fang", expectedVersion: 1)
        #expect(storeError { try store.apply(decision, at: Fixture.later) } == expected)
        #expect(try store.rowCount("audit_log") == before)
    }

    @Test func activeFlagOtherThanZeroOrOneIsADataError() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try corrupt(store, "UPDATE users SET active = 7 WHERE name = 'li.na'")
        #expect(storeError { try store.user(named: "li.na") }
            == .corruptRow(table: "users", row: "li.na", column: "active", value: "7", expected: "0 or 1"))
    }

    @Test("unknown stage, grade, channel; text in an integer column; a date beyond 9999",
          arguments: [
              ("stage = 'limbo'", "stage", "limbo", "one of " + Stage.allCases.map(\.rawValue).joined(separator: ", ")),
              ("grade = 'Z'", "grade", "Z", "one of A, B, C, D, E or NULL"),
              ("channel = 'fax'", "channel", "fax", "one of online, branch, partner"),
              ("version = 'two'", "version", "two", "an integer"),
              ("submitted_at = 1e300", "submitted_at", "1e+300", "a number from 0.0 to 253402300799.0"),
              ("pd = 1.5", "pd", "1.5", "a number from 0.0 to 1.0"),
          ])
    func corruptApplication(_ update: String, _ column: String, _ value: String, _ expected: String) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try corrupt(store, "UPDATE applications SET \(update) WHERE id = '\(Fixture.mid)'")
        let error = StoreError.corruptRow(table: "applications", row: Fixture.mid, column: column, value: value, expected: expected)
        #expect(storeError { try store.application(Fixture.mid) } == error)
        #expect(storeError { try store.detail(of: Fixture.mid) } == error)
        // the untouched application still reads
        #expect(try store.application(Fixture.small)?.stage == .manualReview)
    }

    @Test("unknown segment, suitability, KYC and AML status", arguments: [
        ("segment = 'vip'", "segment", "vip", "one of retail, high_net_worth, institutional"),
        ("suitability = 9", "suitability", "9", "an integer from 1 to 5"),
        ("kyc_status = 'ok'", "kyc_status", "ok", "one of valid, expired, pending"),
        ("aml_status = 'fine'", "aml_status", "fine", "one of clear, review, hit"),
    ])
    func corruptCustomer(_ update: String, _ column: String, _ value: String, _ expected: String) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try corrupt(store, "UPDATE customers SET \(update) WHERE id = 'C000001'")
        let error = StoreError.corruptRow(table: "customers", row: "C000001", column: column, value: value, expected: expected)
        #expect(storeError { try store.customer("C000001") } == error)
        #expect(storeError { try store.detail(of: Fixture.small) } == error)
    }

    @Test func unknownBoardSeverityAlertStateAndDecisionStage() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 80)

        let code = try #require(try store.read { db in try String.fetchOne(db, sql: "SELECT code FROM positions ORDER BY code LIMIT 1") })
        let customer = try #require(try store.read { db in
            try String.fetchOne(db, sql: "SELECT a.customer_id FROM positions p JOIN accounts a ON a.id = p.account_id WHERE p.code = ? LIMIT 1", arguments: [code])
        })
        try corrupt(store, "UPDATE instruments SET board = 'nasdaq' WHERE code = '\(code)'")
        #expect(storeError { try store.accounts(ofCustomer: customer) }
            == .corruptRow(table: "instruments", row: code, column: "board", value: "nasdaq", expected: "one of main, chinext, star, etf"))

        let alertID = try #require(try store.openAlerts(limit: 1).first?.id)
        try corrupt(store, "UPDATE alerts SET severity = 'urgent' WHERE id = \(alertID)")
        #expect(storeError { try store.openAlerts(limit: 10_000) }
            == .corruptRow(table: "alerts", row: String(alertID), column: "severity", value: "urgent", expected: "one of info, warning, critical"))
        // the header's counts do not quietly drop it either
        #expect(storeError { try store.openAlertCounts() }
            == .corruptRow(table: "alerts", row: "urgent", column: "severity", value: "urgent", expected: "one of info, warning, critical"))
        try corrupt(store, "UPDATE alerts SET severity = 'info', state = 'gone' WHERE id = \(alertID)")
        #expect(storeError { try store.resolveAlert(alertID, disposition: .falsePositive, by: "zhao.min", at: Fixture.later) }
            == .corruptRow(table: "alerts", row: String(alertID), column: "state", value: "gone", expected: "one of open, acknowledged, resolved, escalated, snoozed"))

        let decision = try #require(try store.read { db in try Row.fetchOne(db, sql: "SELECT id, application_id FROM decisions ORDER BY id LIMIT 1") })
        let decisionID: Int64 = decision["id"]
        let application: String = decision["application_id"]
        try corrupt(store, "UPDATE decisions SET from_stage = 'nowhere' WHERE id = \(decisionID)")
        #expect(storeError { try store.decisions(for: application) }
            == .corruptRow(table: "decisions", row: String(decisionID), column: "from_stage", value: "nowhere",
                           expected: "one of " + Stage.allCases.map(\.rawValue).joined(separator: ", ")))
    }

    @Test func unknownTransferDirection() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 60)
        let row = try #require(try store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM transfers ORDER BY id LIMIT 1") })
        #expect(try Rows.transfer(row).amount.fen > 0)
        let id: Int64 = row["id"]
        try corrupt(store, "UPDATE transfers SET direction = 'sideways' WHERE id = \(id)")
        let bad = try #require(try store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM transfers WHERE id = ?", arguments: [id]) })
        #expect(storeError { try Rows.transfer(bad) }
            == .corruptRow(table: "transfers", row: String(id), column: "direction", value: "sideways", expected: "one of in, out"))
    }

    @Test func hugePriceOrQuantityIsADataErrorNotAnOverflowTrap() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 60)
        let position = try #require(try store.read { db in
            try Row.fetchOne(db, sql: "SELECT p.code, a.customer_id FROM positions p JOIN accounts a ON a.id = p.account_id ORDER BY p.code LIMIT 1")
        })
        let code: String = position["code"]
        let customer: String = position["customer_id"]
        // 10^10 fen × any real quantity overflows Int64 in the market value
        try corrupt(store, "UPDATE instruments SET last_price_fen = 10000000000 WHERE code = '\(code)'")
        #expect(storeError { try store.accounts(ofCustomer: customer) }
            == .corruptRow(table: "instruments", row: code, column: "last_price_fen", value: "10000000000", expected: "an integer from 0 to 1000000000"))
        try corrupt(store, "UPDATE instruments SET last_price_fen = 1000 WHERE code = '\(code)'")
        try corrupt(store, "UPDATE accounts SET cash_fen = 9223372036854775807 WHERE customer_id = '\(customer)'")
        guard case let .corruptRow(table, _, column, _, _)? = storeError({ try store.accounts(ofCustomer: customer) }) else {
            Issue.record("expected a corrupt row for cash_fen")
            return
        }
        #expect(table == "accounts" && column == "cash_fen")
    }

    @Test func aGenerationTimeOfNaNIsADataErrorForTheShift() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 40, training: true)
        for text in ["nan", "1e300", "-5"] {
            try store.setSetting(SettingKey.asOf, to: text, by: "trainer", at: Fixture.later)
            #expect(storeError { try store.rebaseTimes(to: Fixture.later, by: "trainer") }
                == .corruptRow(table: "settings", row: SettingKey.asOf, column: "value", value: text, expected: "seconds since 1970 up to 9999-12-31"))
        }
    }
}
