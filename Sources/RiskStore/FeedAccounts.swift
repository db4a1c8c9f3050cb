import Foundation
import GRDB
import RiskCore

/// One position as stored, without its instrument's price: what the feed keeps between batches.
struct StoredHolding: Hashable, Sendable {
    var code: String
    var quantity: Int64
    var financedCost: Money
}

/// Loading only the margin accounts a batch touches, with their positions valued at the prices just written.
extension RiskStore {
    /// The ids of the accounts holding any of `codes` (served by the `positions_code` index).
    static func accountIDs(holding codes: [String], _ db: Database) throws -> [String] {
        var ids = Set<String>()
        try chunked(codes) { part in
            for id in try String.fetchAll(db, sql: "SELECT DISTINCT account_id FROM positions WHERE code IN (\(placeholders(part.count))) AND quantity > 0",
                                          arguments: StatementArguments(part)) {
                ids.insert(id)
            }
        }
        return ids.sorted()
    }

    /// Every instrument by code.
    static func instrumentsByCode(_ db: Database) throws -> [String: Instrument] {
        var out: [String: Instrument] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM instruments") {
            let instrument = try Rows.instrument(row)
            out[instrument.code] = instrument
        }
        return out
    }

    /// The accounts `ids`, with positions valued with `instruments`, in id order.
    static func accounts(ids: [String], instruments: [String: Instrument], _ db: Database) throws -> [MarginAccount] {
        var out: [MarginAccount] = []
        out.reserveCapacity(ids.count)
        try chunked(ids) { part in
            var holdings: [String: [StoredHolding]] = [:]
            try storedHoldings(accountIDs: part, db) { id, holding in holdings[id, default: []].append(holding) }
            try storedAccounts(ids: part, db) { account in
                var account = account
                account.positions = try priced(holdings[account.id] ?? [], account: account.id, instruments: instruments)
                out.append(account)
            }
        }
        return out.sorted { $0.id < $1.id }
    }

    /// The positions of `accountIDs` (every account when nil), by account then code, handed to `body` one by one.
    static func storedHoldings(accountIDs: [String]?, _ db: Database, _ body: (String, StoredHolding) throws -> Void) throws {
        var sql = "SELECT account_id, code, quantity, financed_cost_fen FROM positions"
        var arguments = StatementArguments()
        if let accountIDs {
            sql += " WHERE account_id IN (\(placeholders(accountIDs.count)))"
            arguments = StatementArguments(accountIDs)
        }
        let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY account_id, code", arguments: arguments)
        while let row = try rows.next() {
            let p = StrictRow(row, table: "positions", key: "account_id")
            try body(try p.string("account_id"), StoredHolding(code: try p.string("code"), quantity: try p.positionFactor("quantity"),
                                                               financedCost: try p.money("financed_cost_fen")))
        }
    }

    /// The accounts `ids` (every account when nil) without their positions, in id order, handed to `body` one by one.
    static func storedAccounts(ids: [String]?, _ db: Database, _ body: (MarginAccount) throws -> Void) throws {
        var sql = "SELECT * FROM accounts"
        var arguments = StatementArguments()
        if let ids {
            sql += " WHERE id IN (\(placeholders(ids.count)))"
            arguments = StatementArguments(ids)
        }
        let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY id", arguments: arguments)
        while let row = try rows.next() {
            try body(try Rows.marginAccount(row, positions: []))
        }
    }

    /// `holdings` of `account` as positions valued with `instruments`; a code that is no known instrument is a corrupt row.
    static func priced(_ holdings: [StoredHolding], account: String, instruments: [String: Instrument]) throws(StoreError) -> [Position] {
        var positions: [Position] = []
        positions.reserveCapacity(holdings.count)
        for holding in holdings {
            guard let instrument = instruments[holding.code] else {
                throw StoreError.corruptRow(table: "positions", row: account, column: "code", value: holding.code,
                                            expected: "a known instrument")
            }
            positions.append(Position(instrument: instrument, quantity: holding.quantity, financedCost: holding.financedCost))
        }
        return positions
    }
}
