import Foundation
import GRDB

extension RiskStore {
    /// The `EXPLAIN QUERY PLAN` lines of one statement as SQLite would run it now, its `?` parameters bound to NULL
    /// (the plan does not depend on the values): how the key path's test checks that every query searches an index.
    public func queryPlan(of sql: String) throws(StoreError) -> [String] {
        try read { db in
            let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
            // Unchecked: only as many NULLs as the statement has parameters are bound.
            statement.setUncheckedArguments(StatementArguments(Array(repeating: DatabaseValue.null, count: 64)))
            return try Row.fetchAll(statement).map { row in row["detail"] as String? ?? "" }
        }
    }
}
