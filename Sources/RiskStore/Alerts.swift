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

extension RiskStore {
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
            guard user.may(.acknowledgeAlert, onTrainingData: try Self.isTraining(db)) else {
                throw StoreError.refused(.notPermitted(user: user.name, role: user.role, action: "acknowledge alerts"))
            }
            try db.execute(sql: "UPDATE alerts SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'",
                           arguments: [user.name, now.timeIntervalSince1970, id])
            guard db.changesCount == 1 else { throw StoreError.invalidInput("alert \(id) is not open") }
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
            let permission: Permission = alert.severity == .critical ? .resolveCriticalAlert : .acknowledgeAlert
            guard user.may(permission, onTrainingData: training) else {
                throw StoreError.refused(.notPermitted(user: user.name, role: user.role, action: "resolve \(alert.severity.rawValue) alerts"))
            }
            guard alert.state != .resolved else { throw StoreError.invalidInput("alert \(id) is already resolved") }
            try db.execute(sql: "UPDATE alerts SET state = 'resolved', resolved_by = ?, resolved_at = ?, disposition = ? WHERE id = ?",
                           arguments: [user.name, now.timeIntervalSince1970, disposition, id])
            try AuditChain.append(AuditRecord(actor: user.name, action: "alert.resolve", subject: "alert:\(id)",
                                              before: ["state": alert.state.rawValue], after: ["state": "resolved", "disposition": disposition]),
                                  at: now, db)
        }
    }
}
