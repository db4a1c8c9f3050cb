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
            var (whereSQL, arguments) = Self.whereClause(filter)
            if let cursor {
                whereSQL += including ? " AND a.priority_key >= ?" : " AND a.priority_key > ?"
                arguments += [cursor]
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.*, c.name AS customer_name FROM applications a JOIN customers c ON c.id = a.customer_id
                WHERE \(whereSQL) ORDER BY a.priority_key LIMIT ?
                """, arguments: arguments + [limit + 1])
            let page = rows.prefix(limit).map { row in
                QueueRow(application: Rows.application(row), customerName: row["customer_name"],
                         priorityKey: row["priority_key"])
            }
            return QueuePage(rows: Array(page), nextCursor: rows.count > limit ? page.last?.priorityKey : nil)
        }
    }

    /// The page that ends just before `cursor`, in priority order (for paging up).
    public func approvalQueue(filter: QueueFilter = QueueFilter(), before cursor: String,
                              limit: Int = 50) throws(StoreError) -> [QueueRow] {
        try read { db in
            var (whereSQL, arguments) = Self.whereClause(filter)
            whereSQL += " AND a.priority_key < ?"
            arguments += [cursor]
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.*, c.name AS customer_name FROM applications a JOIN customers c ON c.id = a.customer_id
                WHERE \(whereSQL) ORDER BY a.priority_key DESC LIMIT ?
                """, arguments: arguments + [limit])
            return rows.reversed().map { row in
                QueueRow(application: Rows.application(row), customerName: row["customer_name"],
                         priorityKey: row["priority_key"])
            }
        }
    }

    /// The last page of the queue (for jumping to the bottom).
    public func approvalQueueLastPage(filter: QueueFilter = QueueFilter(), limit: Int = 50) throws(StoreError) -> [QueueRow] {
        try approvalQueue(filter: filter, before: "\u{10FFFF}", limit: limit)
    }

    /// How many applications match the filter.
    public func queueCount(filter: QueueFilter = QueueFilter()) throws(StoreError) -> Int {
        try read { db in
            let (whereSQL, arguments) = Self.whereClause(filter)
            let join = filter.text.isEmpty ? "" : " JOIN customers c ON c.id = a.customer_id"
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applications a\(join) WHERE \(whereSQL)",
                                    arguments: arguments) ?? 0
        }
    }

    /// How many matching applications sort before `cursor`: the absolute position of the row at `cursor`.
    public func queuePosition(filter: QueueFilter = QueueFilter(), of cursor: String) throws(StoreError) -> Int {
        try read { db in
            var (whereSQL, arguments) = Self.whereClause(filter)
            whereSQL += " AND a.priority_key < ?"
            arguments += [cursor]
            let join = filter.text.isEmpty ? "" : " JOIN customers c ON c.id = a.customer_id"
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applications a\(join) WHERE \(whereSQL)", arguments: arguments) ?? 0
        }
    }

    private static func whereClause(_ filter: QueueFilter) -> (String, StatementArguments) {
        var parts: [String] = []
        var arguments: StatementArguments = []
        let stages = filter.effectiveStages
        parts.append("a.stage IN (\(stages.map { _ in "?" }.joined(separator: ",")))")
        arguments += StatementArguments(stages.map(\.rawValue))
        if !filter.grades.isEmpty {
            parts.append("a.grade IN (\(filter.grades.map { _ in "?" }.joined(separator: ",")))")
            arguments += StatementArguments(filter.grades.map(\.rawValue))
        }
        if let officer = filter.claimedBy {
            parts.append("a.claimed_by = ?")
            arguments += [officer]
        }
        let text = filter.text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            parts.append("(c.name LIKE ? ESCAPE '\\' OR a.id LIKE ? ESCAPE '\\' OR a.customer_id LIKE ? ESCAPE '\\')")
            arguments += [pattern, pattern, pattern]
        }
        return (parts.joined(separator: " AND "), arguments)
    }
}
