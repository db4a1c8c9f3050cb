import GRDB

/// Schema v2 of the audit log: each entry records the encoding its hash covers and the operating-system
/// login of the process that wrote it. Existing entries keep encoding 1 and an empty login, so they verify
/// exactly as before; entries appended from now on use encoding 2 (see `AuditEncoding`). The append-only
/// triggers fire on UPDATE and DELETE, not on ALTER TABLE, and stay in place.
enum MigrationAuditEncoding {
    static let sql = """
    ALTER TABLE audit_log ADD COLUMN encoding INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE audit_log ADD COLUMN login TEXT NOT NULL DEFAULT '';
    """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: sql)
    }
}
