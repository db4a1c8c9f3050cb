import Foundation

/// Generates the SQL of the triggers that append a row to `change_log` whenever a table is written, so the
/// integrator adds a newly tailed table (margin calls, market batches) with one line.
///
/// `subject`, `updateKind` and `condition` are SQL expressions over `ROW`, which stands for `NEW` on insert and
/// update and for `OLD` on delete (e.g. `ROW.account_id`).
public struct ChangeLogTrigger: Sendable, Hashable {
    /// The row events a trigger is written for.
    public enum Event: String, Sendable, Hashable, CaseIterable { case insert, update, delete }

    public var table: String
    /// The entry's kind on insert and delete (and on update unless `updateKind` says otherwise).
    public var kind: String
    public var subject: String
    /// An SQL expression for the kind on update (e.g. `stage` only when the stage changed); nil: `kind`.
    public var updateKind: String?
    /// Rows for which nothing is logged unless this holds (e.g. `ROW.key <> 'audit.head'`); nil: every row.
    public var condition: String?
    public var events: [Event]

    public init(table: String, kind: String, subject: String, updateKind: String? = nil, condition: String? = nil,
                events: [Event] = Event.allCases) {
        self.table = table
        self.kind = kind
        self.subject = subject
        self.updateKind = updateKind
        self.condition = condition
        self.events = events
    }

    /// Seconds since 1970 with sub-second precision; `unixepoch('subsec')` needs SQLite 3.42, Debian 12 ships 3.40.
    static let nowSQL = "((julianday('now') - 2440587.5) * 86400.0)"

    /// The `CREATE TRIGGER` statements, one per event.
    public var sql: String {
        events.map { event in
            let row = event == .delete ? "OLD" : "NEW"
            func over(_ expression: String) -> String { expression.replacingOccurrences(of: "ROW.", with: "\(row).") }
            let kindSQL = event == .update ? over(updateKind ?? Self.quoted(kind)) : Self.quoted(kind)
            let when = condition.map { " WHEN \(over($0))" } ?? ""
            return """
                CREATE TRIGGER change_log_\(table)_\(event.rawValue) AFTER \(event.rawValue.uppercased()) ON \(table)\(when)
                BEGIN INSERT INTO change_log (at, kind, subject) VALUES (\(Self.nowSQL), \(kindSQL), \(over(subject))); END;
                """
        }.joined(separator: "\n")
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// The tables the change log tails since `v9-change-log`.
    public static let standard: [ChangeLogTrigger] = [
        ChangeLogTrigger(table: "applications", kind: "stage", subject: "ROW.id",
                         updateKind: "CASE WHEN NEW.stage IS OLD.stage THEN 'application' ELSE 'stage' END"),
        // A note is a row of `decisions` only; a decision also moves the application, which logs its own entry.
        ChangeLogTrigger(table: "decisions", kind: "application", subject: "ROW.application_id", events: [.insert]),
        ChangeLogTrigger(table: "alerts", kind: "alert", subject: "CAST(ROW.id AS TEXT)"),
        ChangeLogTrigger(table: "settings", kind: "setting", subject: "ROW.key", condition: "ROW.key <> 'audit.head'"),
        ChangeLogTrigger(table: "pricing_parameters", kind: "pricing", subject: "ROW.name"),
        ChangeLogTrigger(table: "quotes", kind: "quote", subject: "ROW.application_id"),
        ChangeLogTrigger(table: "accounts", kind: "account", subject: "ROW.id"),
        ChangeLogTrigger(table: "positions", kind: "account", subject: "ROW.account_id"),
    ]
}
