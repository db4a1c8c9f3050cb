import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("financing margin ratio: setting, contracts and migration")
struct FinancingRatioTests {
    /// A version-1 database (before `v2-financing-ratio`) with one account: ¥100,000 cash, 10,000 shares of a
    /// constituent at ¥50 (70%), ¥400,000 financed, ¥2,000 interest.
    static func versionOneDatabase(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in try db.execute(sql: Schema.initialSQL) }
        try migrator.migrate(queue)
        try queue.write { db in
            try Rows.insert(Fixture.customer(), db)
            try Rows.insert(Instrument(code: "600036", name: "招商银行", board: .main, isIndexConstituent: true,
                                       haircut: BasisPoints(7_000), lastPrice: Money(yuan: 50), previousClose: Money(yuan: 50),
                                       volatility: 0.25), db)
            try db.execute(sql: """
                INSERT INTO accounts (id, customer_id, application_id, cash_fen, financed_fen, accrued_interest_fen, warning_bp,
                  closeout_bp, recovery_bp, rate_bp, fee_bp, opened_at) VALUES ('A1','C000001',NULL,10000000,40000000,200000,
                  15000,13000,16000,800,10,0)
                """)
            try db.execute(sql: "INSERT INTO positions (account_id, code, quantity) VALUES ('A1','600036',10000)")
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 1") }
        try queue.close()
    }

    @Test("an old database migrates: existing contracts keep the 50% they were opened under, holdings count as own")
    func oldDatabaseMigrates() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("v1.sqlite")
        try Self.versionOneDatabase(at: path)
        let store = try RiskStore.open(at: path)
        #expect(try store.schemaVersion() == Schema.version)
        #expect(Schema.migrations.contains { $0.name == "v5-financing-ratio" })
        let account = try #require(try store.accounts(ofCustomer: "C000001").first)
        #expect(account.lines.financingMarginRatio == BasisPoints(5_000))
        #expect(account.positions.map(\.financedCost) == [.zero])
        // 100,000 + 500,000 × 70% − 400,000 × 50% − 2,000 = 248,000
        #expect(account.availableMargin == Money(yuan: 248_000))
        // no setting stored: new contracts take the 100% default
        #expect(try store.screeningPolicy().financingMarginRatio == BasisPoints(10_000))
        #expect(try store.screeningPolicy().maximumLeverage == Leverage(hundredths: 170))
    }

    @Test("the ratio is a stored, audited setting read into the policy; a bad value is refused, a corrupt stored one is a data error")
    func ratioSetting() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        #expect(try store.screeningPolicy().financingMarginRatio == BasisPoints(10_000))
        try store.changeSetting(SettingKey.financingMarginRatio, to: "8000", by: "zhao.min", reason: "exchange notice", at: Fixture.asOf)
        #expect(try store.screeningPolicy().financingMarginRatio == BasisPoints(8_000))
        #expect(try store.screeningPolicy().maximumLeverage == Leverage(hundredths: 187))
        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.record.subject == "setting:policy.financing_margin_ratio_bp")
        #expect(entry.record.after == ["value": "8000"])
        for bad in ["0", "-100", "abc", "80%"] {
            guard case .invalidInput? = storeError({ try store.changeSetting(SettingKey.financingMarginRatio, to: bad, by: "zhao.min",
                                                                              reason: "typo", at: Fixture.asOf) }) else {
                Issue.record("\(bad) was not refused as invalid input")
                continue
            }
            #expect(try store.screeningPolicy().financingMarginRatio == BasisPoints(8_000), "\(bad)")
        }
        // A value written behind the store's back is corrupt data, never read as the default.
        try store.write { db in try db.execute(sql: "UPDATE settings SET value = '0' WHERE key = ?", arguments: [SettingKey.financingMarginRatio]) }
        #expect(storeError { try store.screeningPolicy() }
            == .corruptRow(table: "settings", row: SettingKey.financingMarginRatio, column: "value", value: "0",
                           expected: "a whole number of basis points from 5000 bp to 30000 bp"))
    }

    @Test("a contract keeps its own ratio whatever the current setting")
    func contractKeepsItsRatio() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("v1.sqlite")
        try Self.versionOneDatabase(at: path)
        let store = try RiskStore.open(at: path)
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO accounts (id, customer_id, application_id, cash_fen, financed_fen, accrued_interest_fen, warning_bp,
                  closeout_bp, recovery_bp, rate_bp, fee_bp, opened_at, financing_ratio_bp)
                  VALUES ('A2','C000001',NULL,10000000,20000000,0,15000,13000,16000,800,10,0,8000)
                """)
            try db.execute(sql: "INSERT INTO positions (account_id, code, quantity, financed_cost_fen) VALUES ('A2','600036',4000,20000000)")
        }
        // This migrated file has no users to change it through the desk rules; the value is written as stored.
        try store.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO settings (key, value, updated_at, updated_by) VALUES (?, '10000', 0, 'test')",
                           arguments: [SettingKey.financingMarginRatio])
        }
        let accounts = try store.accounts(ofCustomer: "C000001")
        let a2 = try #require(accounts.first { $0.id == "A2" })
        #expect(a2.lines.financingMarginRatio == BasisPoints(8_000))
        #expect(a2.positions.first?.financedCost == Money(yuan: 200_000))
        // bought 4,000 × ¥50 = 200,000 for 200,000: no gain; 100,000 − 200,000 × 80% = −60,000
        #expect(a2.availableMargin == Money(yuan: -60_000))
        #expect(a2.maximumFinancing == .zero)
    }
}
