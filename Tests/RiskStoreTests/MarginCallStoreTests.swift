import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Margin calls through the store: opened with the exact amount, met by top-up or reduction, expired into a close-out,
/// extended by a supervisor (audited with the reason) and every refusal writing nothing.
@Suite struct MarginCallStoreTests {
    /// Friday 2026-11-27 09:30Z = 17:30 UTC+8. T+2 skips the weekend: Monday 30 Nov, Tuesday 1 Dec → 15:00 UTC+8 = 07:00Z,
    /// 3 days 21 h 30 min later.
    static let now = Fixture.asOf
    static let deadline = Fixture.asOf.addingTimeInterval(3 * 86_400 + 21 * 3_600 + 30 * 60)

    /// The fixture database plus instrument 600000 at `price` and account ACC1: 140,000 shares, ¥1,000,000 financed,
    /// no cash. At ¥10.00 the ratio is 1,400,000 / 1,000,000 = 140%, under the 150% warning line.
    static func store(_ dir: TempDir, price: Money = Money(yuan: 10)) throws -> RiskStore {
        let store = try Fixture.store(in: dir)
        try store.write { db in
            try Rows.insert(Instrument(code: "600000", name: "浦发银行", board: .main, haircut: BasisPoints(6_000), lastPrice: price,
                                       previousClose: price, volatility: 0.25), db)
            try db.execute(sql: """
                INSERT INTO accounts (id, customer_id, cash_fen, financed_fen, accrued_interest_fen, warning_bp, closeout_bp, recovery_bp,
                    rate_bp, fee_bp, opened_at, financing_ratio_bp) VALUES ('ACC1', 'C000001', 0, 100000000, 0, 15000, 13000, 16000, 800, 0, 0, 10000)
                """)
            try db.execute(sql: "INSERT INTO positions (account_id, code, quantity, financed_cost_fen) VALUES ('ACC1', '600000', 140000, 100000000)")
        }
        return store
    }

    static func setPrice(_ store: RiskStore, _ price: Money) throws {
        try store.write { db in try db.execute(sql: "UPDATE instruments SET last_price_fen = ? WHERE code = '600000'", arguments: [price.fen]) }
    }

    @Test func openedWithTheExactAmountToppedUpAndMet() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(dir)
        let opened = try store.reviewMarginCalls(at: Self.now)
        #expect(opened.map(\.action) == ["margin_call.open"])
        let call = try #require(opened.first?.call)
        // T = 1.6 × 1,000,000 − 1,400,000 = ¥200,000; R = 200,000 ÷ 0.6 = ¥333,333.33… → 33,333,334 fen.
        #expect(call.amountAtOpen == Money(yuan: 200_000) && call.reduction == Money(fen: 33_333_334))
        #expect(call.ratioAtOpen == BasisPoints(14_000) && call.deadline == Self.deadline)
        // A second review finds the same call and writes nothing.
        #expect(try store.reviewMarginCalls(at: Self.now.addingTimeInterval(60)).isEmpty)
        // A further drop to ¥9.50 (133%) raises the amount to ¥270,000 on the same call.
        try Self.setPrice(store, Money(fen: 950))
        let updated = try store.reviewMarginCalls(at: Self.now.addingTimeInterval(120))
        #expect(updated.map(\.action) == ["margin_call.update"] && updated.first?.call.id == call.id)
        #expect(updated.first?.call.topUp == Money(yuan: 270_000))
        #expect(try store.rowCount("margin_calls") == 1)

        let event = try #require(try store.topUp(account: "ACC1", amount: Money(yuan: 270_000), by: "wang.fang", at: Self.now.addingTimeInterval(180)))
        #expect(event.action == "margin_call.met" && event.call.metHow == .topUp)
        #expect(try store.rowCount("transfers", where: "account_id = 'ACC1' AND direction = 'in' AND amount_fen = 27000000") == 1)
        #expect(try store.openMarginCalls().isEmpty)
        let tail = try store.auditTail(count: 2)
        #expect(tail.map(\.record.action) == ["account.top_up", "margin_call.met"])
        #expect(tail.first?.record.actor == "wang.fang")
        // Meeting a closed call: nothing live to top up.
        #expect(storeError { try store.topUp(account: "ACC1", amount: Money(yuan: 1), by: "wang.fang") } == .callRefused(.noLiveCall(accountID: "ACC1")))
        // The day's record keeps it, with how it was met.
        let record = try store.marginCallRecord(on: "2026-11-27")
        #expect(record.count == 1 && record.first?.metHow == .topUp && record.first?.amountAtOpen == Money(yuan: 200_000))
        #expect(try store.marginCallRecord(on: "2026-11-26").isEmpty)
        #expect(try store.verifyAuditChain().isIntact)
    }

    @Test func metByReduction() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(dir)
        try store.reviewMarginCalls(at: Self.now)
        // Selling 33,334 shares at ¥10 = ¥333,340 repays financing: 1,066,660 / 666,660 ≥ 160%.
        let (sale, event) = try store.reduce(account: "ACC1", code: "600000", quantity: 33_334, by: "li.na", at: Self.now.addingTimeInterval(60))
        #expect(sale.repaid == Money(yuan: 333_340))
        #expect(event?.call.state == .met && event?.call.metHow == .reduction)
        let account = try store.write { db in try RiskStore.marginAccount("ACC1", db) }
        #expect(account.financed == Money(yuan: 666_660) && account.positions.first?.quantity == 106_666 && account.cash == .zero)
        #expect(try store.verifyAuditChain().isIntact)
    }

    @Test func atTheDeadlineUnderTheCloseOutLineItBecomesACloseOutInstruction() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(dir)
        try store.reviewMarginCalls(at: Self.now)
        // ¥9.22: 1,290,800 → 129.08%, under 130%. Before the deadline only the amount moves.
        try Self.setPrice(store, Money(fen: 922))
        #expect(try store.reviewMarginCalls(at: Self.deadline.addingTimeInterval(-1)).map(\.action) == ["margin_call.update"])
        let expired = try store.reviewMarginCalls(at: Self.deadline)
        #expect(expired.map(\.action) == ["margin_call.close_out"])
        #expect(expired.first?.call.closedOutAt == Self.deadline)
        let record = try store.marginCallRecord(on: "2026-12-01")
        #expect(record.first?.state == .closedOut)
        // A later review opens a new call on the account, since the old one is finished.
        #expect(try store.reviewMarginCalls(at: Self.deadline.addingTimeInterval(60)).map(\.action) == ["margin_call.open"])
    }

    @Test func aSupervisorExtendsWithAReasonAndTheRefusalsWriteNothing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(dir)
        let id = try #require(try store.reviewMarginCalls(at: Self.now).first?.call.id)
        let entries = try store.rowCount("audit_log")
        #expect(storeError { try store.extendMarginCall(id: id, by: "wang.fang", days: 1, reason: "asked nicely") }
                == .callRefused(.notPermitted(user: "wang.fang", role: .officer, action: "extend a margin call (supervisors only)")))
        #expect(storeError { try store.extendMarginCall(id: id, by: "zhao.min", days: 1, reason: " ") } == .callRefused(.reasonRequired))
        #expect(storeError { try store.extendMarginCall(id: id, by: "zhao.min", days: 0, reason: "r") } == .callRefused(.extensionNotLater(days: 0)))
        #expect(storeError { try store.extendMarginCall(id: id, by: "zhao.min", days: 4, reason: "r") }
                == .callRefused(.extensionTooLong(days: 4, maximum: 3)))
        #expect(storeError { try store.topUp(account: "ACC1", amount: .zero, by: "wang.fang") } == .callRefused(.amountNotPositive(.zero)))
        #expect(storeError { try store.topUp(account: "ACC1", amount: Money(yuan: 1), by: "zhou.qiang") }
                == .callRefused(.notPermitted(user: "zhou.qiang", role: .auditor, action: "record a margin-call top-up")))
        #expect(try store.rowCount("audit_log") == entries)
        #expect(try store.marginCall(id: id)?.deadline == Self.deadline)

        let extended = try store.extendMarginCall(id: id, by: "zhao.min", days: 2, reason: "wire in transit", at: Self.now.addingTimeInterval(60))
        // Tuesday 1 Dec + 2 trading days → Thursday 3 Dec 15:00 UTC+8.
        #expect(extended.deadline == Self.deadline.addingTimeInterval(2 * 86_400))
        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.record.action == "margin_call.extend" && entry.record.actor == "zhao.min" && entry.record.reason == "wire in transit")
        #expect(entry.record.before["deadline"] != entry.record.after["deadline"])
        // Past the old deadline, under the close-out line, the call is not closed out: it is due two days later.
        try Self.setPrice(store, Money(fen: 922))
        #expect(try store.reviewMarginCalls(at: Self.deadline).map(\.action) == ["margin_call.update"])
        #expect(try store.openMarginCalls().first?.cushions.first?.collateralFall == Money(fen: 129_080_000 - 150_000_000))
    }

    @Test func aFileWithoutTheTableReadsAsNoCalls() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(dir)
        // As a file from before v11-margin-calls opened read-only (nothing may migrate it) looks to the readers.
        try store.write { db in try db.execute(sql: "DROP TABLE margin_calls") }
        let reader = try RiskStore.open(at: store.path, readOnly: true)
        #expect(try reader.openMarginCalls().isEmpty)
        #expect(try reader.marginCallRecord(on: "2026-11-27").isEmpty)
        #expect(try reader.marginCall(id: 1) == nil)
        #expect(storeError { try reader.marginCallRecord(on: "27/11/2026") } == .invalidInput("'27/11/2026' is not a date; give YYYY-MM-DD"))
    }
}
