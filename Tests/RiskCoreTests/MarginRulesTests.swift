import Foundation
import Testing
@testable import RiskCore

@Suite("Margin rules (Art. 40, leverage, ST limits)")
struct MarginRulesTests {
    /// A crafted account with every haircut class, a financed purchase at a loss and one at a gain, and interest.
    ///   cash                                                         100,000
    ///   600036 constituent   10,000 × ¥30 = 300,000 × 70%          = 210,000
    ///   600100 other A-share  5,000 × ¥40 = 200,000 × 65%          = 130,000
    ///   510300 ETF          100,000 × ¥4  = 400,000 × 90%          = 360,000
    ///   600200 ST            20,000 × ¥5  = 100,000 × 0%           =       0
    ///   601318 financed, constituent: 10,000 × ¥18 = 180,000, cost 200,000: loss −20,000 at 100% = −20,000
    ///   000333 financed, other:       10,000 × ¥13 = 130,000, cost 100,000: gain  30,000 × 65%  = +19,500
    ///   before debt: 100,000 + 210,000 + 130,000 + 360,000 + 0 − 20,000 + 19,500                 = 799,500
    ///   financed 300,000; interest and fees 5,000
    static func craftedAccount() -> MarginSnapshot {
        let constituent = Fixture.instrument(code: "600036", name: "招商银行", constituent: true, haircut: 7_000, price: Money(yuan: 30))
        let other = Fixture.instrument(code: "600100", name: "同方股份", haircut: 6_500, price: Money(yuan: 40))
        let etf = Fixture.instrument(code: "510300", name: "沪深300ETF", board: .etf, haircut: 9_000, price: Money(yuan: 4))
        let st = Fixture.instrument(code: "600200", name: "ST江苏", st: true, haircut: 6_000, price: Money(yuan: 5))
        let losing = Fixture.instrument(code: "601318", name: "中国平安", constituent: true, haircut: 7_000, price: Money(yuan: 18))
        let gaining = Fixture.instrument(code: "000333", name: "美的集团", haircut: 6_500, price: Money(yuan: 13))
        return MarginSnapshot(cash: Money(yuan: 100_000), positions: [
            Position(instrument: constituent, quantity: 10_000),
            Position(instrument: other, quantity: 5_000),
            Position(instrument: etf, quantity: 100_000),
            Position(instrument: st, quantity: 20_000),
            Position(instrument: losing, quantity: 10_000, financedCost: Money(yuan: 200_000)),
            Position(instrument: gaining, quantity: 10_000, financedCost: Money(yuan: 100_000)),
        ], financed: Money(yuan: 300_000), interestAndFees: Money(yuan: 5_000))
    }

    @Test("available margin and maximum financing under a 100% ratio")
    func hundredPercent() {
        let account = Self.craftedAccount()
        // 799,500 − 300,000 × 100% − 5,000 = 494,500
        #expect(account.availableMargin(ratio: BasisPoints(10_000)) == Money(yuan: 494_500))
        // 494,500 ÷ 100% = 494,500
        #expect(account.maximumFinancing(ratio: BasisPoints(10_000)) == Money(yuan: 494_500))
        #expect(Screening.maximumFinancing(account, ratio: ScreeningPolicy().financingMarginRatio) == Money(yuan: 494_500))
    }

    @Test("available margin and maximum financing under an 80% ratio")
    func eightyPercent() {
        let account = Self.craftedAccount()
        // 799,500 − 300,000 × 80% − 5,000 = 799,500 − 240,000 − 5,000 = 554,500
        #expect(account.availableMargin(ratio: BasisPoints(8_000)) == Money(yuan: 554_500))
        // 554,500 ÷ 80% = 693,125
        #expect(account.maximumFinancing(ratio: BasisPoints(8_000)) == Money(yuan: 693_125))
    }

    @Test("a loss on a financed purchase counts in full, a gain only at the haircut")
    func lossAndGainAsymmetry() {
        let stock = Fixture.instrument(code: "600036", constituent: true, haircut: 7_000, price: Money(yuan: 9))
        // bought 10,000 for ¥100,000 with financing; now ¥90,000: −10,000 in full
        let losing = MarginSnapshot(cash: Money(yuan: 200_000),
                                    positions: [Position(instrument: stock, quantity: 10_000, financedCost: Money(yuan: 100_000))],
                                    financed: Money(yuan: 100_000))
        // 200,000 − 10,000 − 100,000 = 90,000
        #expect(losing.availableMargin(ratio: BasisPoints(10_000)) == Money(yuan: 90_000))
        var gaining = losing
        gaining.positions[0].instrument.lastPrice = Money(yuan: 11)
        // 200,000 + 10,000 × 70% − 100,000 = 107,000 (not 110,000)
        #expect(gaining.availableMargin(ratio: BasisPoints(10_000)) == Money(yuan: 107_000))
    }

    @Test("nothing may be financed once the margin is used up, or under a zero ratio")
    func noRoom() {
        var account = Self.craftedAccount()
        account.financed = Money(yuan: 900_000)     // 799,500 − 900,000 − 5,000 < 0
        #expect(account.availableMargin(ratio: BasisPoints(10_000)) == Money(yuan: -105_500))
        #expect(account.maximumFinancing(ratio: BasisPoints(10_000)) == .zero)
        #expect(Self.craftedAccount().maximumFinancing(ratio: .zero) == .zero)
    }

    @Test("leverage is total exposure ÷ own assets, rounded up to the hundredth")
    func leverageDefinition() {
        #expect(MarginRules.leverage(exposure: Money(yuan: 1_700_000), ownAssets: Money(yuan: 1_000_000)) == Leverage(hundredths: 170))
        // 1,234,567 / 1,000,000 = 1.234567 -> 1.24 (never understated)
        #expect(MarginRules.leverage(exposure: Money(yuan: 1_234_567), ownAssets: Money(yuan: 1_000_000)) == Leverage(hundredths: 124))
        #expect(MarginRules.leverage(exposure: Money(yuan: 1), ownAssets: .zero) == nil)
        #expect(MarginRules.leverage(exposure: Money(yuan: 1), ownAssets: Money(yuan: -5)) == nil)
        // the crafted account: total assets 100,000 + 300,000 + 200,000 + 400,000 + 100,000 + 180,000 + 130,000 = 1,410,000;
        // own 1,410,000 − 300,000 − 5,000 = 1,105,000; after ¥400,000 more: 1,810,000 / 1,105,000 = 1.638 -> 1.64
        let account = Self.craftedAccount()
        #expect(account.totalAssets == Money(yuan: 1_410_000))
        #expect(account.ownAssets == Money(yuan: 1_105_000))
        #expect(account.leverage(afterFinancing: Money(yuan: 400_000)) == Leverage(hundredths: 164))
    }

    @Test("the leverage cap follows from the ratio and the best share haircut")
    func leverageCap() {
        // 1 + 70% ÷ 100% = 1.70
        #expect(MarginRules.maximumLeverage(ratio: BasisPoints(10_000)) == Leverage(hundredths: 170))
        // 1 + 70% ÷ 80% = 1.875 -> 1.87 (rounded down: never above what the rules allow)
        #expect(MarginRules.maximumLeverage(ratio: BasisPoints(8_000)) == Leverage(hundredths: 187))
        // 1 + 70% ÷ 50% = 2.40: what the old code's 50% implied, and still not its 3.0×
        #expect(MarginRules.maximumLeverage(ratio: BasisPoints(5_000)) == Leverage(hundredths: 240))
        #expect(MarginRules.maximumLeverage(ratio: .zero) == Leverage(hundredths: 100))
        #expect(ScreeningPolicy().maximumLeverage == Leverage(hundredths: 170))
        var eighty = ScreeningPolicy()
        eighty.financingMarginRatio = BasisPoints(8_000)
        #expect(eighty.maximumLeverage == Leverage(hundredths: 187))
    }

    @Test("borrowing the maximum against shares at the best haircut lands exactly on the cap")
    func capIsReachableNotExceeded() {
        let stock = Fixture.instrument(code: "600036", constituent: true, haircut: 7_000, price: Money(yuan: 10))
        let account = MarginSnapshot(cash: .zero, positions: [Position(instrument: stock, quantity: 100_000)])  // ¥1,000,000
        let most = account.maximumFinancing(ratio: BasisPoints(10_000))
        #expect(most == Money(yuan: 700_000))
        #expect(account.leverage(afterFinancing: most) == MarginRules.maximumLeverage(ratio: BasisPoints(10_000)))
        // one fen more is refused at prescreen by both the ratio and the leverage cap
        let customer = Fixture.customer(assets: Money(yuan: 1_000_000))
        let app = Fixture.application(line: most + Money(fen: 1),
                                      leverage: account.leverage(afterFinancing: most + Money(fen: 1)) ?? Leverage(hundredths: 100))
        #expect(Screening.prescreen(app, customer: customer, account: account, policy: ScreeningPolicy(), now: Fixture.now)
            .map(\.code) == ["RATIO", "LEV"])
    }

    @Test("ST main-board shares have a ±5% daily limit; ST elsewhere keeps its board's")
    func specialTreatmentLimit() {
        let st = Fixture.instrument(st: true, price: Money(fen: 950), previousClose: Money(yuan: 10))
        #expect(st.dailyLimit == 0.05)
        #expect(st.limitDownPrice == Money(fen: 950))           // 1000 × 0.95
        let odd = Fixture.instrument(st: true, price: Money(fen: 1_234), previousClose: Money(fen: 1_234))
        #expect(odd.limitDownPrice == Money(fen: 1_172))        // 1234 × 0.95 = 1172.3 -> 1172
        let stChiNext = Fixture.instrument(board: .chiNext, st: true, price: Money(yuan: 10), previousClose: Money(yuan: 10))
        #expect(stChiNext.dailyLimit == 0.20)
        #expect(stChiNext.limitDownPrice == Money(yuan: 8))
        #expect(Fixture.instrument(price: Money(yuan: 10), previousClose: Money(yuan: 10)).limitDownPrice == Money(yuan: 9))
        // a −5% ST close is limit-down and raises the critical alert; the same move on a normal share does not
        let account = MarginAccount(id: "A1", customerID: "C", cash: .zero, positions: [Position(instrument: st, quantity: 100)],
                                    financed: Money(yuan: 100), accruedInterest: .zero)
        #expect(AlertRules.evaluate(account).contains { $0.rule == .limitDown })
        var normal = account
        normal.positions[0].instrument.isSpecialTreatment = false
        #expect(!AlertRules.evaluate(normal).contains { $0.rule == .limitDown })
    }
}
