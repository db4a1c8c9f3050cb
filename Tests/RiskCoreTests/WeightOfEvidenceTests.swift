import Foundation
import Testing
@testable import RiskCore

@Suite("Weight of evidence and information value")
struct WeightOfEvidenceTests {
    @Test("2×2: WOE ln 2 and ln 0.75, IV 0.19617")
    func twoByTwo() {
        // Bin A: 80 goods, 20 bads; bin B: 120 goods, 80 bads (totals 200 goods, 100 bads).
        // A: %good 0.40, %bad 0.20 → WOE ln 2 = 0.693147; B: 0.60, 0.80 → WOE ln 0.75 = −0.287682.
        // IV = 0.20 × 0.693147 + (−0.20) × (−0.287682) = 0.138629 + 0.057536 = 0.196166.
        let a = WeightOfEvidence.woe(goods: 80, bads: 20, totalGoods: 200, totalBads: 100)
        let b = WeightOfEvidence.woe(goods: 120, bads: 80, totalGoods: 200, totalBads: 100)
        #expect(abs(a - 0.693147) < 1e-6)
        #expect(abs(b - (-0.287682)) < 1e-6)
        #expect(abs(WeightOfEvidence.informationValue([(80, 20), (120, 80)]) - 0.196166) < 1e-6)
    }

    @Test("3 bins: WOE ln 2.5, ln 1.25, ln 0.5 and IV 0.33305")
    func threeBins() {
        // Goods 50 / 100 / 50 (of 200), bads 5 / 20 / 25 (of 50).
        // %good 0.25 / 0.50 / 0.25, %bad 0.10 / 0.40 / 0.50.
        // WOE ln 2.5 = 0.916291, ln 1.25 = 0.223144, ln 0.5 = −0.693147.
        // IV = 0.15 × 0.916291 + 0.10 × 0.223144 + (−0.25) × (−0.693147) = 0.137444 + 0.022314 + 0.173287 = 0.333045.
        let bins = [(goods: 50, bads: 5), (goods: 100, bads: 20), (goods: 50, bads: 25)]
        let woe = bins.map { WeightOfEvidence.woe(goods: $0.goods, bads: $0.bads, totalGoods: 200, totalBads: 50) }
        #expect(abs(woe[0] - 0.916291) < 1e-6)
        #expect(abs(woe[1] - 0.223144) < 1e-6)
        #expect(abs(woe[2] - (-0.693147)) < 1e-6)
        #expect(abs(WeightOfEvidence.informationValue(bins) - 0.333045) < 1e-6)
    }

    @Test("an empty cell counts 0.5: 30 goods and no bad of 100 / 50 gives ln 30")
    func emptyCell() {
        // (30/100) / (0.5/50) = 0.3 / 0.01 = 30 → WOE ln 30 = 3.401197; IV term (0.30 − 0.01) × 3.401197 = 0.986347.
        #expect(abs(WeightOfEvidence.woe(goods: 30, bads: 0, totalGoods: 100, totalBads: 50) - 3.401197) < 1e-6)
        #expect(abs(WeightOfEvidence.ivTerm(goods: 30, bads: 0, totalGoods: 100, totalBads: 50) - 0.986347) < 1e-6)
        // No goods: (0.5/100) / (10/50) = 0.025 → ln 0.025 = −3.688879.
        #expect(abs(WeightOfEvidence.woe(goods: 0, bads: 10, totalGoods: 100, totalBads: 50) - (-3.688879)) < 1e-6)
        #expect(WeightOfEvidence.woe(goods: 0, bads: 0, totalGoods: 100, totalBads: 50) == 0)
    }
}
