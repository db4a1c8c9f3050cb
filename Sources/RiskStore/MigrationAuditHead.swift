import Foundation
import GRDB

/// v11b-audit-head: the chain's head is its last `audit_log` row, so the `audit.head` settings row that every
/// append rewrote (one hot row all writers fought over) is dropped. Data only: a file without this migration
/// reads correctly, the old row is simply ignored (see `Schema.readCompatibleMigrations`).
enum MigrationAuditHead {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM settings WHERE key = 'audit.head'")
    }
}
