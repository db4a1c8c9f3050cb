import Foundation
import GRDB
import RiskCore

/// The queue's sort order as one unique text key: worst grade first, then earliest SLA, then largest line, then id.
public enum QueuePriority {
    public static func key(for app: Application) -> String {
        let gradeRank: Int
        switch app.grade {
        case .e: gradeRank = 0
        case .d: gradeRank = 1
        case .c: gradeRank = 2
        case .b: gradeRank = 3
        case .a: gradeRank = 4
        case nil: gradeRank = 5
        }
        let sla = max(0, Int64(app.slaDue.timeIntervalSince1970))
        let amount = max(0, 999_999_999_999_999 - app.requestedLine.fen)
        return "\(gradeRank)|\(pad(sla, 12))|\(pad(amount, 15))|\(app.id)"
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// Which applications the queue shows.
public struct QueueFilter: Hashable, Sendable {
    /// Empty means the stages that need a person (manual review, escalated, second approval).
    public var stages: [Stage]
    public var grades: [Grade]
    /// Applications claimed by this user.
    public var claimedBy: String?
    /// Matches the customer's name or the application or customer id, case-insensitively.
    public var text: String

    public init(stages: [Stage] = [], grades: [Grade] = [], claimedBy: String? = nil, text: String = "") {
        self.stages = stages
        self.grades = grades
        self.claimedBy = claimedBy
        self.text = text
    }

    public var effectiveStages: [Stage] { stages.isEmpty ? Stage.allCases.filter(\.needsPerson) : stages }
}

/// A queue row with the customer's name, as the queue pane and `riskdesk queue` show it.
public struct QueueRow: Hashable, Sendable {
    public var application: Application
    public var customerName: String
    public var priorityKey: String
}

/// One page of the queue and the cursor for the next.
public struct QueuePage: Sendable {
    public var rows: [QueueRow]
    /// Pass as `after` to get the next page; nil when this was the last page.
    public var nextCursor: String?
}

extension RiskStore {
    /// A page of the approval queue in priority order, after `cursor` (keyset pagination, never OFFSET).
    /// With `including` the row at `cursor` itself is the first one returned (to reload a window in place).
    public func approvalQueue(filter: QueueFilter = QueueFilter(), after cursor: String? = nil, including: Bool = false,
                              limit: Int = 50) throws(StoreError) -> QueuePage {
        try read { db in
            let rows = try Self.window(db, filter: filter, key: cursor.map { (including ? ">=" : ">", $0) },
                                       descending: false, limit: limit + 1)
            let page = Array(rows.prefix(limit))
            return QueuePage(rows: page, nextCursor: rows.count > limit ? page.last?.priorityKey : nil)
        }
    }

    /// The page that ends just before `cursor`, in priority order (for paging up).
    public func approvalQueue(filter: QueueFilter = QueueFilter(), before cursor: String,
                              limit: Int = 50) throws(StoreError) -> [QueueRow] {
        try read { db in
            try Self.window(db, filter: filter, key: ("<", cursor), descending: true, limit: limit).reversed()
        }
    }

    /// The last page of the queue (for jumping to the bottom).
    public func approvalQueueLastPage(filter: QueueFilter = QueueFilter(), limit: Int = 50) throws(StoreError) -> [QueueRow] {
        try read { db in try Self.window(db, filter: filter, key: nil, descending: true, limit: limit).reversed() }
    }

    /// How many applications match the filter: from the maintained `queue_counts` when it answers the filter (a
    /// search over a few rows), else counted.
    public func queueCount(filter: QueueFilter = QueueFilter()) throws(StoreError) -> Int {
        try read { db in try DeskCounts.queueCount(db, filter: filter) ?? Self.count(db, filter: filter, before: nil) }
    }

    /// How many applications match the filter when the maintained counts answer it (stages and grades), nil when it
    /// would take a count (a claim or a text filter): the console's key path reads this and counts the rest later.
    public func maintainedQueueCount(filter: QueueFilter = QueueFilter()) throws(StoreError) -> Int? {
        try read { db in try DeskCounts.queueCount(db, filter: filter) }
    }

    /// How many applications a text filter matches, counting at most `cap` (off the key path: the title's "n/N").
    /// A small match set is counted exactly whatever the cap; a dense one walks the queue index until the cap.
    public func queueMatchCount(filter: QueueFilter, cap: Int = 1_000) throws(StoreError) -> QueueMatchCount {
        try read { db in
            let text = QueueSearch.text(of: filter)
            switch try QueueSearch.plan(db, text: text) {
            case .everything:
                return QueueMatchCount(count: try Self.count(db, filter: filter, before: nil), isCapped: false)
            case let .sparse(rowids):
                return QueueMatchCount(count: try QueueSearch.sparseCount(db, rowids: rowids, stages: filter.effectiveStages.map(\.rawValue),
                                                                          rest: Self.conditions(filter), before: nil), isCapped: false)
            case .walk:
                let rows = try Self.window(db, filter: filter, key: nil, descending: false, limit: cap + 1)
                return QueueMatchCount(count: min(rows.count, cap), isCapped: rows.count > cap)
            }
        }
    }

    /// How many matching applications sort before `cursor`: the absolute position of the row at `cursor`.
    public func queuePosition(filter: QueueFilter = QueueFilter(), of cursor: String) throws(StoreError) -> Int {
        try read { db in try Self.count(db, filter: filter, before: cursor) }
    }

    /// One window of rows. Each stage is read from the (stage, priority_key) index separately and the
    /// per-stage windows are merged, so a page costs O(limit × stages) however large the table is.
    /// A text filter is answered by the plan `QueueSearch` picks: a small match set is fetched and sorted, a large
    /// one checked row by row on this walk.
    private static func window(_ db: Database, filter: QueueFilter, key: (op: String, value: String)?,
                               descending: Bool, limit: Int) throws -> [QueueRow] {
        let text = QueueSearch.text(of: filter)
        let plan = try QueueSearch.plan(db, text: text)
        if case let .sparse(rowids) = plan {
            return try QueueSearch.sparseWindow(db, rowids: rowids, stages: filter.effectiveStages.map(\.rawValue),
                                                rest: conditions(filter), key: key, descending: descending, limit: limit)
        }
        var (restSQL, restArguments) = conditions(filter)
        if plan == .walk {
            let like = QueueSearch.likeCondition(text)
            restSQL += like.0
            restArguments += like.1
        }
        let order = descending ? "DESC" : "ASC"
        var parts: [String] = []
        var arguments: StatementArguments = []
        for stage in filter.effectiveStages {
            var sql = "a.stage = ?" + restSQL
            arguments += [stage.rawValue]
            arguments += restArguments
            if let key {
                sql += " AND a.priority_key \(key.op) ?"
                arguments += [key.value]
            }
            arguments += [limit]
            parts.append("""
                SELECT * FROM (SELECT a.*, c.name AS customer_name FROM applications a JOIN customers c ON c.id = a.customer_id
                WHERE \(sql) ORDER BY a.priority_key \(order) LIMIT ?)
                """)
        }
        let sql = parts.joined(separator: " UNION ALL ") + " ORDER BY priority_key \(order) LIMIT ?"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments + [limit]).map { row in
            QueueRow(application: try Rows.application(row), customerName: row["customer_name"], priorityKey: row["priority_key"])
        }
    }

    private static func count(_ db: Database, filter: QueueFilter, before cursor: String?) throws -> Int {
        let text = QueueSearch.text(of: filter)
        let plan = try QueueSearch.plan(db, text: text)
        if case let .sparse(rowids) = plan {
            return try QueueSearch.sparseCount(db, rowids: rowids, stages: filter.effectiveStages.map(\.rawValue),
                                               rest: conditions(filter), before: cursor)
        }
        var (restSQL, restArguments) = conditions(filter)
        if plan == .walk {
            let like = QueueSearch.likeCondition(text)
            restSQL += like.0
            restArguments += like.1
        }
        let join = plan == .walk ? " JOIN customers c ON c.id = a.customer_id" : ""
        var total = 0
        for stage in filter.effectiveStages {
            var sql = "SELECT COUNT(*) FROM applications a\(join) WHERE a.stage = ?" + restSQL
            var arguments: StatementArguments = [stage.rawValue]
            arguments += restArguments
            if let cursor {
                sql += " AND a.priority_key < ?"
                arguments += [cursor]
            }
            total += try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
        return total
    }

    /// The filter's conditions other than the stage and the text, as ` AND …` SQL and its arguments.
    private static func conditions(_ filter: QueueFilter) -> (String, StatementArguments) {
        var sql = ""
        var arguments: StatementArguments = []
        if !filter.grades.isEmpty {
            sql += " AND a.grade IN (\(filter.grades.map { _ in "?" }.joined(separator: ",")))"
            arguments += StatementArguments(filter.grades.map(\.rawValue))
        }
        if let officer = filter.claimedBy {
            sql += " AND a.claimed_by = ?"
            arguments += [officer]
        }
        return (sql, arguments)
    }
}
