import Foundation
import GRDB
import RiskCore

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
            var positions: [String: [Position]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT account_id, code, quantity, financed_cost_fen FROM positions WHERE account_id IN (\(placeholders(part.count)))
                ORDER BY account_id, code
                """, arguments: StatementArguments(part)) {
                let p = StrictRow(row, table: "positions", key: "account_id")
                let code = try p.string("code")
                guard let instrument = instruments[code] else {
                    throw StoreError.corruptRow(table: "positions", row: try p.string("account_id"), column: "code", value: code,
                                                expected: "a known instrument")
                }
                positions[try p.string("account_id"), default: []].append(
                    Position(instrument: instrument, quantity: try p.positionFactor("quantity"), financedCost: try p.money("financed_cost_fen")))
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM accounts WHERE id IN (\(placeholders(part.count))) ORDER BY id",
                                        arguments: StatementArguments(part)) {
                let r = StrictRow(row, table: "accounts", key: "id")
                let id = try r.string("id")
                out.append(MarginAccount(
                    id: id, customerID: try r.string("customer_id"), cash: try r.money("cash_fen"), positions: positions[id] ?? [],
                    financed: try r.money("financed_fen"), accruedInterest: try r.money("accrued_interest_fen"),
                    lines: MarginLines(warning: BasisPoints(try r.int("warning_bp", in: 0...100_000)),
                                       closeOut: BasisPoints(try r.int("closeout_bp", in: 0...100_000)),
                                       recovery: BasisPoints(try r.int("recovery_bp", in: 0...100_000)),
                                       financingMarginRatio: BasisPoints(try r.int("financing_ratio_bp", in: 1...100_000)))))
            }
        }
        return out.sorted { $0.id < $1.id }
    }
}
