import Foundation
import GRDB
import RiskCore

/// Schema v2 of the audit log: each entry records the encoding its hash covers and the operating-system
/// login of the process that wrote it. Existing entries keep encoding 1 and an empty login, so they verify
/// exactly as before; entries appended from now on use encoding 2 (see `AuditEncoding`). The append-only
/// triggers fire on UPDATE and DELETE, not on ALTER TABLE, and stay in place.
///
/// `audit verify` now also replays every application from the log. Databases made before every application
/// had a creation entry cannot be replayed, so the migration appends one `application.baseline` entry for
/// each application whose current stage and version the log does not give, saying so. A new database has
/// no applications yet, so it gets none.
enum MigrationAuditEncoding {
    static let name = "v2-audit-encoding"

    static let sql = """
    ALTER TABLE audit_log ADD COLUMN encoding INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE audit_log ADD COLUMN login TEXT NOT NULL DEFAULT '';
    """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: sql)
        try recordBaselines(db, at: Date())
    }

    static func recordBaselines(_ db: Database, at date: Date) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applications") ?? 0 > 0 else { return }
        var replay = ApplicationReplay()
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(try AuditChain.selection(db)) FROM audit_log ORDER BY seq")
        while let row = try cursor.next() {
            // A malformed entry is left for `audit verify` to report; it states nothing here.
            if case let .success(entry) = AuditChain.entry(row) { replay.observe(entry) }
        }
        for app in try replay.unreplayed(db) {
            try AuditChain.append(AuditRecord.applicationBaseline(app.id, stage: app.stage, version: app.version,
                                                                  logged: (app.logged?.stage, app.logged?.version), at: name),
                                  at: date, db)
        }
    }
}
