import Foundation
import Testing
@testable import RiskCore

/// One instrument per board, ST included, with previous close ¥20.00.
private func universe() -> [Instrument] {
    [Fixture.instrument(code: "600000", board: .main, price: Money(yuan: 20)),
     Fixture.instrument(code: "600001", name: "ST样本", board: .main, st: true, haircut: 0, price: Money(yuan: 20)),
     Fixture.instrument(code: "300001", board: .chiNext, price: Money(yuan: 20), volatility: 0.6),
     Fixture.instrument(code: "688001", board: .star, price: Money(yuan: 20), volatility: 0.6),
     Fixture.instrument(code: "510300", board: .etf, price: Money(yuan: 20), volatility: 0.15)]
}

@Suite("Market simulator")
struct MarketSimulatorTests {
    @Test("100,000 ticks never leave each board's daily limit and stay on the fen grid")
    func withinLimits() {
        // Limits around ¥20.00: main and ETF ¥18.00–¥22.00, ST ¥19.00–¥21.00, ChiNext/STAR ¥16.00–¥24.00.
        let expected: [String: ClosedRange<Int64>] = ["600000": 1_800...2_200, "600001": 1_900...2_100, "300001": 1_600...2_400,
                                                      "688001": 1_600...2_400, "510300": 1_800...2_200]
        var simulator = MarketSimulator(instruments: universe(), seed: 7, shockChance: 0.002)
        var atLimitDown = 0
        for tick in simulator.ticks(100_000) {
            let range = expected[tick.code]
            #expect(range?.contains(tick.price.fen) == true, "\(tick.code) at \(tick.price.fen) fen")
            if tick.price.fen == range?.lowerBound { atLimitDown += 1 }
        }
        // Shocks (0.2% of ticks, ~200) drive instruments to limit-down.
        #expect(atLimitDown > 50)
    }

    @Test("the same seed gives the same ticks; another seed different ones")
    func deterministic() {
        var a = MarketSimulator(instruments: universe(), seed: 42)
        var b = MarketSimulator(instruments: universe(), seed: 42)
        var c = MarketSimulator(instruments: universe(), seed: 43)
        let ticksA = a.ticks(2_000), ticksB = b.ticks(2_000), ticksC = c.ticks(2_000)
        #expect(ticksA == ticksB)
        #expect(ticksA != ticksC)
    }

    @Test("volatility clusters: absolute returns are autocorrelated")
    func clustering() {
        // One instrument, so consecutive ticks are consecutive returns of the same price; no shocks, wide limits
        // (STAR ±20%, and the day closes every 50 ticks so the limit rarely cuts the series).
        let star = Fixture.instrument(code: "688001", board: .star, price: Money(yuan: 100), volatility: 0.8)
        var simulator = MarketSimulator(instruments: [star], seed: 11, shockChance: 0)
        var returns: [Double] = []
        for _ in 0..<400 {
            returns += simulator.ticks(50).map { abs($0.logReturn) }
            simulator.closeDay()
        }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let centred = returns.map { $0 - mean }
        let variance = centred.reduce(0) { $0 + $1 * $1 }
        let lag1 = zip(centred, centred.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        let autocorrelation = lag1 / variance
        // An i.i.d. series gives ~0 (± 2/√20000 ≈ 0.014); GARCH with α = 0.12, β = 0.85 gives clearly more.
        #expect(autocorrelation > 0.05, "lag-1 autocorrelation of |r| = \(autocorrelation)")
    }

    @Test("a shock takes an instrument to its limit-down price")
    func shock() {
        var simulator = MarketSimulator(instruments: [universe()[0]], seed: 3, shockChance: 1)
        let tick = simulator.ticks(1)[0]
        // ¥20.00 × 0.9 = ¥18.00
        #expect(tick.price == Money(yuan: 18))
        #expect(tick.dayChange == -0.1)
    }

    @Test("suspended instruments and instruments without a price never tick")
    func suspended() {
        let halted = Fixture.instrument(code: "600002", suspended: true, price: Money(yuan: 20))
        let unpriced = Fixture.instrument(code: "600003", price: .zero)
        var simulator = MarketSimulator(instruments: [halted, unpriced], seed: 1)
        #expect(simulator.ticks(10).isEmpty)
    }
}

@Suite("Sentiment index")
struct SentimentIndexTests {
    private func tick(_ code: String, from before: Int64, to after: Int64, close: Int64 = 2_000, limit: Double = 0.1,
                      volume: Int64 = 10_000) -> MarketTick {
        MarketTick(code: code, previousPrice: Money(fen: before), price: Money(fen: after), previousClose: Money(fen: close),
                   dailyLimit: limit, volume: volume)
    }

    @Test("all up: positive")
    func allUp() {
        // Ten instruments each +3% on the day (¥20.00 → ¥20.60), one small tick each.
        let ticks = (0..<10).map { tick("6000\($0)", from: 2_055, to: 2_060) }
        let index = SentimentIndex.value(ticks, referenceTurnover: Money(fen: 10 * 2_060 * 10_000))
        // B = 1, D = 0.3, T = 0.5: (0.5 + 0.15) × 0.875 = 0.569, minus a tiny volatility term (returns all equal: σ = 0).
        #expect(abs(index - 0.56875) < 1e-9)
    }

    @Test("a crash: below −0.6")
    func crash() {
        // Every instrument falls to limit-down (¥20.00 → ¥18.00) on heavy volume.
        let ticks = (0..<10).map { tick("6000\($0)", from: 1_900, to: 1_800, volume: 100_000) }
        let index = SentimentIndex.value(ticks, referenceTurnover: Money(fen: 10 * 1_800 * 10_000))
        // B = −1, D = −1, T = 1: −1 × 1.0 − 0 = −1.
        #expect(index < -0.6)
        #expect(index == -1)
    }

    @Test("flat: about zero")
    func flat() {
        let ticks = (0..<10).map { tick("6000\($0)", from: 2_000, to: 2_000) }
        #expect(SentimentIndex.value(ticks, referenceTurnover: Money(fen: 1_000_000)) == 0)
        #expect(SentimentIndex.value([], referenceTurnover: .zero) == 0)
    }

    @Test("turbulence alone is fear")
    func turbulence() {
        // Half up, half down on the day by the same amount, with ±5% tick swings: B = 0, D = 0, V = 1 → −0.2.
        let ticks = (0..<10).map { i in i % 2 == 0 ? tick("6000\(i)", from: 1_905, to: 2_100) : tick("6000\(i)", from: 2_095, to: 1_900) }
        let index = SentimentIndex.value(ticks, referenceTurnover: Money(fen: 1))
        #expect(abs(index - -0.2) < 1e-9)
    }
}
