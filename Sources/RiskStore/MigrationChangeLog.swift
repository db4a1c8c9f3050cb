import GRDB

/// `v9-change-log`: every write appends (seq, at, kind, subject) to `change_log` in the same transaction, by
/// triggers, so a console tails what changed by seq instead of reloading everything on each foreign commit.
enum MigrationChangeLog {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE change_log (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at REAL NOT NULL,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL
            );
            """)
        for trigger in ChangeLogTrigger.standard { try db.execute(sql: trigger.sql) }
    }
}
