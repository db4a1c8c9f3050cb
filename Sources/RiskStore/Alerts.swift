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
    public var acknowledgedAt: Date?
    /// Bumped by every lifecycle step (1 on a file from before the lifecycle migration).
    public var version: Int = 1
    public var assignee: String?
    public var assignedBy: String?
    public var assignedAt: Date?
    public var escalatedBy: String?
    public var escalatedAt: Date?
    public var escalationReason: String?
    public var snoozedBy: String?
    public var snoozedUntil: Date?
    public var resolvedBy: String?
    public var resolvedAt: Date?
    /// As stored: an `AlertDisposition` raw value, or older free text.
    public var disposition: String?
    public var resolutionNote: String?

    /// The lifecycle part, as `AlertLifecycle` reads and returns it.
    public var status: AlertStatus {
        var s = AlertStatus(id: id, severity: severity, rule: rule, state: state, version: version)
        s.acknowledgedBy = acknowledgedBy
        s.acknowledgedAt = acknowledgedAt
        s.assignee = assignee
        s.assignedBy = assignedBy
        s.assignedAt = assignedAt
        s.escalatedBy = escalatedBy
        s.escalatedAt = escalatedAt
        s.escalationReason = escalationReason
        s.snoozedBy = snoozedBy
        s.snoozedUntil = snoozedUntil
        s.resolvedBy = resolvedBy
        s.resolvedAt = resolvedAt
        s.disposition = disposition.flatMap(AlertDisposition.init(rawValue:))
        s.resolutionNote = resolutionNote
        return s
    }

    /// The state a person sees at `now`: an expired snooze is open.
    public func effectiveState(at now: Date) -> AlertState {
        status.snoozeExpired(at: now) ? .open : state
    }
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

    /// When a snooze ends, 0 for one without an end (listed as open at once). Spelled as in the partial index
    /// `alerts_snooze_end` (v15-counts), so the expired snoozes are an index search over the few not yet reopened.
    static let snoozeEndExpression = "IFNULL(snoozed_until, 0)"

    /// The rank of an expired snooze, listed again as open: its severity's.
    static let severityRankExpression = "(CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END)"

    /// `open_rank` once migrated, else the same expression (a database opened read-only before its
    /// migration is still listed correctly, by a scan).
    static func openRank(_ db: Database) throws -> String {
        let migrated = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM pragma_table_xinfo('alerts') WHERE name = 'open_rank'")) ?? false
        return migrated ? "open_rank" : openRankExpression
    }

    /// The listed alerts at a moment under a filter, as SQL: the open, acknowledged and escalated ones (`open_rank`),
    /// and the snoozed ones whose snooze has expired (listed as open again before the system records the reopening).
    struct AlertListing {
        var rank: String
        /// False on a file from before v10-alert-lifecycle: nobody is assigned anything.
        var hasAssignee: Bool
        var filter: AlertFilter
        var now: Double

        init(_ db: Database, filter: AlertFilter, now: Date) throws {
            rank = try RiskStore.openRank(db)
            hasAssignee = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM pragma_table_xinfo('alerts') WHERE name = 'assignee'")) ?? false
            self.filter = filter
            self.now = now.timeIntervalSince1970
        }

        init(rank: String, hasAssignee: Bool = true, filter: AlertFilter = .none, now: Double) {
            self.rank = rank
            self.hasAssignee = hasAssignee
            self.filter = filter
            self.now = now
        }

        /// The filter's conditions shared by both branches (assignee, rules).
        private var common: (sql: String, arguments: StatementArguments) {
            var sql = ""
            var arguments: StatementArguments = []
            switch filter.assignment {
            case .anyone: break
            case let .user(name):
                if hasAssignee {
                    sql += " AND assignee = ?"
                    arguments += [name]
                } else {
                    sql += " AND 0"
                }
            case .nobody:
                if hasAssignee { sql += " AND assignee IS NULL" }
            }
            if filter.callsOnly {
                // Spelled as in the partial index `alerts_open_calls`, so the planner can use it.
                sql += " AND rule IN (" + AlertRule.marginCallRules.map { "'\($0.rawValue)'" }.joined(separator: ",") + ")"
            }
            return (sql, arguments)
        }

        /// The listed open alerts (`open_rank` not NULL), with the rank column to order by.
        var open: (rank: String, sql: String, arguments: StatementArguments) {
            let c = common
            // Critical only as a range (rank below 1), so the index keeps serving the order after an assignee.
            return (rank, "\(rank) IS NOT NULL" + (filter.criticalOnly ? " AND \(rank) < 1" : "") + c.sql, c.arguments)
        }

        /// The expired snoozes, with their severity's rank.
        var expiredSnoozes: (rank: String, sql: String, arguments: StatementArguments) {
            let c = common
            var arguments: StatementArguments = [now]
            arguments += c.arguments
            return (RiskStore.severityRankExpression,
                    "state = 'snoozed' AND \(RiskStore.snoozeEndExpression) <= ?" + (filter.criticalOnly ? " AND severity = 'critical'" : "") + c.sql,
                    arguments)
        }

        /// One page: after (`>`, `>=`) or before (`<`) a key, or from either end (`nil`). The listed branch is an index
        /// search limited to the page; the expired snoozes are found by `alerts_snooze_end` (those not yet reopened);
        /// the merge sorts at most the page from each branch.
        func pageSQL(comparison: String?, key: AlertKey?, descending: Bool, limit: Int) -> (String, StatementArguments) {
            let direction = descending ? "DESC" : "ASC"
            var arguments: StatementArguments = []
            func branch(_ part: (rank: String, sql: String, arguments: StatementArguments)) -> String {
                arguments += part.arguments
                var sql = "SELECT *, \(part.rank) AS listed_rank FROM alerts WHERE \(part.sql)"
                if let comparison, let key {
                    sql += " AND (\(part.rank), opened_at, id) \(comparison) (?, ?, ?)"
                    arguments += [key.rank, key.openedAt, key.id]
                }
                sql += " ORDER BY \(part.rank) \(direction), opened_at \(direction), id \(direction) LIMIT ?"
                arguments += [max(0, limit)]
                return sql
            }
            let first = branch(open), second = branch(expiredSnoozes)
            arguments += [max(0, limit)]
            return ("""
                SELECT * FROM (\(first)) UNION ALL SELECT * FROM (\(second))
                ORDER BY listed_rank \(direction), opened_at \(direction), id \(direction) LIMIT ?
                """, arguments)
        }

        /// How many listed alerts come before `key`.
        func positionSQL(_ key: AlertKey) -> (String, StatementArguments) {
            var arguments: StatementArguments = []
            func count(_ part: (rank: String, sql: String, arguments: StatementArguments)) -> String {
                arguments += part.arguments
                arguments += [key.rank, key.openedAt, key.id]
                return "(SELECT COUNT(*) FROM alerts WHERE \(part.sql) AND (\(part.rank), opened_at, id) < (?, ?, ?))"
            }
            let first = count(open), second = count(expiredSnoozes)
            return ("SELECT \(first) + \(second)", arguments)
        }

        /// Listed alerts by severity.
        func countsSQL() -> (String, StatementArguments) {
            let o = open, e = expiredSnoozes
            var arguments = o.arguments
            arguments += e.arguments
            return ("""
                SELECT severity, COUNT(*) AS n FROM (SELECT severity FROM alerts WHERE \(o.sql)
                UNION ALL SELECT severity FROM alerts WHERE \(e.sql)) GROUP BY severity
                """, arguments)
        }
    }

    private static func alertRows(_ db: Database, filter: AlertFilter, now: Date, where comparison: String?, key: AlertKey?,
                                  descending: Bool, limit: Int) throws -> [AlertRow] {
        let (sql, arguments) = try AlertListing(db, filter: filter, now: now)
            .pageSQL(comparison: comparison, key: key, descending: descending, limit: limit)
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            AlertRow(alert: try Self.alert(row), key: AlertKey(rank: row["listed_rank"], openedAt: row["opened_at"], id: row["id"]))
        }
    }

    /// Up to `limit` listed alerts in the pane's order, after `key` (or from `key` when `including`), or from the first,
    /// under `filter`; an alert whose snooze has expired at `now` is listed as open.
    /// Keyset paging served by the `alerts_open_order` index (or the filter's): never OFFSET.
    public func openAlerts(after key: AlertKey?, including: Bool = false, limit: Int, filter: AlertFilter = .none,
                           now: Date = Date()) throws(StoreError) -> [AlertRow] {
        try read { db in
            try Self.alertRows(db, filter: filter, now: now, where: key == nil ? nil : (including ? ">=" : ">"), key: key,
                               descending: false, limit: limit)
        }
    }

    /// The `limit` listed alerts just before `key`, in the pane's order (a reverse keyset query).
    public func openAlerts(before key: AlertKey, limit: Int, filter: AlertFilter = .none,
                           now: Date = Date()) throws(StoreError) -> [AlertRow] {
        try read { db in
            Array(try Self.alertRows(db, filter: filter, now: now, where: "<", key: key, descending: true, limit: limit).reversed())
        }
    }

    /// The last `limit` listed alerts, in the pane's order.
    public func openAlertsLastPage(limit: Int, filter: AlertFilter = .none, now: Date = Date()) throws(StoreError) -> [AlertRow] {
        try read { db in
            Array(try Self.alertRows(db, filter: filter, now: now, where: nil, key: nil, descending: true, limit: limit).reversed())
        }
    }

    /// How many listed alerts come before `key` in the pane's order (its 0-based position).
    public func openAlertPosition(of key: AlertKey, filter: AlertFilter = .none, now: Date = Date()) throws(StoreError) -> Int {
        try read { db in
            let (sql, arguments) = try AlertListing(db, filter: filter, now: now).positionSQL(key)
            return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
    }

    /// Open, acknowledged and escalated alerts (and expired snoozes), critical first, then oldest first.
    public func openAlerts(limit: Int = 200, subjects: [String]? = nil, now: Date = Date()) throws(StoreError) -> [StoredAlert] {
        try read { db in
            var sql = """
                SELECT * FROM alerts WHERE (state IN ('open','acknowledged','escalated') \
                OR (state = 'snoozed' AND (snoozed_until IS NULL OR snoozed_until <= ?)))
                """
            var arguments: StatementArguments = [now.timeIntervalSince1970]
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

    /// The most recent `limit` alerts in any state, newest first, under `filter` (critical, calls, assignee).
    public func recentAlerts(limit: Int, filter: AlertFilter = .none) throws(StoreError) -> [StoredAlert] {
        try read { db in
            let listing = try AlertListing(db, filter: filter, now: Date())
            var sql = "SELECT * FROM alerts WHERE 1"
            var arguments: StatementArguments = []
            switch filter.assignment {
            case .anyone: break
            case let .user(name):
                sql += listing.hasAssignee ? " AND assignee = ?" : " AND 0"
                if listing.hasAssignee { arguments += [name] }
            case .nobody:
                if listing.hasAssignee { sql += " AND assignee IS NULL" }
            }
            if filter.criticalOnly { sql += " AND severity = 'critical'" }
            if filter.callsOnly {
                sql += " AND rule IN (" + AlertRule.marginCallRules.map { _ in "?" }.joined(separator: ",") + ")"
                arguments += StatementArguments(AlertRule.marginCallRules.map(\.rawValue))
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [max(0, limit)]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.alert)
        }
    }

    /// Counts of listed alerts by severity, under `filter`: from the maintained `alert_counts` plus the expired snoozes
    /// (an index search over the snoozed alerts), or counted on a file from before `v15-counts`.
    public func openAlertCounts(filter: AlertFilter = .none, now: Date = Date()) throws(StoreError) -> [Severity: Int] {
        try read { db in
            if let counts = try DeskCounts.alertCounts(db, filter: filter, now: now) { return counts }
            let (sql, arguments) = try AlertListing(db, filter: filter, now: now).countsSQL()
            var counts: [Severity: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
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
        guard let id = try insertAlert(candidate, at: now, db) else { return nil }
        try AuditChain.append(alertOpened(candidate, id: id), at: now, db)
        return id
    }

    /// The alert row of `raise`, without its audit entry (the sample generator chains that itself); nil when one is open.
    static func insertAlert(_ candidate: AlertCandidate, at now: Date, _ db: Database) throws -> Int64? {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO alerts (rule, severity, subject, message, dedupe_key, state, opened_at)
            VALUES (?,?,?,?,?,'open',?)
            """).execute(arguments: [candidate.rule.rawValue, candidate.severity.rawValue, candidate.subject, candidate.message,
                                     candidate.dedupeKey, now.timeIntervalSince1970])
        guard db.changesCount == 1 else { return nil }
        return db.lastInsertedRowID
    }

    /// The audit entry of a newly raised alert.
    static func alertOpened(_ candidate: AlertCandidate, id: Int64) -> AuditRecord {
        AuditRecord(actor: "system", action: "alert.open", subject: "alert:\(id)",
                    after: ["rule": candidate.rule.rawValue, "severity": candidate.severity.rawValue, "subject": candidate.subject],
                    reason: candidate.message)
    }
}
