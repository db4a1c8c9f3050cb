import Foundation

/// A value of one characteristic: a number (tenure, a share, a count) or a category (a channel, a board).
/// A missing value is the absence of an entry in the feature dictionary.
public enum FeatureValue: Hashable, Sendable, Codable {
    case number(Double)
    case category(String)

    public var number: Double? { if case .number(let v) = self { v } else { nil } }
    public var text: String {
        switch self {
        case .number(let v): v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.4g", v)
        case .category(let c): c
        }
    }
}

/// Which values fall in a bin: a numeric interval closed below and open above (`nil` = unbounded), a group of
/// categories, or the missing value.
public enum BinMatch: Hashable, Sendable, Codable {
    case interval(lower: Double?, upper: Double?)
    case categories([String])
    case missing

    public func contains(_ value: FeatureValue?) -> Bool {
        switch (self, value) {
        case (.missing, nil): return true
        case (.interval(let lower, let upper), .number(let v)?):
            return (lower.map { v >= $0 } ?? true) && (upper.map { v < $0 } ?? true)
        case (.categories(let set), .category(let c)?): return set.contains(c)
        default: return false
        }
    }
}

/// One bin of a characteristic: which values it holds, its weight of evidence ln(%good / %bad) in training (nil on a
/// hand-written card), the points it scores, and the training rows and bads that fell in it.
public struct ScoreBin: Hashable, Sendable, Codable {
    public var label: String
    public var match: BinMatch
    public var woe: Double?
    public var points: Int
    public var count: Int?
    public var bads: Int?

    public init(label: String, match: BinMatch, woe: Double? = nil, points: Int, count: Int? = nil, bads: Int? = nil) {
        self.label = label
        self.match = match
        self.woe = woe
        self.points = points
        self.count = count
        self.bads = bads
    }

    /// A numeric bin `lower..<upper` (infinite bounds mean unbounded), as the hand-written card writes them.
    public init(lower: Double, upper: Double, points: Int, label: String) {
        self.init(label: label, match: .interval(lower: lower.isFinite ? lower : nil, upper: upper.isFinite ? upper : nil),
                  points: points)
    }
}

/// Whether a characteristic is read as a number (bins are intervals, WOE monotone) or as a category.
public enum CharacteristicKind: String, Hashable, Sendable, Codable { case numeric, categorical }

/// A binned characteristic of a card: the feature it reads, its short reason code, the logistic coefficient on its
/// WOE (nil on a hand-written card) and its bins.
public struct Characteristic: Hashable, Sendable, Codable {
    /// Short code used in reason codes and breakdowns, e.g. "TENURE".
    public var code: String
    /// The feature read, e.g. "tenure_months" (see `FeatureCatalog`); a CSV-trained card names its column.
    public var feature: String
    public var name: String
    public var kind: CharacteristicKind
    public var coefficient: Double?
    public var bins: [ScoreBin]

    public init(code: String, feature: String, name: String, kind: CharacteristicKind, coefficient: Double? = nil,
                bins: [ScoreBin]) {
        self.code = code
        self.feature = feature
        self.name = name
        self.kind = kind
        self.coefficient = coefficient
        self.bins = bins
    }

    public var bestPoints: Int { bins.map(\.points).max() ?? 0 }

    /// The bin a value falls in. A value no bin holds (a category unseen in training, a missing value on a card
    /// without a missing bin) takes the lowest-scoring bin: an unknown never earns points.
    public func bin(for value: FeatureValue?) -> ScoreBin? {
        bins.first { $0.match.contains(value) } ?? bins.min { $0.points < $1.points }
    }
}

/// 600 points at odds of 50:1 good:bad, 20 points to double the odds, unless a card says otherwise.
public struct ScorecardScaling: Hashable, Sendable, Codable {
    public var anchorPoints: Double
    public var anchorOdds: Double
    public var pointsToDoubleOdds: Double

    public init(anchorPoints: Double = 600, anchorOdds: Double = 50, pointsToDoubleOdds: Double = 20) {
        self.anchorPoints = anchorPoints
        self.anchorOdds = anchorOdds
        self.pointsToDoubleOdds = pointsToDoubleOdds
    }

    public static let standard = ScorecardScaling()

    /// factor = PDO / ln 2 ≈ 28.85.
    public var factor: Double { pointsToDoubleOdds / log(2) }
    /// offset = 600 − factor × ln 50 ≈ 487.12.
    public var offset: Double { anchorPoints - factor * log(anchorOdds) }
}

/// What a card predicts: a code (`default_12m`, `margin_call_30d`, or `COLUMN=VALUE` for a CSV-trained card) and
/// its words.
public struct ModelTarget: Hashable, Sendable, Codable {
    public var code: String
    public var description: String

    public init(code: String, description: String) {
        self.code = code
        self.description = description
    }

    public static let default12m = ModelTarget(code: "default_12m", description: "default within 12 months of the loan")
    public static let marginCall30d = ModelTarget(code: "margin_call_30d",
                                                  description: "a margin call within 30 days of activation")
    /// The targets the desk scores live applications for.
    public static let desk = [default12m, marginCall30d]

    public static func desk(code: String) -> ModelTarget? { desk.first { $0.code == code } }
}

/// The training window: the applications a card learned from, by application date.
public struct TrainingWindow: Hashable, Sendable, Codable {
    public var from: Date
    public var to: Date
    public var rows: Int
    public var bads: Int

    public init(from: Date, to: Date, rows: Int, bads: Int) {
        self.from = from
        self.to = to
        self.rows = rows
        self.bads = bads
    }
}

/// The training score distribution PSI compares recent scores against: the score deciles of the training rows as
/// bin edges (9 edges, 10 bins, each closed below) and the share of training rows in each bin.
public struct ScoreDistribution: Hashable, Sendable, Codable {
    public var edges: [Int]
    public var shares: [Double]

    public init(edges: [Int], shares: [Double]) {
        self.edges = edges
        self.shares = shares
    }
}

/// A points-based logistic scorecard as data: characteristics and bins with WOE and points, the intercept, the
/// scaling, the target, the training window and the training score distribution. Its version is a content hash
/// (`Scorecard.contentVersion`) unless it is the hand-written default.
public struct Scorecard: Hashable, Sendable, Codable {
    public var version: String
    public var description: String
    public var target: ModelTarget
    public var scaling: ScorecardScaling
    /// The logistic intercept β0 on the log-odds of a bad (nil on a hand-written card).
    public var intercept: Double?
    public var basePoints: Int
    public var characteristics: [Characteristic]
    public var trainedAt: Date?
    public var window: TrainingWindow?
    public var trainingDistribution: ScoreDistribution?

    public init(version: String, description: String = "", target: ModelTarget = .default12m,
                scaling: ScorecardScaling = .standard, intercept: Double? = nil, basePoints: Int,
                characteristics: [Characteristic], trainedAt: Date? = nil, window: TrainingWindow? = nil,
                trainingDistribution: ScoreDistribution? = nil) {
        self.version = version
        self.description = description
        self.target = target
        self.scaling = scaling
        self.intercept = intercept
        self.basePoints = basePoints
        self.characteristics = characteristics
        self.trainedAt = trainedAt
        self.window = window
        self.trainingDistribution = trainingDistribution
    }

    public var factor: Double { scaling.factor }
    public var offset: Double { scaling.offset }

    /// The probability of a bad implied by a score: odds = e^((score − offset)/factor), PD = 1/(1+odds).
    public func probabilityOfDefault(points: Int) -> Double {
        let odds = exp((Double(points) - offset) / factor)
        return 1 / (1 + odds)
    }

    /// The score implied by a PD (inverse of `probabilityOfDefault`), rounded to whole points.
    public func points(forProbabilityOfDefault pd: Double) -> Int {
        Int((offset + factor * log((1 - pd) / pd)).rounded())
    }

    /// The features the card reads.
    public var features: [String] { characteristics.map(\.feature) }

    /// Scores a feature vector: points, PD, grade, up to four reasons ranked by points lost against each
    /// characteristic's best bin (ties by code), in the words of `FeatureCatalog`.
    public func score(features: [String: FeatureValue]) -> ScoreResult {
        var total = basePoints
        var contributions: [String: Int] = [:]
        var reasons: [ScoreReason] = []
        for characteristic in characteristics {
            let value = features[characteristic.feature]
            let bin = characteristic.bin(for: value)
            let points = bin?.points ?? 0
            total += points
            contributions[characteristic.code] = points
            let lost = characteristic.bestPoints - points
            if lost > 0 {
                reasons.append(ScoreReason(code: characteristic.code,
                                           text: FeatureCatalog.explain(characteristic, value: value, bin: bin),
                                           pointsLost: lost))
            }
        }
        reasons.sort { $0.pointsLost != $1.pointsLost ? $0.pointsLost > $1.pointsLost : $0.code < $1.code }
        let pd = probabilityOfDefault(points: total)
        return ScoreResult(points: total, probabilityOfDefault: pd, grade: Grade(probabilityOfDefault: pd),
                           reasons: Array(reasons.prefix(4)), contributions: contributions)
    }

    public func score(_ input: ScoreInput) -> ScoreResult { score(features: input.features) }
}

/// A reason an applicant scored lower: the characteristic and the points lost against its best bin.
public struct ScoreReason: Hashable, Sendable, Codable {
    public var code: String
    public var text: String
    public var pointsLost: Int

    public init(code: String, text: String, pointsLost: Int) {
        self.code = code
        self.text = text
        self.pointsLost = pointsLost
    }
}

/// A scored application: points, probability of default, grade and the top reasons.
public struct ScoreResult: Hashable, Sendable, Codable {
    public var points: Int
    public var probabilityOfDefault: Double
    public var grade: Grade
    public var reasons: [ScoreReason]
    /// Points per characteristic code, for the breakdown view.
    public var contributions: [String: Int]

    public init(points: Int, probabilityOfDefault: Double, grade: Grade, reasons: [ScoreReason],
                contributions: [String: Int]) {
        self.points = points
        self.probabilityOfDefault = probabilityOfDefault
        self.grade = grade
        self.reasons = reasons
        self.contributions = contributions
    }
}
