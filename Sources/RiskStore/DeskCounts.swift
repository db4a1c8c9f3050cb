import Foundation
import GRDB
import RiskCore

/// The queue's and the alerts' counts as the writes keep them (`queue_counts`, `alert_counts`, see `MigrationCounts`):
/// reading one is a search over a few rows, never a count over the table, so the console's titles cost nothing on
/// the key path. `rebuild` recomputes both from the base tables (after a bulk load, and by the migration).
public enum DeskCounts {
    /// The margin-call rules as an SQL list, as `alert_counts.calls` and the `alerts_open_calls` index spell them.
    static let callRulesSQL = AlertRule.marginCallRules.map { "'\($0.rawValue)'" }.joined(separator: ",")

    /// Recomputes both count tables from `applications` and `alerts` (set-based: one `INSERT … SELECT` each).
    public static func rebuild(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM queue_counts;
            INSERT INTO queue_counts (stage, grade, n)
                SELECT stage, IFNULL(grade, ''), COUNT(*) FROM applications GROUP BY 1, 2;
            DELETE FROM alert_counts;
            INSERT INTO alert_counts (state, severity, assignee, calls, n)
                SELECT state, severity, IFNULL(assignee, ''), rule IN (\(callRulesSQL)), COUNT(*) FROM alerts GROUP BY 1, 2, 3, 4;
            """)
    }

    /// True when the file has the count tables (a read-only open of a file from before `v15-counts` has not).
    static func isMaintained(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'queue_counts'")) ?? false
    }

    /// The number of applications under `filter` from `queue_counts`, or nil when the table cannot answer it (a claim
    /// or a text filter, or a file without the table): those are counted off the key path.
    static func queueCount(_ db: Database, filter: QueueFilter) throws -> Int? {
        guard filter.isCountMaintained, try isMaintained(db) else { return nil }
        let stages = filter.effectiveStages.map(\.rawValue)
        var sql = "SELECT IFNULL(SUM(n), 0) FROM queue_counts WHERE stage IN (\(stages.map { _ in "?" }.joined(separator: ",")))"
        var arguments = StatementArguments(stages)
        if !filter.grades.isEmpty {
            sql += " AND grade IN (\(filter.grades.map { _ in "?" }.joined(separator: ",")))"
            arguments += StatementArguments(filter.grades.map(\.rawValue))
        }
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    /// The listed alerts by severity under `filter` at `now`, or nil on a file without `alert_counts`: the open,
    /// acknowledged and escalated ones from the table, plus the snoozes that expired by `now` and were not reopened
    /// yet, counted through the partial index `alerts_snooze_end` (only snoozed alerts, by their end).
    static func alertCounts(_ db: Database, filter: AlertFilter, now: Date) throws -> [Severity: Int]? {
        guard try isMaintained(db) else { return nil }
        var condition = ""
        var arguments: StatementArguments = []
        switch filter.assignment {
        case .anyone: break
        case let .user(name):
            condition += " AND assignee = ?"
            arguments += [name]
        case .nobody:
            condition += " AND assignee = ''"
        }
        if filter.criticalOnly { condition += " AND severity = 'critical'" }
        if filter.callsOnly { condition += " AND calls = 1" }
        var counts: [Severity: Int] = [:]
        let listed = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT severity, SUM(n) AS n FROM alert_counts WHERE state IN ('open','acknowledged','escalated')\(condition)
            GROUP BY severity
            """), arguments: arguments)
        for row in listed {
            // Named as the alerts it counts: a bad severity is a bad alert row, whichever way it is read.
            let r = StrictRow(row, table: "alerts", key: "severity")
            counts[try r.enumeration("severity", Severity.self), default: 0] += try r.int("n")
        }
        let snoozes = RiskStore.AlertListing(rank: RiskStore.openRankExpression, filter: filter, now: now.timeIntervalSince1970)
            .expiredSnoozes
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT severity, COUNT(*) AS n FROM alerts WHERE \(snoozes.sql) GROUP BY severity"),
                                    arguments: snoozes.arguments) {
            let r = StrictRow(row, table: "alerts", key: "severity")
            counts[try r.enumeration("severity", Severity.self), default: 0] += try r.int("n")
        }
        return counts.filter { $0.value != 0 }
    }
}

extension QueueFilter {
    /// True when `queue_counts` answers this filter's count (stages and grades only; no claim, no text).
    public var isCountMaintained: Bool {
        claimedBy == nil && text.trimmingCharacters(in: .whitespaces).isEmpty
    }
}
