import GRDB
import RiskCore

/// v15-counts: the queue's counts per (stage, grade) and the alerts' counts per (state, severity, assignee, calls),
/// kept by triggers in the writer's own transaction, so the console's titles read a few rows instead of counting
/// a million. Filled for existing rows by `DeskCounts.rebuild` (set-based). Also indexes the change log by kind
/// (the console's start asks for the newest market entry) and the snoozed alerts by their end (the expired ones are
/// listed and counted as open until the timer reopens them). Independent of the other migrations
/// of issue 8; a file without it is still read (the counts fall back to `COUNT(*)`, see `DeskCounts.isMaintained`).
enum MigrationCounts {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: tablesSQL)
        try db.execute(sql: triggersSQL)
        try db.execute(sql: indexesSQL)
        try DeskCounts.rebuild(db)
    }

    /// The console's start reads the newest `market` entry of the change log: by kind, not by scanning the log back;
    /// the alerts pane reads the snoozes that ended by now: by their end, not every snoozed alert.
    static let indexesSQL = """
        CREATE INDEX IF NOT EXISTS change_log_kind ON change_log(kind, seq);
        CREATE INDEX IF NOT EXISTS alerts_snooze_end ON alerts(state, IFNULL(snoozed_until, 0)) WHERE state = 'snoozed';
        """

    static let tablesSQL = """
        CREATE TABLE IF NOT EXISTS queue_counts (
            stage TEXT NOT NULL,
            grade TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (stage, grade)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS alert_counts (
            state TEXT NOT NULL,
            severity TEXT NOT NULL,
            assignee TEXT NOT NULL,
            calls INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (state, severity, assignee, calls)
        ) WITHOUT ROWID;
        """

    /// An application's key in `queue_counts` (`ROW` is `NEW` or `OLD`): a missing grade counts as ''.
    private static func queueKey(_ row: String) -> String { "\(row).stage, IFNULL(\(row).grade, '')" }

    /// An alert's key in `alert_counts`: nobody assigned counts as '', a margin-call rule as calls = 1.
    private static func alertKey(_ row: String) -> String {
        "\(row).state, \(row).severity, IFNULL(\(row).assignee, ''), \(row).rule IN (\(DeskCounts.callRulesSQL))"
    }

    private static func addQueue(_ row: String) -> String {
        "INSERT INTO queue_counts (stage, grade, n) VALUES (\(queueKey(row)), 1) ON CONFLICT (stage, grade) DO UPDATE SET n = n + 1;"
    }

    private static func removeQueue(_ row: String) -> String {
        "UPDATE queue_counts SET n = n - 1 WHERE (stage, grade) = (\(queueKey(row)));"
    }

    private static func addAlert(_ row: String) -> String {
        "INSERT INTO alert_counts (state, severity, assignee, calls, n) VALUES (\(alertKey(row)), 1) "
            + "ON CONFLICT (state, severity, assignee, calls) DO UPDATE SET n = n + 1;"
    }

    private static func removeAlert(_ row: String) -> String {
        "UPDATE alert_counts SET n = n - 1 WHERE (state, severity, assignee, calls) = (\(alertKey(row)));"
    }

    /// The triggers' names, for the bulk loader and the tests.
    static let triggerNames = ["queue_counts_insert", "queue_counts_update", "queue_counts_delete",
                               "alert_counts_insert", "alert_counts_update", "alert_counts_delete"]

    static var triggersSQL: String {
        """
        CREATE TRIGGER IF NOT EXISTS queue_counts_insert AFTER INSERT ON applications BEGIN \(addQueue("NEW")) END;
        CREATE TRIGGER IF NOT EXISTS queue_counts_delete AFTER DELETE ON applications BEGIN \(removeQueue("OLD")) END;
        CREATE TRIGGER IF NOT EXISTS queue_counts_update AFTER UPDATE OF stage, grade ON applications
            WHEN OLD.stage IS NOT NEW.stage OR OLD.grade IS NOT NEW.grade
            BEGIN \(removeQueue("OLD")) \(addQueue("NEW")) END;
        CREATE TRIGGER IF NOT EXISTS alert_counts_insert AFTER INSERT ON alerts BEGIN \(addAlert("NEW")) END;
        CREATE TRIGGER IF NOT EXISTS alert_counts_delete AFTER DELETE ON alerts BEGIN \(removeAlert("OLD")) END;
        CREATE TRIGGER IF NOT EXISTS alert_counts_update AFTER UPDATE OF state, severity, assignee, rule ON alerts
            WHEN OLD.state IS NOT NEW.state OR OLD.severity IS NOT NEW.severity OR OLD.assignee IS NOT NEW.assignee
                OR OLD.rule IS NOT NEW.rule
            BEGIN \(removeAlert("OLD")) \(addAlert("NEW")) END;
        """
    }
}
