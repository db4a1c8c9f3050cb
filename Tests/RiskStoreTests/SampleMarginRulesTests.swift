import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("the sample obeys the margin rules")
struct SampleMarginRulesTests {
    /// Every account opened within Art. 40 under its own ratio at the opening day's closes, and records that ratio.
    static func accountProblems(_ store: RiskStore) throws -> (problems: [String], accounts: Int) {
        try store.read { db in
            var problems: [String] = []
            let rows = try Row.fetchAll(db, sql: "SELECT id, customer_id, financed_fen, financing_ratio_bp, opened_at FROM accounts")
            for row in rows {
                let id: String = row["id"]
                let ratio = BasisPoints(row["financing_ratio_bp"])
                if ratio != BasisPoints(10_000) { problems.append("\(id): ratio \(ratio.value)") }
                guard let account = try RiskStore.accounts(ofCustomer: row["customer_id"], db).first(where: { $0.id == id }) else {
                    problems.append("\(id): not loaded"); continue
                }
                let financedCost = account.positions.reduce(Money.zero) { $0 + $1.financedCost }
                if financedCost != account.financed || account.financed.fen <= 0 {
                    problems.append("\(id): financed \(account.financed.fen) but financed purchases cost \(financedCost.fen)")
                }
                // value every position at the close of the opening day (the last trading day on or before it)
                let day = String(AuditChain.timestamp(try Rows.date(row, "opened_at", table: "accounts")).prefix(10))
                var atOpening = account.snapshot
                atOpening.interestAndFees = .zero
                for index in atOpening.positions.indices {
                    let code = atOpening.positions[index].instrument.code
                    guard let close = try Int64.fetchOne(db, sql: "SELECT close_fen FROM prices WHERE code = ? AND day <= ? ORDER BY day DESC LIMIT 1",
                                                         arguments: [code, day]) else {
                        problems.append("\(id): no close for \(code) on \(day)"); continue
                    }
                    atOpening.positions[index].instrument.lastPrice = Money(fen: close)
                }
                if atOpening.availableMargin(ratio: ratio).fen < 0 {
                    problems.append("\(id): opened beyond Art. 40, available margin \(atOpening.availableMargin(ratio: ratio).formatted)")
                }
            }
            return (problems, rows.count)
        }
    }

    @Test("accounts record their 100% ratio and opened within Art. 40")
    func accounts() throws {
        let store = try RiskStore.open(at: BundledSample.path, readOnly: true)
        let result = try Self.accountProblems(store)
        #expect(result.accounts > 100)
        #expect(result.problems.isEmpty, "\(result.problems.count) problems, first: \(result.problems.prefix(5))")
        #expect(try store.setting(SettingKey.financingMarginRatio) == "10000")
    }

    @Test("no application asks for or gets leverage above the cap unless prescreen refused it")
    func leverage() throws {
        let store = try RiskStore.open(at: BundledSample.path, readOnly: true)
        let cap = try store.screeningPolicy().maximumLeverage
        #expect(cap == Leverage(hundredths: 170))
        let apps = try store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM applications").map(Rows.application) }
        let screenedOut = apps.filter { $0.stage == .rejected && $0.flags.contains { ["RATIO", "LEV"].contains($0.code) } }
        // some ask for more than the rules allow and are refused at prescreen, as real customers do
        #expect(screenedOut.count > 20)
        for app in apps where !screenedOut.contains(app) && app.score != nil {
            #expect(app.requestedLeverage <= cap, "\(app.id) asks \(app.requestedLeverage.text)")
        }
        for app in apps {
            if let approved = app.approvedLeverage { #expect(approved <= cap, "\(app.id) approved \(approved.text)") }
        }
        #expect(!apps.contains { $0.stage != .rejected && $0.flags.contains { $0.code == "RATIO" || $0.code == "LEV" } })
    }

    @Test("ST instruments are worth nothing as collateral and move at most 5% a day")
    func specialTreatment() throws {
        let store = try RiskStore.open(at: BundledSample.path, readOnly: true)
        let st = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM instruments WHERE is_st = 1").map(Rows.instrument)
        }
        #expect(!st.isEmpty)
        for instrument in st {
            #expect(instrument.effectiveHaircut == .zero && !instrument.isMarginEligible)
            #expect(instrument.dailyLimit == 0.05)
            #expect(instrument.lastPrice >= instrument.limitDownPrice, "\(instrument.code) fell more than 5%")
        }
    }

    @Test("a generated sample obeys the same rules")
    func generated() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, summary) = try Fixture.sample(in: dir, applications: 300, seed: 21)
        let result = try Self.accountProblems(store)
        #expect(result.accounts == summary.accounts)
        #expect(result.problems.isEmpty, "\(result.problems.prefix(5))")
    }
}
