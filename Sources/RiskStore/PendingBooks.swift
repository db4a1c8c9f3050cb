import Foundation
import GRDB
import RiskCore

extension RiskStore {
    /// The customers of the pending applications (the stages a re-quote reaches, `Pricing.requotedStages`; only the
    /// priced ones with `quotedOnly`) and, with `withPositions`, their margin positions: set-based, in two queries
    /// whatever their number. A pricing change and a champion switch both re-price from them.
    static func pendingBooks(quotedOnly: Bool, withPositions: Bool, _ db: Database)
        throws -> (customers: [String: Customer], positions: [String: [Position]]) {
        let stages = Pricing.requotedStages.map(\.rawValue)
        let marks = stages.map { _ in "?" }.joined(separator: ",")
        let pendingCustomers = "SELECT customer_id FROM applications WHERE stage IN (\(marks))"
            + (quotedOnly ? " AND quoted_rate_bp IS NOT NULL" : "")
        var customers: [String: Customer] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM customers WHERE id IN (\(pendingCustomers))",
                                    arguments: StatementArguments(stages)) {
            let customer = try Rows.customer(row)
            customers[customer.id] = customer
        }
        var positions: [String: [Position]] = [:]
        guard withPositions else { return (customers, positions) }
        for row in try Row.fetchAll(db, sql: """
            SELECT a.customer_id AS owner, p.quantity, p.financed_cost_fen, i.*
            FROM accounts a JOIN positions p ON p.account_id = a.id JOIN instruments i ON i.code = p.code
            WHERE a.customer_id IN (\(pendingCustomers)) ORDER BY a.customer_id, a.id, p.code
            """, arguments: StatementArguments(stages)) {
            let position = StrictRow(row, table: "positions", key: "code")
            positions[try position.string("owner"), default: []].append(
                Position(instrument: try Rows.instrument(row), quantity: try position.positionFactor("quantity"),
                         financedCost: try position.money("financed_cost_fen")))
        }
        return (customers, positions)
    }
}
