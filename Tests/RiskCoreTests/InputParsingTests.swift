import Foundation
import Testing
@testable import RiskCore

/// Text from people and files that used to trap the process (exit 132) through `Int(...)` on a parsed Double.
@Suite("Checked parsing of amounts, leverage and pricing parameters")
struct InputParsingTests {
    private func leverageError(_ text: String) -> String? {
        do {
            _ = try Leverage.parsing(text)
            return nil
        } catch {
            return error.message
        }
    }

    private func moneyError(_ text: String) -> String? {
        do {
            _ = try Money.parsing(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("leverage: huge, negative, non-finite and exponent forms are refused with the allowed range")
    func leverageBoundaries() {
        for text in ["1e17", "1e19", "1e308", "nan", "inf", "-inf", "-0", "-9223372036854775808", "0x10", "2,5"] {
            let message = leverageError(text)
            #expect(message?.contains("1.0× to 10.0×") == true, "\(text): \(message ?? "accepted")")
        }
        // digits only, but far beyond the range: 9223372036854775807 × 100 does not fit an Int
        #expect(leverageError("9223372036854775807") == "leverage '9223372036854775807' is out of range: it must be from 1.0× to 10.0×")
        #expect(leverageError("10.01") == "leverage '10.01' is out of range: it must be from 1.0× to 10.0×")
        #expect(leverageError("0.99") == "leverage '0.99' is out of range: it must be from 1.0× to 10.0×")
        #expect(leverageError("2.555") == "'2.555' is more precise than 0.01×")
        #expect(Leverage.parse("10") == Leverage(hundredths: 1_000))
        #expect(Leverage.parse("1.00") == Leverage(hundredths: 100))
        #expect(Leverage.parse("2.500x") == Leverage(hundredths: 250))   // trailing zeros are not extra precision
        #expect(Leverage.parse("1e17") == nil)
    }

    @Test("Leverage(Double) for constants saturates instead of trapping")
    func leverageFromDouble() {
        #expect(Leverage(1e17).hundredths == Int.max)      // 1e19 hundredths is beyond Int.max ≈ 9.22e18
        #expect(Leverage(-1e300).hundredths == Int.min)
        #expect(Leverage(.nan).hundredths == 100)
        #expect(Leverage(2.25).hundredths == 225)
    }

    @Test("amounts: Int64 edges, exponents and non-numbers are refused with the allowed range")
    func moneyBoundaries() {
        let range = "amounts must be between -¥1,000,000,000,000 and ¥1,000,000,000,000"
        for text in ["9223372036854775807", "-9223372036854775808", "92233720368547758.07", "1000000000000.01",
                     "10000000000000000000000000000000000000000", String(repeating: "9", count: 400)] {
            let message = moneyError(text)
            #expect(message?.hasSuffix(range) == true, "\(text.prefix(30)): \(message ?? "accepted")")
        }
        for text in ["1e17", "1e19", "1e308", "nan", "inf", "-inf", "0x10"] {
            #expect(moneyError(text) == "'\(text)' is not an amount (try 500000, 500,000, 500k, 1.2m or 50万)")
        }
        #expect(Money.parse("-0") == .zero)
        #expect(Money.parse("1000000000000") == Money(fen: 100_000_000_000_000))      // the maximum itself
        #expect(Money.parse("-1000000000000") == Money(fen: -100_000_000_000_000))
        #expect(Money.parse("1000000m") == Money.maximumInput)
        #expect(moneyError("1000001m")?.hasSuffix(range) == true)
        #expect(moneyError("1.234") == "'1.234' is more precise than a fen (0.01 yuan)")
    }

    @Test("Money arithmetic saturates at the Int64 bounds instead of trapping")
    func moneySaturates() {
        // Int64.max fen × 200% does not fit: the nearest bound
        #expect(Money(fen: .max).applying(BasisPoints(20_000)) == Money(fen: .max))
        #expect(Money(fen: .min).applying(BasisPoints(20_000)) == Money(fen: .min))
        #expect(Money(fen: 100).scaled(by: .infinity) == Money(fen: .max))
        #expect(Money(fen: 100).scaled(by: -1e300) == Money(fen: .min))
        #expect(Money(fen: 100).scaled(by: .nan) == .zero)
        // ordinary figures are unchanged: ¥1,000,000 × 785 bp = ¥78,500
        #expect(Money(yuan: 1_000_000).applying(BasisPoints(785)) == Money(yuan: 78_500))
    }

    @Test("Int.rounding refuses NaN, infinities and values beyond the range")
    func rounding() {
        #expect(Int.rounding(2.5, within: 0...10) == 3)
        #expect(Int.rounding(-0.0, within: 0...10) == 0)
        #expect(Int.rounding(10.4, within: 0...10) == 10)
        #expect(Int.rounding(10.5, within: 0...10) == nil)
        #expect(Int.rounding(.nan, within: 0...10) == nil)
        #expect(Int.rounding(.infinity, within: .min ... .max) == nil)
        #expect(Int.rounding(9.3e18, within: .min ... .max) == nil)      // above Int.max ≈ 9.22e18
        #expect(Int.rounding(-9.3e18, within: .min ... .max) == nil)
        #expect(Int.rounding(1e17, within: .min ... .max) == 100_000_000_000_000_000)
    }

    @Test("pricing parameters: 1e19 and Int64.min are range errors, not traps; refused values change nothing")
    func pricingParameterRanges() {
        var p = PricingParameters()
        #expect(p.set("funding_cost_bp", to: "1e19") == "funding_cost_bp must be 0–10000 bp, not 1e19")
        #expect(p.set("fee_bp", to: "-9223372036854775808") == "fee_bp must be 0–10000 bp, not -9223372036854775808")
        #expect(p.set("cap_bp", to: "1e308") == "cap_bp must be 0–10000 bp, not 1e308")
        #expect(p.set("capital_ratio_pct", to: "1e19") == "capital_ratio_pct must be 0–100")
        #expect(p.set("hurdle_rate_pct", to: "-1") == "hurdle_rate_pct must be 0–100")
        #expect(p.set("volatility_threshold_pct", to: "1e19") == "volatility_threshold_pct must be 0–100")
        #expect(p.set("funding_cost_bp", to: "nan") == "funding_cost_bp: 'nan' is not a number")
        #expect(p == PricingParameters())
        #expect(p.set("funding_cost_bp", to: "10000") == nil)
        #expect(p.fundingCost == BasisPoints(10_000))
        #expect(p.set("funding_cost_bp", to: "10000.5") == "funding_cost_bp must be 0–10000 bp, not 10000.5")   // rounds to 10001
    }

    @Test("stored pricing parameters beyond range are ignored on reading, not trapped on")
    func storedParameters() {
        let read = PricingParameters(fields: ["cap_bp": "1e19", "floor_bp": "-1e19", "fee_bp": "9223372036854775807", "lgd_pct": "40"])
        #expect(read.cap == BasisPoints(1_200))
        #expect(read.floor == BasisPoints(450))
        #expect(read.fee == BasisPoints(10))
        #expect(read.lossGivenDefault == 0.40)
    }

    @Test("a sentiment index beyond ±1 prices as ±1 instead of trapping")
    func sentimentOutOfRange() {
        func sentiment(_ s: Double) -> Int? {
            Pricing.quote(PricingInput(probabilityOfDefault: 0.02, leverage: Leverage(hundredths: 200), sentiment: s),
                          parameters: PricingParameters()).components.first { $0.name == "sentiment" }?.amount.value
        }
        #expect(sentiment(-1) == 60)        // the full 60 bp at the end of the scale
        #expect(sentiment(-1e300) == 60)
        #expect(sentiment(1e19) == 60)
        #expect(sentiment(.nan) == 0)
    }

    @Test("basis points from text: Int64 edges and exponents are errors naming the range")
    func basisPoints() {
        func message(_ text: String) -> String? {
            do {
                _ = try BasisPoints.parsing(text, within: -500...500)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message("-9223372036854775808") == "'-9223372036854775808' is out of range: it must be from -500 to 500 bp")
        #expect(message("9223372036854775808") == "'9223372036854775808' is out of range: it must be from -500 to 500 bp")   // Int64.max + 1
        #expect(message("501") == "'501' is out of range: it must be from -500 to 500 bp")
        #expect(message("1e19") == "'1e19' is not a whole number of basis points (try 25 or -20)")
        #expect(message("2.5") == "'2.5' is not a whole number of basis points (try 25 or -20)")
        #expect(message("-") == "'-' is not a whole number of basis points (try 25 or -20)")
        #expect((try? BasisPoints.parsing(" -500 ", within: -500...500)) == BasisPoints(-500))
        #expect((try? BasisPoints.parsing("+35", within: -500...500)) == BasisPoints(35))
    }
}
