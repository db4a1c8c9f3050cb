import Foundation
import Testing
@testable import RiskCore

@Suite("Margin")
struct MarginTests {
    /// ¥100,000 cash + 10,000 shares of an index constituent at ¥50; ¥400,000 financed, no interest.
    func simpleAccount(haircut: Int = 7_500) -> MarginAccount {
        let stock = Fixture.instrument(code: "600036", name: "招商银行", constituent: true, haircut: haircut,
                                       price: Money(yuan: 50))
        return MarginAccount(id: "ACC-1", customerID: "C-0001", cash: Money(yuan: 100_000),
                             positions: [Position(instrument: stock, quantity: 10_000)],
                             financed: Money(yuan: 400_000), accruedInterest: .zero)
    }

    @Test("maintenance ratio = (cash + market value) / (financed + interest)")
    func maintenanceRatio() {
        let a = simpleAccount()
        #expect(a.marketValue == Money(yuan: 500_000))   // 10,000 × ¥50
        #expect(a.assets == Money(yuan: 600_000))        // + ¥100,000 cash
        #expect(a.debt == Money(yuan: 400_000))
        #expect(a.maintenanceRatio == 1.5)               // 600,000 / 400,000 = 150%
        #expect(a.loanToValue.map { abs($0 - 2.0 / 3.0) < 1e-12 } == true)  // 400,000 / 600,000
        var withInterest = a
        withInterest.accruedInterest = Money(yuan: 100_000)
        #expect(withInterest.maintenanceRatio == 1.2)    // 600,000 / 500,000
    }

    @Test("ratio is nil when nothing is owed; LTV nil with no assets")
    func nils() {
        var a = simpleAccount()
        a.financed = .zero
        #expect(a.maintenanceRatio == nil)
        #expect(a.loanToValue == 0)
        let empty = MarginAccount(id: "ACC-0", customerID: "C", cash: .zero, positions: [], financed: Money(yuan: 1),
                                  accruedInterest: .zero)
        #expect(empty.loanToValue == nil)
        #expect(empty.maintenanceRatio == 0)
    }

    @Test("haircut ceilings: index 70%, other A-shares 65%, ETFs 90%, ST/suspended 0%")
    func haircuts() {
        #expect(Fixture.instrument(constituent: true, haircut: 7_500).effectiveHaircut == BasisPoints(7_000))
        #expect(Fixture.instrument(constituent: false, haircut: 7_500).effectiveHaircut == BasisPoints(6_500))
        // only main-board constituents get the higher ceiling
        #expect(Fixture.instrument(board: .chiNext, constituent: true, haircut: 7_500).effectiveHaircut == BasisPoints(6_500))
        #expect(Fixture.instrument(board: .etf, haircut: 9_500).effectiveHaircut == BasisPoints(9_000))
        #expect(Fixture.instrument(st: true, haircut: 6_000).effectiveHaircut == .zero)
        #expect(Fixture.instrument(suspended: true, haircut: 6_000).effectiveHaircut == .zero)
        // a stored haircut below the ceiling is used as is
        #expect(Fixture.instrument(constituent: true, haircut: 5_000).effectiveHaircut == BasisPoints(5_000))
    }

    @Test("available margin = cash + Σ market value × haircut − financed × the contract's ratio − interest")
    func availableMargin() {
        // stored 75% capped to 70%: 500,000 × 70% = 350,000; + 100,000 cash = 450,000; − 400,000 × 100% = 50,000
        #expect(simpleAccount().availableMargin == Money(yuan: 50_000))
        #expect(simpleAccount().maximumFinancing == Money(yuan: 50_000))
        let etf = Fixture.instrument(code: "510300", name: "沪深300ETF", board: .etf, haircut: 9_500, price: Money(fen: 400))
        let st = Fixture.instrument(code: "600001", name: "*ST测试", st: true, haircut: 6_000, price: Money(yuan: 10))
        let other = Fixture.instrument(code: "600002", name: "其他", haircut: 8_000, price: Money(yuan: 20))
        var a = MarginAccount(id: "ACC-2", customerID: "C", cash: Money(yuan: 10_000),
                              positions: [Position(instrument: etf, quantity: 50_000),     // ¥200,000 × 90% = 180,000
                                          Position(instrument: st, quantity: 10_000),      // ¥100,000 × 0% = 0
                                          Position(instrument: other, quantity: 5_000)],   // ¥100,000 × 65% = 65,000
                              financed: Money(yuan: 200_000), accruedInterest: Money(yuan: 2_000))
        // 10,000 + 180,000 + 0 + 65,000 = 255,000; − 200,000 × 100% − 2,000 interest at 100% = 53,000
        #expect(a.availableMargin == Money(yuan: 53_000))
        #expect(a.positions[0].collateralValue == Money(yuan: 180_000))
        // a contract signed under 80% keeps it: 255,000 − 160,000 − 2,000 = 93,000; ÷ 80% = 116,250 more
        a.lines.financingMarginRatio = BasisPoints(8_000)
        #expect(a.availableMargin == Money(yuan: 93_000))
        #expect(a.maximumFinancing == Money(yuan: 116_250))
    }

    @Test("trigger prices round up to the fen")
    func triggerPrices() {
        let stock = Fixture.instrument(code: "600519", name: "贵州茅台", constituent: true, haircut: 7_000, price: Money(yuan: 100))
        let a = MarginAccount(id: "ACC-3", customerID: "C", cash: Money(yuan: 10_000),
                              positions: [Position(instrument: stock, quantity: 3_000)],
                              financed: Money(yuan: 200_000), accruedInterest: Money(fen: 123_456))
        // debt 20,123,456 fen; assets 1,000,000 + 30,000,000 = 31,000,000 fen; ratio 1.5405
        // warning 150%: 20,123,456 × 1.5 = 30,185,184; − 1,000,000 cash = 29,185,184; / 3,000 = 9,728.39 -> 9,729 fen
        #expect(a.triggerPrice(for: "600519", at: BasisPoints(15_000)) == Money(fen: 9_729))
        // close-out 130%: 20,123,456 × 1.3 = 26,160,492.8 -> 26,160,493; − 1,000,000 = 25,160,493; / 3,000 = 8,386.83 -> 8,387
        #expect(a.triggerPrice(for: "600519", at: BasisPoints(13_000)) == Money(fen: 8_387))
        #expect(a.triggerPrice(for: "000001", at: BasisPoints(13_000)) == nil)   // not held
        // above the warning line, the next trigger is the warning line
        let next = a.nextTrigger()
        #expect(next?.code == "600519")
        #expect(next?.line == BasisPoints(15_000))
        #expect(next?.price == Money(fen: 9_729))
        // below the warning line, the next one is close-out
        var worse = a
        worse.financed = Money(yuan: 220_000)   // ratio 310,000 / 221,234.56 = 1.401
        // close-out: 22,123,456 × 1.3 = 28,760,492.8 -> 28,760,493; − 1,000,000 = 27,760,493; / 3,000 = 9,253.50 -> 9,254
        #expect(worse.nextTrigger()?.line == BasisPoints(13_000))
        #expect(worse.nextTrigger()?.price == Money(fen: 9_254))
    }

    @Test("a trigger price that divides exactly is not rounded up; cash alone covering the line gives no price")
    func triggerExactAndZero() {
        let a = simpleAccount()
        // 400,000 × 1.3 = 520,000 − 100,000 = 420,000 / 10,000 shares = ¥42.00 exactly
        #expect(a.triggerPrice(for: "600036", at: BasisPoints(13_000)) == Money(yuan: 42))
        var rich = a
        rich.cash = Money(yuan: 600_000)   // 600,000 ≥ 400,000 × 1.5
        #expect(rich.triggerPrice(for: "600036", at: BasisPoints(15_000)) == nil)
        #expect(rich.lineCrossing(for: "600036", at: BasisPoints(15_000)) == .coveredByOtherAssets)
        var nothingOwed = a
        nothingOwed.financed = .zero
        #expect(nothingOwed.triggerPrice(for: "600036", at: BasisPoints(15_000)) == nil)
    }

    @Test("instrument day change and limit-down price")
    func instrumentMoves() {
        let main = Fixture.instrument(price: Money(fen: 950), previousClose: Money(yuan: 10))
        #expect(main.dayChange == -0.05)                      // (950 − 1000) / 1000
        #expect(main.limitDownPrice == Money(fen: 900))       // 1000 × 0.9
        let growth = Fixture.instrument(board: .chiNext, price: Money(fen: 1_234), previousClose: Money(fen: 1_234))
        #expect(growth.limitDownPrice == Money(fen: 987))     // 1234 × 0.8 = 987.2 -> 987
        #expect(Board.star.dailyLimit == 0.20 && Board.main.dailyLimit == 0.10)
    }
}
