import Foundation
import GRDB
import RiskCore

/// A stored alert with its lifecycle.
public struct StoredAlert: Hashable, Sendable {
    public var id: Int64
    public var rule: String
    public var severity: Severity
    public var subject: String
    public var message: String
    public var state: AlertState
    public var openedAt: Date
    public var acknowledgedBy: String?
}

/// Where an open alert sits in the alerts pane's order: critical first, then oldest first, then by id.
/// The id makes the key unique, so keyset paging never skips or repeats an alert.
public struct AlertKey: Hashable, Sendable, Comparable {
    /// 0 critical, 1 warning, 2 info.
    public var rank: Int
    /// `opened_at` exactly as stored (seconds since 1970), so a page continues exactly where the last ended.
    public var openedAt: Double
    public var id: Int64

    public init(rank: Int, openedAt: Double, id: Int64) {
        self.rank = rank
        self.openedAt = openedAt
        self.id = id
    }

    public static func < (lhs: AlertKey, rhs: AlertKey) -> Bool {
        (lhs.rank, lhs.openedAt, lhs.id) < (rhs.rank, rhs.openedAt, rhs.id)
    }
}

/// An open alert with its place in the pane's order.
public struct AlertRow: Hashable, Sendable {
    public var alert: StoredAlert
    public var key: AlertKey
}

extension RiskStore {
    /// The pane's order as SQL: NULL for alerts the pane does not list (resolved, snoozed), else 0 critical,
    /// 1 warning, 2 info. Migrated databases store it as the virtual column `open_rank`, indexed with
    /// `opened_at` and `id` (`alerts_open_order`), so every page is an index search.
    static let openRankExpression = """
        (CASE WHEN state IN ('open','acknowledged','escalated') \
        THEN (CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END) END)
        """

    /// `open_rank` once migrated, else the same expression (a database opened read-only before its
    /// migration is still listed correctly, by a scan).
    static func openRank(_ db: Database) throws -> String {
        let migrated = try Bool.fetchOne(db, sql: "SELECT 1 FROM pragma_table_xinfo('alerts') WHERE name = 'open_rank'") ?? false
        return migrated ? "open_rank" : openRankExpression
    }

    /// One page of listed alerts: after (`>`, `>=`) or before (`<`) a key, or from either end (`nil`).
    static func alertPageSQL(rank: String, comparison: String?, descending: Bool) -> String {
        let direction = descending ? "DESC" : "ASC"
        let keyset = comparison.map { " AND (\(rank), opened_at, id) \($0) (?, ?, ?)" } ?? ""
        return """
            SELECT *, \(rank) AS listed_rank FROM alerts WHERE \(rank) IS NOT NULL\(keyset)
            ORDER BY \(rank) \(direction), opened_at \(direction), id \(direction) LIMIT ?
            """
    }

    private static func alertRows(_ db: Database, where comparison: String?, arguments: StatementArguments,
                                  descending: Bool, limit: Int) throws -> [AlertRow] {
        let sql = alertPageSQL(rank: try openRank(db), comparison: comparison, descending: descending)
        var all = arguments
        all += [max(0, limit)]
        return try Row.fetchAll(db, sql: sql, arguments: all).map { row in
            AlertRow(alert: try Self.alert(row), key: AlertKey(rank: row["listed_rank"], openedAt: row["opened_at"], id: row["id"]))
        }
    }

    private static func arguments(_ key: AlertKey) -> StatementArguments { [key.rank, key.openedAt, key.id] }

    /// Up to `limit` open alerts in the pane's order, after `key` (or from `key` when `including`), or from the first.
    /// Keyset paging served by the `alerts_open_order` index: never OFFSET.
    public func openAlerts(after key: AlertKey?, including: Bool = false, limit: Int) throws(StoreError) -> [AlertRow] {
        try read { db in
            try Self.alertRows(db, where: key == nil ? nil : (including ? ">=" : ">"),
                               arguments: key.map(Self.arguments) ?? [], descending: false, limit: limit)
        }
    }

    /// The `limit` open alerts just before `key`, in the pane's order (a reverse keyset query).
    public func openAlerts(before key: AlertKey, limit: Int) throws(StoreError) -> [AlertRow] {
        try read { db in
            Array(try Self.alertRows(db, where: "<", arguments: Self.arguments(key), descending: true, limit: limit).reversed())
        }
    }

    /// The last `limit` open alerts, in the pane's order.
    public func openAlertsLastPage(limit: Int) throws(StoreError) -> [AlertRow] {
        try read { db in Array(try Self.alertRows(db, where: nil, arguments: [], descending: true, limit: limit).reversed()) }
    }

    /// How many open alerts come before `key` in the pane's order (its 0-based position).
    public func openAlertPosition(of key: AlertKey) throws(StoreError) -> Int {
        try read { db in
            let rank = try Self.openRank(db)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alerts WHERE \(rank) IS NOT NULL AND (\(rank), opened_at, id) < (?, ?, ?)",
                                    arguments: Self.arguments(key)) ?? 0
        }
    }

    /// Open and acknowledged alerts, critical first, then oldest first.
    public func openAlerts(limit: Int = 200, subjects: [String]? = nil) throws(StoreError) -> [StoredAlert] {
        try read { db in
            var sql = "SELECT * FROM alerts WHERE state IN ('open','acknowledged','escalated')"
            var arguments: StatementArguments = []
            if let subjects {
                guard !subjects.isEmpty else { return [] }
                sql += " AND subject IN (\(subjects.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(subjects)
            }
            sql += " ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, opened_at, id LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.alert)
        }
    }

    /// Counts of open alerts by severity.
    public func openAlertCounts() throws(StoreError) -> [Severity: Int] {
        try read { db in
            var counts: [Severity: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT severity, COUNT(*) AS n FROM alerts WHERE state IN ('open','acknowledged','escalated') GROUP BY severity") {
                let r = StrictRow(row, table: "alerts", key: "severity")
                counts[try r.enumeration("severity", Severity.self)] = try r.int("n")
            }
            return counts
        }
    }

    static func alert(_ row: Row) throws(StoreError) -> StoredAlert {
        try Rows.alert(row)
    }

    /// Raises an alert unless one is already open for the same (subject, rule); returns its id when new.
    @discardableResult
    public func raise(_ candidate: AlertCandidate, at now: Date = Date()) throws(StoreError) -> Int64? {
        try write { db in try Self.raise(candidate, at: now, db) }
    }

    static func raise(_ candidate: AlertCandidate, at now: Date, _ db: Database) throws -> Int64? {
        try db.execute(sql: """
            INSERT OR IGNORE INTO alerts (rule, severity, subject, message, dedupe_key, state, opened_at)
            VALUES (?,?,?,?,?,'open',?)
            """, arguments: [candidate.rule.rawValue, candidate.severity.rawValue, candidate.subject, candidate.message,
                             candidate.dedupeKey, now.timeIntervalSince1970])
        guard db.changesCount == 1 else { return nil }
        let id = db.lastInsertedRowID
        try AuditChain.append(AuditRecord(actor: "system", action: "alert.open", subject: "alert:\(id)",
                                          after: ["rule": candidate.rule.rawValue, "severity": candidate.severity.rawValue,
                                                  "subject": candidate.subject], reason: candidate.message), at: now, db)
        return id
    }

    /// Acknowledges an open alert (officers and supervisors), audited.
    public func acknowledgeAlert(_ id: Int64, by userName: String, at now: Date = Date()) throws(StoreError) {
        try write { db in
            let user = try Self.requireUser(userName, db)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("no alert \(id)")
            }
            let training = try Self.isTraining(db)
            let state = try Self.alert(row).state
            try Self.ruling { () throws(DecisionError) in try DeskRules.acknowledgeAlert(id, state: state, by: user, isTrainingData: training) }
            try db.execute(sql: "UPDATE alerts SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'",
                           arguments: [user.name, now.timeIntervalSince1970, id])
            try AuditChain.append(AuditRecord(actor: user.name, action: "alert.acknowledge", subject: "alert:\(id)",
                                              before: ["state": "open"], after: ["state": "acknowledged"]), at: now, db)
        }
    }

    /// Resolves an alert with a disposition; critical alerts need a supervisor.
    public func resolveAlert(_ id: Int64, by userName: String, disposition: String, at now: Date = Date()) throws(StoreError) {
        try write { db in
            let user = try Self.requireUser(userName, db)
            let training = try Self.isTraining(db)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("no alert \(id)")
            }
            let alert = try Self.alert(row)
            try Self.ruling { () throws(DecisionError) in try DeskRules.resolveAlert(id, severity: alert.severity, state: alert.state, by: user, isTrainingData: training) }
            try db.execute(sql: "UPDATE alerts SET state = 'resolved', resolved_by = ?, resolved_at = ?, disposition = ? WHERE id = ?",
                           arguments: [user.name, now.timeIntervalSince1970, disposition, id])
            try AuditChain.append(AuditRecord(actor: user.name, action: "alert.resolve", subject: "alert:\(id)",
                                              before: ["state": alert.state.rawValue], after: ["state": "resolved", "disposition": disposition]),
                                  at: now, db)
        }
    }
}
