import Foundation
import GRDB

/// How the queue's text filter is answered, chosen per query from how many applications the text matches.
///
/// The full-text index gives a set, not an order, and the queue is read in priority order. So:
/// - a small match set (`sparse`) is fetched through the index — the trigram FTS for three characters and more,
///   the names' one- and two-character substrings for shorter text — and sorted by priority key (a few thousand
///   rows at most);
/// - a large one (`walk`) is answered by walking the queue's (stage, priority_key) index in order and checking
///   each row: when more than `sparseLimit(applications:)` applications match, a page is found after a short walk.
enum QueueSearchPlan: Equatable {
    /// No text: the plain queue.
    case everything
    /// The rowids of every application the text matches (not yet restricted to the filter's stages).
    case sparse([Int64])
    /// Check the text on each row while walking the queue index.
    case walk
}

enum QueueSearch {
    /// The most matching applications fetched and sorted per query; more than this and the index walk is faster.
    /// Sorting costs `s` per match and the walk `w` per row it checks (it checks page × applications ÷ matches rows),
    /// so the two balance where the set size is √(w/s × page × applications). Measured on the 1M database (release):
    /// s ≈ 1.7 µs, w ≈ 15–30 µs (a row and its customer read from a 2.4 GB file): w/s ≈ 16, which puts the limit at
    /// 20,000 there (at w/s = 1 it was 5,000, and text matching 5,000–20,000 applications walked 100–280 ms).
    static func sparseLimit(applications: Int) -> Int {
        if let forced = sparseLimitOverride { return forced }
        let balance = Double(walkCostRatio * balancePage * max(0, applications)).squareRoot()
        return min(20_000, max(500, Int(balance)))
    }

    /// The page size the balance assumes (the console's queue pane shows about this many rows).
    static let balancePage = 25
    /// How many times a sorted match the walk costs per row it checks (measured, see `sparseLimit`).
    static let walkCostRatio = 16

    /// Forces the limit (a task-local so tests take the walk on small data and the benchmark times the old way).
    @TaskLocal static var sparseLimitOverride: Int?

    /// The filter's text as it is matched: trimmed of surrounding spaces.
    static func text(of filter: QueueFilter) -> String { filter.text.trimmingCharacters(in: .whitespaces) }

    /// Picks the plan for `text` by probing the indexes with a bounded read.
    static func plan(_ db: Database, text: String) throws -> QueueSearchPlan {
        guard !text.isEmpty else { return .everything }
        guard try hasIndex(db) else { return .walk }  // a file without `v16-search`, read-only
        let applications = try Int.fetchOne(db, sql: "SELECT max(rowid) FROM applications") ?? 0
        let limit = sparseLimit(applications: applications)
        let rowids: [Int64]
        if text.unicodeScalars.count >= 3 {
            rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM queue_search WHERE queue_search MATCH ? LIMIT ?",
                                        arguments: [ftsPhrase(text), limit + 1])
        } else if text.lowercased().unicodeScalars.allSatisfy({ idCharacters.contains($0) }) {
            // One or two characters that ids (APP-…, C…) are made of: such text matches densely, and the walk
            // finds a page in a few rows.
            return .walk
        } else {
            // Ids are made of `idCharacters` only: text with any other character (CJK, or Latin letters such as
            // "zq") can match only a name, through its short substrings; a rare one is found without a walk.
            // The customers are counted first (index only): fetching a common character's applications just to
            // learn that there are too many cost more than the walk it then takes.
            let customers = try Int.fetchOne(db, sql: "SELECT max(rowid) FROM customers") ?? 0
            let perCustomer = max(1, applications / max(1, customers))
            let customerLimit = limit / perCustomer
            let matching = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM queue_search_grams WHERE gram = lower(?) LIMIT ?)",
                                            arguments: [text, customerLimit + 1]) ?? 0
            if matching > customerLimit { return .walk }
            rowids = try Int64.fetchAll(db, sql: """
                SELECT a.rowid FROM queue_search_grams g JOIN applications a ON a.customer_id = g.customer_id
                WHERE g.gram = lower(?) LIMIT ?
                """, arguments: [text, limit + 1])
        }
        return rowids.count > limit ? .walk : .sparse(rowids)
    }

    /// Every character an application id (`APP-0001234`) or a customer id (`C000123`) can hold, lower-cased as the
    /// case-insensitive match sees them.
    static let idCharacters = Set("apc-0123456789".unicodeScalars)

    /// True when the search index exists (it does from `v16-search` on).
    static func hasIndex(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'queue_search_grams')") ?? false
    }

    /// `text` as an FTS5 phrase: every character literal (quotes doubled), so `AND`, `NEAR(`, `*` or `"` never
    /// reach the query syntax.
    static func ftsPhrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The `LIKE` pattern that checks a row in the index walk (wildcards escaped).
    static func likePattern(_ text: String) -> String {
        "%" + text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// The walk's per-row check as ` AND …` SQL and its arguments (`a` the application, `c` the customer).
    static func likeCondition(_ text: String) -> (String, StatementArguments) {
        let pattern = likePattern(text)
        return (" AND (c.name LIKE ? ESCAPE '\\' OR a.id LIKE ? ESCAPE '\\' OR a.customer_id LIKE ? ESCAPE '\\')",
                [pattern, pattern, pattern])
    }

    /// The rowids as the JSON array `json_each` reads.
    static func json(_ rowids: [Int64]) -> String {
        "[" + rowids.map(String.init).joined(separator: ",") + "]"
    }

    /// Rows of a sparse match set under the filter's other conditions, in priority order from `key`.
    /// The match set drives the join (CROSS JOIN), so SQLite never walks the priority index for it.
    static func sparseWindow(_ db: Database, rowids: [Int64], stages: [String], rest: (String, StatementArguments),
                             key: (op: String, value: String)?, descending: Bool, limit: Int) throws -> [QueueRow] {
        guard !rowids.isEmpty else { return [] }
        var arguments: StatementArguments = [json(rowids)]
        arguments += StatementArguments(stages)
        arguments += rest.1
        // The set is sorted on the applications' rows alone; only the page's rows are joined to their customers.
        let order = descending ? "DESC" : "ASC"
        var sql = """
            SELECT a.rowid AS r FROM json_each(?) m CROSS JOIN applications a ON a.rowid = m.value
            WHERE a.stage IN (\(stages.map { _ in "?" }.joined(separator: ",")))\(rest.0)
            """
        if let key {
            sql += " AND a.priority_key \(key.op) ?"
            arguments += [key.value]
        }
        sql = """
            SELECT a.*, c.name AS customer_name FROM (\(sql) ORDER BY a.priority_key \(order) LIMIT ?) p
            CROSS JOIN applications a ON a.rowid = p.r JOIN customers c ON c.id = a.customer_id ORDER BY a.priority_key \(order)
            """
        arguments += [limit]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            QueueRow(application: try Rows.application(row), customerName: row["customer_name"], priorityKey: row["priority_key"])
        }
    }

    /// How many of a sparse match set pass the filter's other conditions (and sort before `cursor`).
    static func sparseCount(_ db: Database, rowids: [Int64], stages: [String], rest: (String, StatementArguments),
                            before cursor: String?) throws -> Int {
        guard !rowids.isEmpty else { return 0 }
        var arguments: StatementArguments = [json(rowids)]
        arguments += StatementArguments(stages)
        arguments += rest.1
        var sql = """
            SELECT COUNT(*) FROM json_each(?) m CROSS JOIN applications a ON a.rowid = m.value
            WHERE a.stage IN (\(stages.map { _ in "?" }.joined(separator: ",")))\(rest.0)
            """
        if let cursor {
            sql += " AND a.priority_key < ?"
            arguments += [cursor]
        }
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }
}

/// How many applications a text filter matches, counted up to a cap (a dense match is not counted to the end).
public struct QueueMatchCount: Hashable, Sendable {
    public var count: Int
    /// True when there are more than `count` (the count stopped at the cap).
    public var isCapped: Bool

    public init(count: Int, isCapped: Bool) {
        self.count = count
        self.isCapped = isCapped
    }

    /// "1,234", or "1,000+" when capped.
    public var text: String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        let number = formatter.string(from: NSNumber(value: count)) ?? String(count)
        return isCapped ? number + "+" : number
    }
}
