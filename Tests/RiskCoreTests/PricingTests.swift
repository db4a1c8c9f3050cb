import Foundation
import Testing
@testable import RiskCore

private func component(_ q: Quote, _ name: String) -> Int? {
    q.components.first { $0.name == name }?.amount.value
}

@Suite("Pricing")
struct PricingTests {
    let p = PricingParameters()

    @Test("a plain main-board quote, component by component")
    func plainQuote() {
        let q = Pricing.quote(PricingInput(probabilityOfDefault: 0.02, leverage: Leverage(hundredths: 300), board: .main,
                                           volatility: 0.25, tenureMonths: 24, sentiment: 0, line: Money(yuan: 1_000_000)),
                              parameters: p)
        #expect(q.components.map(\.name) == ["funding", "expected loss", "operating", "capital", "volatility",
                                             "behaviour", "sentiment"])
        #expect(component(q, "funding") == 250)
        #expect(component(q, "expected loss") == 90)   // 2% × 45% = 0.9% = 90 bp
        #expect(component(q, "operating") == 80)
        #expect(component(q, "capital") == 192)        // 8% × 12% × (1 + (3 − 1) × 0.5) = 0.96% × 2 = 192 bp
        #expect(component(q, "volatility") == 0)       // main board, 25% < 30% threshold
        #expect(component(q, "behaviour") == 0)        // no calls, never late, tenure 24 < 36
        #expect(component(q, "sentiment") == 0)
        #expect(q.unclamped == BasisPoints(612))       // 250 + 90 + 80 + 192
        #expect(q.rate == BasisPoints(612))
        #expect(q.clampAdjustment == .zero)
        #expect(q.fee == BasisPoints(10))
        #expect(q.feeAmount == Money(yuan: 1_000))     // 10 bp of ¥1,000,000 = 100,000 fen
        let expectedLoss = q.components.first { $0.name == "expected loss" }
        #expect(expectedLoss?.driver == "PD 2.00% × LGD 45%")
        #expect(q.components.first { $0.name == "capital" }?.driver == "8% capital × 12% hurdle × 2.00 (leverage 3.0×)")
        #expect(q.components.first { $0.name == "behaviour" }?.driver == "clean history")
    }

    @Test("ChiNext, high volatility, a bad history and fearful sentiment")
    func riskyQuote() {
        let q = Pricing.quote(PricingInput(probabilityOfDefault: 0.05, leverage: Leverage(hundredths: 250), board: .chiNext,
                                           volatility: 0.45, marginCallsLast12Months: 2, maxDaysPastDue: 10,
                                           tenureMonths: 12, sentiment: -0.8, line: Money(yuan: 600_000)),
                              parameters: p)
        #expect(component(q, "expected loss") == 225)  // 5% × 45% = 2.25%
        #expect(component(q, "capital") == 168)        // 0.96% × (1 + 1.5 × 0.5 = 1.75) = 1.68%
        #expect(component(q, "volatility") == 85)      // ChiNext 40 + (45 − 30) points × 3 bp = 40 + 45
        #expect(component(q, "behaviour") == 100)      // 2 calls × 25 + 50 for being late
        #expect(component(q, "sentiment") == 30)       // (0.8 − 0.6) / (1 − 0.6) = 0.5 × 60 bp
        // 250 + 225 + 80 + 168 + 85 + 100 + 30 = 938
        #expect(q.unclamped == BasisPoints(938))
        #expect(q.rate == BasisPoints(938))
        #expect(q.feeAmount == Money(yuan: 600))       // 10 bp of ¥600,000 = 60,000 fen
        #expect(q.components.first { $0.name == "behaviour" }?.driver == "2 margin calls, 10 days past due")
        #expect(q.components.first { $0.name == "volatility" }?.driver == "ChiNext board, volatility 45%")
        #expect(q.components.first { $0.name == "sentiment" }?.driver == "index -0.80, band ±0.60")
    }

    @Test("the rate is capped and the adjustment shows how much")
    func cap() {
        let q = Pricing.quote(PricingInput(probabilityOfDefault: 0.15, leverage: Leverage(hundredths: 300), board: .star,
                                           volatility: 0.80, marginCallsLast12Months: 5, maxDaysPastDue: 40,
                                           tenureMonths: 60, sentiment: 1.0), parameters: p)
        #expect(component(q, "expected loss") == 675)  // 15% × 45% = 6.75%
        #expect(component(q, "volatility") == 200)     // STAR 50 + (80 − 30) × 3 = 50 + 150
        #expect(component(q, "behaviour") == 125)      // calls capped at 3 × 25 = 75, + 50 late, no loyalty
        #expect(component(q, "sentiment") == 60)       // at ±1 the full 60 bp
        // 250 + 675 + 80 + 192 + 200 + 125 + 60 = 1582
        #expect(q.unclamped == BasisPoints(1_582))
        #expect(q.rate == BasisPoints(1_200))
        #expect(q.clampAdjustment == BasisPoints(-382))  // 1200 − 1582
    }

    @Test("the rate is floored and a loyal client gets the discount")
    func floor() {
        let q = Pricing.quote(PricingInput(probabilityOfDefault: 0.002, leverage: Leverage(hundredths: 100),
                                           tenureMonths: 48), parameters: p)
        #expect(component(q, "expected loss") == 9)    // 0.2% × 45% = 0.09%
        #expect(component(q, "capital") == 96)         // 0.96% × (1 + 0 × 0.5)
        #expect(component(q, "behaviour") == -25)      // 48 months, clean: loyalty discount
        #expect(q.components.first { $0.name == "behaviour" }?.driver == "loyal client 48 months")
        // 250 + 9 + 80 + 96 − 25 = 410
        #expect(q.unclamped == BasisPoints(410))
        #expect(q.rate == BasisPoints(450))
        #expect(q.clampAdjustment == BasisPoints(40))
        #expect(q.feeAmount == .zero)                  // no line given
    }

    @Test("loyalty starts at 36 months and needs a clean history; sentiment inside the band costs nothing")
    func behaviourEdges() {
        func behaviour(_ tenure: Int, calls: Int = 0, dpd: Int = 0) -> Int? {
            component(Pricing.quote(PricingInput(probabilityOfDefault: 0.02, leverage: Leverage(hundredths: 200),
                                                 marginCallsLast12Months: calls, maxDaysPastDue: dpd, tenureMonths: tenure),
                                    parameters: p), "behaviour")
        }
        #expect(behaviour(35) == 0)
        #expect(behaviour(36) == -25)
        #expect(behaviour(60, calls: 1) == 25)       // one call: +25, no discount
        func sentiment(_ s: Double) -> Int? {
            component(Pricing.quote(PricingInput(probabilityOfDefault: 0.02, leverage: Leverage(hundredths: 200), sentiment: s),
                                    parameters: p), "sentiment")
        }
        #expect(sentiment(0.6) == 0)
        #expect(sentiment(-0.5) == 0)
        #expect(sentiment(0.7) == 15)                 // (0.7 − 0.6) / 0.4 = 0.25 × 60
    }

    @Test("leverage bands follow from the ratio: none beyond what it allows")
    func bands() {
        // 100%: cap 1.70×
        let hundred = Pricing.leverageBands
        #expect(hundred.map(\.label) == ["≤1.2×", "1.2–1.4×", "1.4–1.6×", "1.6–1.7×"])
        #expect(hundred.map(\.upper.hundredths) == [120, 140, 160, 170])
        #expect(hundred.map(\.representative.hundredths) == [110, 130, 150, 165])
        // 80%: cap 1.87×, a higher top band
        let eighty = Pricing.leverageBands(upTo: MarginRules.maximumLeverage(ratio: BasisPoints(8_000)))
        #expect(eighty.map(\.label) == ["≤1.2×", "1.2–1.4×", "1.4–1.6×", "1.6–1.87×"])
        #expect(eighty.last?.representative == Leverage(hundredths: 173))   // (160 + 187) / 2 = 173.5 -> 173
        // 50%: cap 2.40×, seven bands
        #expect(Pricing.leverageBands(upTo: Leverage(hundredths: 240)).map(\.label)
            == ["≤1.2×", "1.2–1.4×", "1.4–1.6×", "1.6–1.8×", "1.8–2×", "2–2.2×", "2.2–2.4×"])
        #expect(Pricing.bandIndex(for: Leverage(hundredths: 100)) == 0)
        #expect(Pricing.bandIndex(for: Leverage(hundredths: 120)) == 0)
        #expect(Pricing.bandIndex(for: Leverage(hundredths: 121)) == 1)
        #expect(Pricing.bandIndex(for: Leverage(hundredths: 160)) == 2)
        #expect(Pricing.bandIndex(for: Leverage(hundredths: 170)) == 3)
        #expect(Pricing.bandIndex(for: Leverage(hundredths: 300)) == 3)   // beyond the cap: the last band
        #expect(Pricing.bandIndex(for: Leverage(hundredths: 180), maximum: Leverage(hundredths: 187)) == 3)
    }

    @Test("the table has 5 grades × 4 bands at 100% and rates rise with grade and leverage")
    func table() {
        let t = Pricing.table(parameters: p)
        #expect(t.count == 5)
        #expect(t.allSatisfy { $0.count == 4 })
        for col in 0..<4 {
            for row in 1..<5 { #expect(t[row][col] > t[row - 1][col], "grade row \(row) col \(col)") }
        }
        for row in 0..<5 {
            for col in 1..<4 { #expect(t[row][col] > t[row][col - 1], "row \(row) col \(col)") }
        }
        // C at 1.65×: 250 + round(3.75% × 45% = 168.75) 169 + 80 + 0.96% × (1 + 0.65 × 0.5 = 1.325) = 127.2 -> 127 = 626
        #expect(t[2][3] == BasisPoints(626))
        // E at 1.1×: 250 + 675 + 80 + 0.96% × 1.05 = 100.8 -> 101 = 1106
        #expect(t[4][0] == BasisPoints(1_106))
        // E at 1.65×: 250 + 675 + 80 + 127 = 1132 (under the 1200 cap)
        #expect(t[4][3] == BasisPoints(1_132))
        // extreme sentiment adds the full 60 bp to cells away from the cap: C at 1.65× -> 686
        #expect(Pricing.table(parameters: p, sentiment: -1)[2][3] == BasisPoints(686))
        // at 80% the top band is priced at 1.73×: C 250 + 169 + 80 + 0.96% × 1.365 = 131.04 -> 131 = 630
        #expect(Pricing.table(parameters: p, maximumLeverage: Leverage(hundredths: 187))[2][3] == BasisPoints(630))
    }

    @Test("parameters: setting values and validation messages")
    func parameters() {
        var q = PricingParameters()
        #expect(q.set("lgd_pct", to: "40") == nil)
        #expect(q.lossGivenDefault == 0.40)
        #expect(q.set("funding_cost_bp", to: " 262.6 ") == nil)
        #expect(q.fundingCost == BasisPoints(263))       // rounded to whole bp
        #expect(q.set("funding_cost_bp", to: "abc") == "funding_cost_bp: 'abc' is not a number")
        #expect(q.set("lgd_pct", to: "120") == "lgd_pct must be 0–100")
        #expect(q.set("sentiment_band", to: "1.5") == "sentiment_band must be 0–1")
        #expect(q.set("floor_bp", to: "1300") == "floor_bp must not exceed cap_bp (1200)")
        #expect(q.set("cap_bp", to: "400") == "cap_bp must not be below floor_bp (450)")
        #expect(q.set("colour", to: "1") == "unknown pricing parameter 'colour'")
        #expect(q.set("volatility_premium_bp", to: "inf") == "volatility_premium_bp: 'inf' is not a number")
        // refused values leave the parameters untouched
        #expect(q.lossGivenDefault == 0.40)
        #expect(q.floor == BasisPoints(450) && q.cap == BasisPoints(1_200))
        #expect(q.set("capital_ratio_pct", to: "10") == nil)
        #expect(q.capitalRatio == 0.10)
    }

    @Test("parameters as fields")
    func fields() {
        let f = PricingParameters().fields
        #expect(Set(f.keys) == Set(PricingParameters.fieldNames))
        #expect(f["funding_cost_bp"] == "250")
        #expect(f["lgd_pct"] == "45")
        #expect(f["capital_ratio_pct"] == "8")
        #expect(f["hurdle_rate_pct"] == "12")
        #expect(f["volatility_threshold_pct"] == "30")
        #expect(f["sentiment_band"] == "0.6")
        #expect(f["floor_bp"] == "450")
        #expect(f["cap_bp"] == "1200")
    }
}
