import Foundation

/// The validation of a trained card, computed on the holdout rows (and the training rows where named): what
/// `riskdesk model report` prints and the console's report view draws. Stored beside the card.
public struct ValidationReport: Hashable, Sendable, Codable {
    public var version: String
    public var target: ModelTarget
    public var options: TrainingOptions
    public var trainingRows: Int
    public var trainingBads: Int
    public var holdoutRows: Int
    public var holdoutBads: Int
    /// Discrimination on the holdout (AUC, KS, Gini = 2·AUC − 1) and on the training rows (AUC).
    public var auc: Double
    public var ks: Double
    /// The score at which the KS distance is reached.
    public var ksScore: Int
    public var gini: Double
    public var trainingAUC: Double
    /// Mean squared error of the predicted PD against the 0/1 outcome on the holdout.
    public var brier: Double
    /// Holdout rows by decile of predicted PD (lowest risk first): predicted and observed bad rates.
    public var calibration: [CalibrationRow]
    /// Every characteristic considered, by information value, with its bins (selected or not).
    public var characteristics: [CharacteristicReport]
    /// Holdout score histogram.
    public var scoreDistribution: [ScoreBucket]
    /// The ROC curve on the holdout: false-positive rate against true-positive rate, from (0,0) to (1,1).
    public var roc: [ROCPoint]
    /// The same holdout scored by another card (the hand-written default for the desk's targets), to compare.
    public var benchmark: BenchmarkResult?
    public var trainingSeconds: Double

    public init(version: String, target: ModelTarget, options: TrainingOptions, trainingRows: Int, trainingBads: Int,
                holdoutRows: Int, holdoutBads: Int, auc: Double, ks: Double, ksScore: Int, gini: Double,
                trainingAUC: Double, brier: Double, calibration: [CalibrationRow],
                characteristics: [CharacteristicReport], scoreDistribution: [ScoreBucket], roc: [ROCPoint],
                benchmark: BenchmarkResult?, trainingSeconds: Double) {
        self.version = version
        self.target = target
        self.options = options
        self.trainingRows = trainingRows
        self.trainingBads = trainingBads
        self.holdoutRows = holdoutRows
        self.holdoutBads = holdoutBads
        self.auc = auc
        self.ks = ks
        self.ksScore = ksScore
        self.gini = gini
        self.trainingAUC = trainingAUC
        self.brier = brier
        self.calibration = calibration
        self.characteristics = characteristics
        self.scoreDistribution = scoreDistribution
        self.roc = roc
        self.benchmark = benchmark
        self.trainingSeconds = trainingSeconds
    }
}

/// How a card was trained.
public struct TrainingOptions: Hashable, Sendable, Codable {
    /// Share of rows held out for validation, stratified by outcome.
    public var holdout: Double
    public var seed: UInt64
    /// L2 penalty λ on the coefficients (not the intercept); 0 = plain maximum likelihood.
    public var l2: Double
    /// Characteristics with an information value below this are not selected.
    public var minimumIV: Double
    /// Fine classes (quantiles) before coarse classing.
    public var fineClasses: Int
    /// Each coarse bin holds at least this share of the training rows.
    public var minimumBinShare: Double
    /// Columns not to use.
    public var excluded: [String]

    public init(holdout: Double = 0.3, seed: UInt64 = 42, l2: Double = 0, minimumIV: Double = 0.02,
                fineClasses: Int = 20, minimumBinShare: Double = 0.05, excluded: [String] = []) {
        self.holdout = holdout
        self.seed = seed
        self.l2 = l2
        self.minimumIV = minimumIV
        self.fineClasses = fineClasses
        self.minimumBinShare = minimumBinShare
        self.excluded = excluded
    }
}

public struct CalibrationRow: Hashable, Sendable, Codable {
    public var decile: Int
    public var rows: Int
    public var bads: Int
    public var predictedBadRate: Double
    public var observedBadRate: Double
    public var minScore: Int
    public var maxScore: Int

    public init(decile: Int, rows: Int, bads: Int, predictedBadRate: Double, observedBadRate: Double, minScore: Int,
                maxScore: Int) {
        self.decile = decile
        self.rows = rows
        self.bads = bads
        self.predictedBadRate = predictedBadRate
        self.observedBadRate = observedBadRate
        self.minScore = minScore
        self.maxScore = maxScore
    }
}

public struct BinReport: Hashable, Sendable, Codable {
    public var label: String
    public var count: Int
    public var bads: Int
    public var woe: Double
    public var points: Int?

    public init(label: String, count: Int, bads: Int, woe: Double, points: Int?) {
        self.label = label
        self.count = count
        self.bads = bads
        self.woe = woe
        self.points = points
    }

    public var badRate: Double { count == 0 ? 0 : Double(bads) / Double(count) }
}

public struct CharacteristicReport: Hashable, Sendable, Codable {
    public var feature: String
    public var name: String
    public var kind: CharacteristicKind
    public var informationValue: Double
    public var selected: Bool
    /// Why it was left out, for a person ("IV 0.004 below 0.02", "all values missing"); nil when selected.
    public var note: String?
    public var coefficient: Double?
    public var bins: [BinReport]

    public init(feature: String, name: String, kind: CharacteristicKind, informationValue: Double, selected: Bool,
                note: String?, coefficient: Double?, bins: [BinReport]) {
        self.feature = feature
        self.name = name
        self.kind = kind
        self.informationValue = informationValue
        self.selected = selected
        self.note = note
        self.coefficient = coefficient
        self.bins = bins
    }
}

public struct ScoreBucket: Hashable, Sendable, Codable {
    /// Scores in `lower..<upper`.
    public var lower: Int
    public var upper: Int
    public var goods: Int
    public var bads: Int

    public init(lower: Int, upper: Int, goods: Int, bads: Int) {
        self.lower = lower
        self.upper = upper
        self.goods = goods
        self.bads = bads
    }
}

public struct ROCPoint: Hashable, Sendable, Codable {
    public var falsePositiveRate: Double
    public var truePositiveRate: Double

    public init(falsePositiveRate: Double, truePositiveRate: Double) {
        self.falsePositiveRate = falsePositiveRate
        self.truePositiveRate = truePositiveRate
    }
}

public struct BenchmarkResult: Hashable, Sendable, Codable {
    public var version: String
    public var auc: Double
    public var ks: Double

    public init(version: String, auc: Double, ks: Double) {
        self.version = version
        self.auc = auc
        self.ks = ks
    }
}
