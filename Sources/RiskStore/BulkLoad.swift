import Foundation
import GRDB

/// The tables computed from the base tables (counts, full-text index): each entry recomputes one of them from scratch
/// with set-based SQL. A bulk load, which runs without the triggers that keep them current, calls every rebuilder
/// once the base tables are loaded; a migration that adds a derived table fills it with the same rebuilder.
public enum DerivedData {
    public static let rebuilders: [(name: String, rebuild: @Sendable (Database) throws -> Void)] = [
        ("counts", DeskCounts.rebuild),
        ("queue-search", QueueSearchIndex.rebuild),
    ]
}

/// Loading many rows into a new database: before the load the triggers (but the audit log's append-only guards) and the
/// secondary indexes are dropped, their SQL kept; afterwards the indexes and then the triggers are created again from that
/// SQL and every derived table is rebuilt, so the file ends with exactly the schema a migrated empty database has.
///
/// Unique and primary-key indexes stay: they are constraints the load relies on (`INSERT OR IGNORE` of alerts).
struct BulkLoad {
    /// `CREATE INDEX` statements of the dropped indexes, in the order they were found.
    private(set) var indexes: [String]
    /// `CREATE TRIGGER` statements of the dropped triggers.
    private(set) var triggers: [String]

    /// The audit log refuses updates and deletes even while loading.
    static let keptTriggers: Set<String> = ["audit_log_no_update", "audit_log_no_delete"]

    /// Saves and drops the triggers and secondary indexes (inside the caller's transaction).
    static func begin(_ db: Database) throws -> BulkLoad {
        let triggerRows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY rowid
            """)
        let indexRows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid
            """)
        var load = BulkLoad(indexes: [], triggers: [])
        for row in triggerRows {
            let name: String = row["name"]
            guard !keptTriggers.contains(name) else { continue }
            load.triggers.append(row["sql"])
            try db.execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier)")
        }
        for row in indexRows {
            let name: String = row["name"]
            let sql: String = row["sql"]
            guard !isUnique(sql) else { continue }
            load.indexes.append(sql)
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
        }
        return load
    }

    /// Whether a `CREATE … INDEX` statement makes a unique index.
    static func isUnique(_ sql: String) -> Bool {
        sql.uppercased().split(whereSeparator: \.isWhitespace).prefix(2).last == "UNIQUE"
    }

    /// Creates the dropped indexes again (inside the caller's transaction); they are then kept by later writes.
    mutating func restoreIndexes(_ db: Database) throws {
        for sql in indexes { try db.execute(sql: sql) }
        indexes = []
    }

    /// Creates the dropped triggers again and rebuilds every derived table (inside the caller's transaction).
    mutating func restoreTriggers(_ db: Database) throws {
        for sql in triggers { try db.execute(sql: sql) }
        triggers = []
        for rebuilder in DerivedData.rebuilders { try rebuilder.rebuild(db) }
    }
}
