import Foundation

/// The market sentiment index in [−1, 1], from breadth, turnover and volatility of a window of ticks.
///
/// For each instrument ticked in the window, its last tick gives its move since the previous close:
/// - breadth `B = (advancers − decliners) / (advancers + decliners)` (0 when none moved);
/// - depth `D` = mean of (move ÷ daily limit), clamped to [−1, 1]: a market at its limits, not just slightly red;
/// - turnover `T = min(1, turnover ÷ (reference turnover × 2))`: heavy trading confirms the direction;
/// - volatility `V = min(1, σ(tick log returns) ÷ reference σ)`: turbulence is fear.
///
/// `index = clamp((0.5·B + 0.5·D) × (0.75 + 0.25·T) − 0.2·V, −1, 1)`.
/// Flat ticks give 0; all up gives a positive index; everything at limit-down gives ≤ −0.75.
public enum SentimentIndex {
    /// What the index is computed from.
    public struct Inputs: Hashable, Sendable {
        public var advancers: Int
        public var decliners: Int
        public var meanLimitShare: Double
        public var turnover: Money
        public var returnVolatility: Double

        public init(advancers: Int, decliners: Int, meanLimitShare: Double, turnover: Money, returnVolatility: Double) {
            self.advancers = advancers
            self.decliners = decliners
            self.meanLimitShare = meanLimitShare
            self.turnover = turnover
            self.returnVolatility = returnVolatility
        }
    }

    /// The tick σ at which volatility counts fully (about 1% per tick, a very turbulent market).
    public static let referenceVolatility = 0.01

    /// Breadth, depth, turnover and volatility of `ticks`; each instrument counts once, by its last tick.
    public static func inputs(_ ticks: [MarketTick]) -> Inputs {
        var last: [String: MarketTick] = [:]
        var turnover = Money.zero
        var returns: [Double] = []
        returns.reserveCapacity(ticks.count)
        for tick in ticks {
            last[tick.code] = tick
            let (sum, overflow) = turnover.fen.addingReportingOverflow(tick.turnover.fen)
            turnover = Money(fen: overflow ? .max : sum)
            returns.append(tick.logReturn)
        }
        var advancers = 0, decliners = 0, depth = 0.0
        // In code order, so the same ticks give the same floating-point sum in every process.
        for code in last.keys.sorted() {
            guard let tick = last[code] else { continue }
            if tick.price > tick.previousClose { advancers += 1 } else if tick.price < tick.previousClose { decliners += 1 }
            if tick.dailyLimit > 0 { depth += max(-1, min(1, tick.dayChange / tick.dailyLimit)) }
        }
        let mean = returns.isEmpty ? 0 : returns.reduce(0, +) / Double(returns.count)
        let variance = returns.isEmpty ? 0 : returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count)
        return Inputs(advancers: advancers, decliners: decliners, meanLimitShare: last.isEmpty ? 0 : depth / Double(last.count),
                      turnover: turnover, returnVolatility: variance.squareRoot())
    }

    /// The index of `inputs` against a reference turnover (the usual turnover of a window of this size).
    public static func value(_ inputs: Inputs, referenceTurnover: Money) -> Double {
        let moved = inputs.advancers + inputs.decliners
        let breadth = moved == 0 ? 0 : Double(inputs.advancers - inputs.decliners) / Double(moved)
        let depth = max(-1, min(1, inputs.meanLimitShare.isFinite ? inputs.meanLimitShare : 0))
        let turnover = referenceTurnover.fen > 0 ? min(1, Double(inputs.turnover.fen) / (2 * Double(referenceTurnover.fen))) : 0
        let volatility = min(1, max(0, inputs.returnVolatility.isFinite ? inputs.returnVolatility : 0) / referenceVolatility)
        let index = (0.5 * breadth + 0.5 * depth) * (0.75 + 0.25 * turnover) - 0.2 * volatility
        return max(-1, min(1, index))
    }

    /// The index of a window of ticks.
    public static func value(_ ticks: [MarketTick], referenceTurnover: Money) -> Double {
        value(inputs(ticks), referenceTurnover: referenceTurnover)
    }
}
