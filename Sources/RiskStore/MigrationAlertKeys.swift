import Foundation
import GRDB

/// v2-alert-keys: concentration and limit-down alerts are kept one per (account, instrument), and an expired
/// KYC is its own rule (`kyc.expired`). Alerts still open under the old keys get the new ones, so the next
/// evaluation finds them instead of opening a second alert for the same position or customer.
/// Data only: a file without this migration reads correctly (see `Schema.readCompatibleMigrations`).
enum MigrationAlertKeys {
    static func migrate(_ db: Database) throws {
        // The instrument code is the first word of these alerts' messages ("600036 招商银行 is 31% of …").
        try db.execute(sql: """
            UPDATE alerts SET dedupe_key = dedupe_key || '|' || substr(message, 1, instr(message, ' ') - 1)
            WHERE rule IN ('concentration.position', 'volatility.limit_down') AND instr(message, ' ') > 1
              AND dedupe_key = subject || '|' || rule
            """)
        // A warning under kyc.expiring was the "expired" case: it now has a rule of its own.
        try db.execute(sql: """
            UPDATE alerts SET rule = 'kyc.expired', dedupe_key = subject || '|kyc.expired'
            WHERE rule = 'kyc.expiring' AND severity = 'warning'
            """)
    }
}
