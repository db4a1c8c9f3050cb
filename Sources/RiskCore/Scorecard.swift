import Foundation

/// What the scorecard reads about an applicant.
public struct ScoreInput: Hashable, Sendable {
    public var tenureMonths: Int
    public var largestPositionShare: Double
    public var marginCallsLast12Months: Int
    public var maxDaysPastDue: Int
    public var requestedLeverage: Leverage
    public var annualTurnover: Double
    public var averageHoldingDays: Int
    /// Requested line divided by securities assets.
    public var lineToAssets: Double
    public var suitability: Suitability

    public init(tenureMonths: Int, largestPositionShare: Double, marginCallsLast12Months: Int,
                maxDaysPastDue: Int, requestedLeverage: Leverage, annualTurnover: Double,
                averageHoldingDays: Int, lineToAssets: Double, suitability: Suitability) {
        self.tenureMonths = tenureMonths
        self.largestPositionShare = largestPositionShare
        self.marginCallsLast12Months = marginCallsLast12Months
        self.maxDaysPastDue = maxDaysPastDue
        self.requestedLeverage = requestedLeverage
        self.annualTurnover = annualTurnover
        self.averageHoldingDays = averageHoldingDays
        self.lineToAssets = lineToAssets
        self.suitability = suitability
    }

    /// The input for an application by a customer.
    public init(customer: Customer, application: Application) {
        let assets = max(customer.securitiesAssets.fen, 1)
        self.init(tenureMonths: customer.tenureMonths,
                  largestPositionShare: customer.behaviour.largestPositionShare,
                  marginCallsLast12Months: customer.behaviour.marginCallsLast12Months,
                  maxDaysPastDue: customer.behaviour.maxDaysPastDue,
                  requestedLeverage: application.requestedLeverage,
                  annualTurnover: customer.behaviour.annualTurnover,
                  averageHoldingDays: customer.behaviour.averageHoldingDays,
                  lineToAssets: Double(application.requestedLine.fen) / Double(assets),
                  suitability: customer.suitability)
    }
}

/// One bin of a characteristic: values in `lower..<upper` score `points`.
public struct ScoreBin: Hashable, Sendable {
    public var lower: Double
    public var upper: Double
    public var points: Int
    /// Label of the bin, e.g. "24–60 months".
    public var label: String
}

/// A binned characteristic of the scorecard and the words used when it costs the applicant points.
public struct Characteristic: Sendable {
    public var code: String
    public var name: String
    public var bins: [ScoreBin]
    public var value: @Sendable (ScoreInput) -> Double
    /// Says, for a person, why this value costs points: "largest position is 62% of the portfolio".
    public var explain: @Sendable (ScoreInput) -> String

    public var bestPoints: Int { bins.map(\.points).max() ?? 0 }

    public func bin(for input: ScoreInput) -> ScoreBin? {
        let v = value(input)
        return bins.first { v >= $0.lower && v < $0.upper }
    }
}

/// A reason an applicant scored lower: the characteristic and the points lost against its best bin.
public struct ScoreReason: Hashable, Sendable {
    public var code: String
    public var text: String
    public var pointsLost: Int
}

/// A scored application: points, probability of default, grade and the top reasons.
public struct ScoreResult: Hashable, Sendable {
    public var points: Int
    public var probabilityOfDefault: Double
    public var grade: Grade
    public var reasons: [ScoreReason]
    /// Points per characteristic code, for the breakdown view.
    public var contributions: [String: Int]
}

/// A points-based logistic scorecard: 600 points at odds of 50:1 good:bad, 20 points to double the odds.
public struct Scorecard: Sendable {
    public var version: String
    public var basePoints: Int
    public var characteristics: [Characteristic]
    public var anchorPoints: Double = 600
    public var anchorOdds: Double = 50
    public var pointsToDoubleOdds: Double = 20

    /// factor = PDO / ln 2 ≈ 28.85.
    public var factor: Double { pointsToDoubleOdds / log(2) }
    /// offset = 600 − factor × ln 50 ≈ 487.12.
    public var offset: Double { anchorPoints - factor * log(anchorOdds) }

    /// The probability of default implied by a score: odds = e^((score − offset)/factor), PD = 1/(1+odds).
    public func probabilityOfDefault(points: Int) -> Double {
        let odds = exp((Double(points) - offset) / factor)
        return 1 / (1 + odds)
    }

    /// The score implied by a PD (inverse of `probabilityOfDefault`), rounded to whole points.
    public func points(forProbabilityOfDefault pd: Double) -> Int {
        Int((offset + factor * log((1 - pd) / pd)).rounded())
    }

    public func score(_ input: ScoreInput) -> ScoreResult {
        var total = basePoints
        var contributions: [String: Int] = [:]
        var reasons: [ScoreReason] = []
        for characteristic in characteristics {
            let points = characteristic.bin(for: input)?.points ?? 0
            total += points
            contributions[characteristic.code] = points
            let lost = characteristic.bestPoints - points
            if lost > 0 {
                reasons.append(ScoreReason(code: characteristic.code, text: characteristic.explain(input), pointsLost: lost))
            }
        }
        reasons.sort { $0.pointsLost != $1.pointsLost ? $0.pointsLost > $1.pointsLost : $0.code < $1.code }
        let pd = probabilityOfDefault(points: total)
        return ScoreResult(points: total, probabilityOfDefault: pd, grade: Grade(probabilityOfDefault: pd),
                           reasons: Array(reasons.prefix(4)), contributions: contributions)
    }
}
