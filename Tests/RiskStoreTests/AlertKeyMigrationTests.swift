import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `v2-alert-keys` on a file an older riskdesk wrote: open alerts move to the new keys, so re-evaluating the
/// rules finds them instead of opening duplicates, and the expired-KYC warning becomes its own rule.
@Suite("Alert keys migration")
struct AlertKeyMigrationTests {
    private func insertAlert(_ db: Database, rule: String, severity: String, subject: String, message: String, state: String = "open") throws {
        try db.execute(sql: """
            INSERT INTO alerts (rule, severity, subject, message, dedupe_key, state, opened_at) VALUES (?,?,?,?,?,?,?)
            """, arguments: [rule, severity, subject, message, "\(subject)|\(rule)", state, Fixture.asOf.timeIntervalSince1970])
    }

    @Test func openAlertsGetTheNewKeys() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = try OldSchema.makeVersion1(in: dir)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try insertAlert(db, rule: "concentration.position", severity: "warning", subject: "account:A1",
                                message: "600036 招商银行 is 40% of collateral (limit 30%)")
                try insertAlert(db, rule: "volatility.limit_down", severity: "critical", subject: "account:A1",
                                message: "600111 北方稀土 is limit-down (-10.0%)")
                try insertAlert(db, rule: "kyc.expiring", severity: "warning", subject: "customer:C1", message: "KYC of 张三 expired 3 days ago")
                try insertAlert(db, rule: "kyc.expiring", severity: "info", subject: "customer:C2", message: "KYC of 李四 expires in 5 days")
                try insertAlert(db, rule: "margin.warning", severity: "warning", subject: "account:A1", message: "maintenance ratio 140.0% …")
            }
            try queue.close()
        }
        let store = try RiskStore.open(at: path)
        #expect(try store.schemaVersion() == Schema.version)
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT rule, dedupe_key FROM alerts ORDER BY id").map { ($0["rule"] as String, $0["dedupe_key"] as String) }
        }
        #expect(rows.map(\.1) == [
            "account:A1|concentration.position|600036",
            "account:A1|volatility.limit_down|600111",
            "customer:C1|kyc.expired",
            "customer:C2|kyc.expiring",
            "account:A1|margin.warning",
        ])
        #expect(rows.map(\.0)[2] == "kyc.expired")

        // The rules' candidates for the same facts now meet the migrated alerts: nothing new opens.
        let same = AlertCandidate(rule: .positionConcentration, severity: .warning, subject: "account:A1", scope: "600036", message: "again")
        #expect(try store.raise(same, at: Fixture.later) == nil)
        let expired = AlertCandidate(rule: .kycExpired, severity: .warning, subject: "customer:C1", message: "again")
        #expect(try store.raise(expired, at: Fixture.later) == nil)
        // …while a second concentrated position of the same account, which used to be swallowed, opens.
        let other = AlertCandidate(rule: .positionConcentration, severity: .warning, subject: "account:A1", scope: "600519", message: "600519 贵州茅台 is 35% …")
        #expect(try store.raise(other, at: Fixture.later) != nil)
        // …and an expired KYC opens beside the still-open "expiring" info alert of the same customer.
        let c2Expired = AlertCandidate(rule: .kycExpired, severity: .warning, subject: "customer:C2", message: "KYC of 李四 expired 1 days ago")
        #expect(try store.raise(c2Expired, at: Fixture.later) != nil)
        #expect(try store.rowCount("alerts", where: "subject = 'customer:C2' AND state = 'open'") == 2)
    }

    @Test func theSampleGeneratorKeysConcentrationPerInstrument() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 150)
        let keys = try store.read { db in
            try String.fetchAll(db, sql: "SELECT dedupe_key FROM alerts WHERE rule IN ('concentration.position','volatility.limit_down')")
        }
        #expect(!keys.isEmpty)
        // every such key is subject|rule|instrument code
        #expect(keys.allSatisfy { $0.split(separator: "|").count == 3 }, "\(keys.prefix(3))")
    }
}
