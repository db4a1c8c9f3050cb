import Foundation

/// One price change of one instrument, on the fen grid and within its daily limit.
public struct MarketTick: Hashable, Sendable {
    public var code: String
    /// The price before this tick and after it.
    public var previousPrice: Money
    public var price: Money
    /// The day's reference price the daily limit is measured from.
    public var previousClose: Money
    /// The instrument's daily limit as a fraction (0.10 main board, 0.20 ChiNext/STAR, 0.05 ST).
    public var dailyLimit: Double
    /// Shares traded on this tick (for turnover).
    public var volume: Int64

    public init(code: String, previousPrice: Money, price: Money, previousClose: Money, dailyLimit: Double, volume: Int64) {
        self.code = code
        self.previousPrice = previousPrice
        self.price = price
        self.previousClose = previousClose
        self.dailyLimit = dailyLimit
        self.volume = volume
    }

    /// The log return of this tick (0 when a price is not positive).
    public var logReturn: Double {
        guard previousPrice.fen > 0, price.fen > 0 else { return 0 }
        return log(Double(price.fen) / Double(previousPrice.fen))
    }

    /// The move since the previous close as a fraction.
    public var dayChange: Double {
        guard previousClose.fen > 0 else { return 0 }
        return Double(price.fen - previousClose.fen) / Double(previousClose.fen)
    }

    /// What was traded on this tick: price × volume.
    public var turnover: Money { Money(fen: price.fen.multipliedReportingOverflow(by: volume).overflow ? .max : price.fen * volume) }
}

extension Instrument {
    /// The price at the daily upper limit, rounded to the fen as the exchanges do.
    public var limitUpPrice: Money { previousClose.scaled(by: 1 + dailyLimit) }
}

/// A deterministic price simulator: GARCH(1,1)-like volatility clusters, ticks on the fen grid that never leave each
/// board's daily limit around the previous close, and occasional limit-down shocks. A value with its own RNG state.
public struct MarketSimulator: Hashable, Sendable {
    /// How an instrument stands in the simulation.
    public struct Quote: Hashable, Sendable {
        public var code: String
        public var previousClose: Money
        public var lastPrice: Money
        public var dailyLimit: Double
        /// Conditional variance of the next tick's log return.
        public var variance: Double
        /// The long-run tick variance the GARCH recursion reverts to.
        public var baseVariance: Double

        public var limitDown: Money { previousClose.scaled(by: 1 - dailyLimit) }
        public var limitUp: Money { previousClose.scaled(by: 1 + dailyLimit) }
    }

    /// The GARCH(1,1) weights: σ²ₜ = ω + α·r²ₜ₋₁ + β·σ²ₜ₋₁, ω = base·(1 − α − β).
    public static let alpha = 0.12
    public static let beta = 0.85
    /// Ticks per instrument that make one trading day's volatility: the tick variance is the daily one divided by this.
    public static let ticksPerDay = 40.0

    public private(set) var quotes: [Quote]
    /// The chance per tick that the ticked instrument has a limit-down shock.
    public var shockChance: Double
    private var random: MarketRandom
    private let indexByCode: [String: Int]

    /// `instruments` with a positive previous close and price take part (others, suspended ones included, never tick).
    public init(instruments: [Instrument], seed: UInt64, shockChance: Double = 0.0005) {
        let live = instruments.filter { $0.previousClose.fen > 0 && $0.lastPrice.fen > 0 && !$0.isSuspended }
            .sorted { $0.code < $1.code }
        quotes = live.map { i in
            let daily = max(0.05, i.volatility) / (252.0).squareRoot()
            let base = daily * daily / Self.ticksPerDay
            let low = i.limitDownPrice, high = i.limitUpPrice
            return Quote(code: i.code, previousClose: i.previousClose, lastPrice: min(max(i.lastPrice, low), high),
                         dailyLimit: i.dailyLimit, variance: base, baseVariance: base)
        }
        indexByCode = Dictionary(uniqueKeysWithValues: quotes.enumerated().map { ($1.code, $0) })
        random = MarketRandom(seed: seed)
        self.shockChance = shockChance
    }

    public func quote(_ code: String) -> Quote? { indexByCode[code].map { quotes[$0] } }

    /// `count` ticks of instruments drawn at random (an instrument may tick more than once).
    public mutating func ticks(_ count: Int) -> [MarketTick] {
        guard !quotes.isEmpty, count > 0 else { return [] }
        var out: [MarketTick] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            out.append(tick(random.index(quotes.count)))
        }
        return out
    }

    /// One tick of the instrument at `index`.
    public mutating func tick(_ index: Int) -> MarketTick {
        var q = quotes[index]
        let before = q.lastPrice
        let low = q.limitDown, high = q.limitUp
        var price: Money
        if random.chance(shockChance) {
            // A shock: the stock is sold down to its lower limit, and its volatility jumps.
            price = low
            q.variance = min(q.variance * 25, q.dailyLimit * q.dailyLimit / 4)
        } else {
            let r = q.variance.squareRoot() * random.normal()
            let raw = (Double(before.fen) * exp(r)).rounded()
            let fen = raw.isFinite ? Int64(max(1, min(raw, Double(high.fen) * 2))) : before.fen
            price = Money(fen: fen)
        }
        price = min(max(price, low), high)
        if price.fen < 1 { price = Money(fen: 1) }
        let realized = before.fen > 0 ? log(Double(price.fen) / Double(before.fen)) : 0
        let omega = q.baseVariance * (1 - Self.alpha - Self.beta)
        q.variance = omega + Self.alpha * realized * realized + Self.beta * q.variance
        q.lastPrice = price
        quotes[index] = q
        // Volume grows with the size of the move: 100 to ~10,000 lots of 100 shares.
        let lots = 1 + Int64(min(99.0, abs(realized) / max(q.baseVariance.squareRoot(), 1e-9) * 10)) + Int64(random.int(0...20))
        return MarketTick(code: q.code, previousPrice: before, price: price, previousClose: q.previousClose,
                          dailyLimit: q.dailyLimit, volume: lots * 100)
    }

    /// A new trading day: every last price becomes the previous close, so the limits move with it.
    public mutating func closeDay() {
        for index in quotes.indices { quotes[index].previousClose = quotes[index].lastPrice }
    }
}
