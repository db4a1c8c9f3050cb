import Foundation
import GRDB
import RiskCore

/// One line of the console's `:calls` view: a live margin call with its account's figures now and the customer's name.
public struct MarginCallLine: Hashable, Sendable {
    public var open: OpenMarginCall
    public var customerName: String

    public init(open: OpenMarginCall, customerName: String) {
        self.open = open
        self.customerName = customerName
    }
}

extension RiskStore {
    /// Every live margin call (soonest deadline first, as `openMarginCalls`) with its customer's name.
    public func marginCallLines() throws(StoreError) -> [MarginCallLine] {
        let calls = try openMarginCalls()
        let ids = Array(Set(calls.map(\.customerID)))
        let names: [String: String] = try read { db in
            guard !ids.isEmpty else { return [:] }
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM customers WHERE id IN (\(marks))",
                                        arguments: StatementArguments(ids))
            return Dictionary(rows.map { (row: Row) -> (String, String) in (row["id"], row["name"]) }, uniquingKeysWith: { a, _ in a })
        }
        return calls.map { MarginCallLine(open: $0, customerName: names[$0.customerID] ?? $0.customerID) }
    }
}
