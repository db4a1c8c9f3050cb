import Foundation

/// A loan from the book's history: the applicant's characteristics as they were when the loan was applied for,
/// and its outcomes where they have matured (nil while the window is still open at the history's date).
public struct HistoricalLoan: Hashable, Sendable {
    public var id: String
    public var appliedAt: Date
    public var input: ScoreInput
    /// Average holding period was unknown (a client too new to have traded): the feature is missing.
    public var holdingUnknown: Bool
    public var defaulted12m: Bool?
    public var marginCall30d: Bool?

    public init(id: String, appliedAt: Date, input: ScoreInput, holdingUnknown: Bool, defaulted12m: Bool?,
                marginCall30d: Bool?) {
        self.id = id
        self.appliedAt = appliedAt
        self.input = input
        self.holdingUnknown = holdingUnknown
        self.defaulted12m = defaulted12m
        self.marginCall30d = marginCall30d
    }

    /// The features as recorded at application (average holding period missing where unknown).
    public var features: [String: FeatureValue] {
        var f = input.features
        if holdingUnknown { f[FeatureCatalog.averageHoldingDays] = nil }
        return f
    }
}

/// The data-generating process of the sample's loan history. Characteristics are drawn independently, each from the
/// distribution the sample's own applicants have (leverage about 1.41× ± 0.17 under today's 100% ratio, line to assets
/// log-normal around 0.4, the largest position's share as the customer generator draws it), so a card trained on the
/// history meets a stable population on the desk; each outcome is a Bernoulli draw whose log-odds are the documented functions below, so a test knows the true effects
/// a trained card should recover:
///
/// default within 12 months, log-odds =
///   −2.6 + 0.30·min(margin calls, 4) + 0.45·[1 ≤ max DPD ≤ 30] + 0.90·[max DPD ≥ 31] + 1.6·(largest share − 0.35)
///   + 2.0·(leverage − 1.45) + 0.8·(line to assets − 0.45) − 0.35·ln(1 + tenure months / 12)
///   − 0.15·ln(holding days / 25) (+0.35 instead where the holding period is unknown) − 0.12·(suitability − 3)
///   + 0.70·[channel = partner] (clients introduced by partner brokers default more)
/// margin call within 30 days of activation, log-odds =
///   −2.3 + 3.0·(leverage − 1.45) + 2.2·(largest share − 0.35) + 0.25·ln(turnover / 6) + 1.0·(line to assets − 0.45)
///   − 0.10·(suitability − 3)
///
/// Annual turnover has no effect on default and the channel none on a margin call: a trainer should give them an
/// information value near zero. The hand-written default card (`Scorecard.standard`) weighs turnover, which does not
/// matter, and ignores the channel, which does, so a card trained on this history should rank better than it.
public enum LoanHistoryProcess {
    /// Draws `count` loans applied for uniformly over the `years` before `asOf`, with outcomes matured by `asOf`:
    /// default within 12 months is known for loans applied at least 365 days before, a margin call within 30 days for
    /// loans applied at least 30 days before.
    public static func draw(count: Int, seed: UInt64, asOf: Date, years: Double = 4,
                            idPrefix: String = "H") -> [HistoricalLoan] {
        var random = MarketRandom(seed: seed ^ 0x4C4F_414E_4849_5354)
        let day = 86_400.0
        var loans: [HistoricalLoan] = []
        loans.reserveCapacity(max(0, count))
        for n in 0..<max(0, count) {
            let applied = asOf.addingTimeInterval(-(1 + random.unit() * (years * 365 - 1)) * day)
            let tenureRoll = random.unit()
            let tenure = tenureRoll < 0.10 ? random.int(1...5) : tenureRoll < 0.40 ? random.int(6...23)
                : tenureRoll < 0.75 ? random.int(24...59) : random.int(60...180)
            let share = ((0.08 + random.unit() * random.unit() * 0.8) * 100).rounded() / 100
            let callsRoll = random.unit()
            let calls = callsRoll < 0.70 ? 0 : callsRoll < 0.85 ? 1 : callsRoll < 0.93 ? 2 : callsRoll < 0.97 ? 3 : 5
            let dpdRoll = random.unit()
            let dpd = dpdRoll < 0.88 ? 0 : dpdRoll < 0.97 ? random.int(1...30) : random.int(31...90)
            let leverage = Leverage(min(2.5, max(1.0, 1.41 + 0.17 * random.normal())))
            let turnover = (exp(log(6) + 0.9 * random.normal()) * 10).rounded() / 10
            let holding = max(1, Int(exp(log(25) + 0.9 * random.normal()).rounded()))
            let lineToAssets = (min(3, max(0.02, exp(log(0.4) + 0.5 * random.normal()))) * 100).rounded() / 100
            let suitRoll = random.unit()
            let suitability: Suitability = suitRoll < 0.02 ? .c1 : suitRoll < 0.08 ? .c2 : suitRoll < 0.58 ? .c3
                : suitRoll < 0.88 ? .c4 : .c5
            let channelRoll = random.unit()
            let channel: Channel = channelRoll < 0.6 ? .online : channelRoll < 0.85 ? .branch : .partner
            let input = ScoreInput(tenureMonths: tenure, largestPositionShare: share, marginCallsLast12Months: calls,
                                   maxDaysPastDue: dpd, requestedLeverage: leverage, annualTurnover: turnover,
                                   averageHoldingDays: holding, lineToAssets: lineToAssets, suitability: suitability,
                                   channel: channel)
            let unknownHolding = tenure < 2
            // Both outcome draws are made for every loan, matured or not, so maturity does not shift the stream.
            let defaultDraw = random.unit(), callDraw = random.unit()
            let age = asOf.timeIntervalSince(applied) / day
            loans.append(HistoricalLoan(
                id: idPrefix + String(format: "%07d", n + 1), appliedAt: applied, input: input,
                holdingUnknown: unknownHolding,
                defaulted12m: age >= 365 ? defaultDraw < probability(defaultLogOdds(input, holdingUnknown: unknownHolding)) : nil,
                marginCall30d: age >= 30 ? callDraw < probability(marginCallLogOdds(input)) : nil))
        }
        return loans
    }

    public static func probability(_ logOdds: Double) -> Double { 1 / (1 + exp(-logOdds)) }

    /// The true log-odds of a default within 12 months (see the type's documentation).
    public static func defaultLogOdds(_ x: ScoreInput, holdingUnknown: Bool) -> Double {
        let dpd = x.maxDaysPastDue
        return -2.6
            + 0.30 * Double(min(x.marginCallsLast12Months, 4))
            + (dpd >= 31 ? 0.90 : dpd >= 1 ? 0.45 : 0)
            + 1.6 * (x.largestPositionShare - 0.35)
            + 2.0 * (x.requestedLeverage.value - 1.45)
            + 0.8 * (x.lineToAssets - 0.45)
            - 0.35 * log(1 + Double(x.tenureMonths) / 12)
            + (holdingUnknown ? 0.35 : -0.15 * log(Double(max(1, x.averageHoldingDays)) / 25))
            - 0.12 * Double(x.suitability.rawValue - 3)
            + (x.channel == .partner ? 0.70 : 0)
    }

    /// The true log-odds of a margin call within 30 days of activation (see the type's documentation).
    public static func marginCallLogOdds(_ x: ScoreInput) -> Double {
        -2.3
            + 3.0 * (x.requestedLeverage.value - 1.45)
            + 2.2 * (x.largestPositionShare - 0.35)
            + 0.25 * log(max(0.1, x.annualTurnover) / 6)
            + 1.0 * (x.lineToAssets - 0.45)
            - 0.10 * Double(x.suitability.rawValue - 3)
    }
}
