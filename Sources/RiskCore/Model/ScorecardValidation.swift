import Foundation

/// The holdout figures of a card from its points and the outcomes: discrimination, calibration, the score
/// histogram and the ROC curve.
public enum ScorecardValidation {
    public struct Figures: Hashable, Sendable {
        public var auc: Double
        public var ks: Double
        public var ksScore: Int
        public var brier: Double
        public var calibration: [CalibrationRow]
        public var histogram: [ScoreBucket]
        public var roc: [ROCPoint]
    }

    /// Figures for `points` (one per row) against `bad`, PDs by `card`'s scaling. Needs a good and a bad.
    public static func figures(points: [Int], bad: [Bool], card: Scorecard, bucketWidth: Int = 20) -> Figures? {
        let risk = points.map { -Double($0) }
        guard let auc = ModelMetrics.auc(risk: risk, bad: bad), let ks = ModelMetrics.ks(risk: risk, bad: bad) else {
            return nil
        }
        let pd = points.map { card.probabilityOfDefault(points: $0) }
        let brier = zip(pd, bad).reduce(0.0) { $0 + pow($1.0 - ($1.1 ? 1 : 0), 2) } / Double(bad.count)
        return Figures(auc: auc, ks: ks.ks, ksScore: Int(-ks.atRisk), brier: brier,
                       calibration: calibration(points: points, pd: pd, bad: bad),
                       histogram: histogram(points: points, bad: bad, width: bucketWidth),
                       roc: roc(risk: risk, bad: bad))
    }

    /// Rows by decile of predicted PD, lowest risk first (ties in rank order, deciles as equal in size as rows allow).
    public static func calibration(points: [Int], pd: [Double], bad: [Bool], groups: Int = 10) -> [CalibrationRow] {
        let order = pd.indices.sorted { pd[$0] != pd[$1] ? pd[$0] < pd[$1] : $0 < $1 }
        let n = order.count
        return (0..<groups).compactMap { k in
            let slice = order[(k * n / groups)..<((k + 1) * n / groups)]
            guard !slice.isEmpty else { return nil }
            let bads = slice.filter { bad[$0] }.count
            let predicted = slice.reduce(0.0) { $0 + pd[$1] } / Double(slice.count)
            let scores = slice.map { points[$0] }
            return CalibrationRow(decile: k + 1, rows: slice.count, bads: bads, predictedBadRate: predicted,
                                  observedBadRate: Double(bads) / Double(slice.count),
                                  minScore: scores.min() ?? 0, maxScore: scores.max() ?? 0)
        }
    }

    /// Goods and bads per score bucket `lower..<lower+width`, lowest scores first, empty buckets between kept.
    public static func histogram(points: [Int], bad: [Bool], width: Int) -> [ScoreBucket] {
        guard let low = points.min(), let high = points.max(), width > 0 else { return [] }
        func floorTo(_ x: Int) -> Int { Int((Double(x) / Double(width)).rounded(.down)) * width }
        let first = floorTo(low), count = (floorTo(high) - first) / width + 1
        var buckets = (0..<count).map { ScoreBucket(lower: first + $0 * width, upper: first + ($0 + 1) * width,
                                                    goods: 0, bads: 0) }
        for (p, b) in zip(points, bad) {
            let k = (floorTo(p) - first) / width
            if b { buckets[k].bads += 1 } else { buckets[k].goods += 1 }
        }
        return buckets
    }

    /// The ROC curve from (0,0) to (1,1), one point per distinct risk (riskiest first), thinned to `maxPoints`.
    public static func roc(risk: [Double], bad: [Bool], maxPoints: Int = 101) -> [ROCPoint] {
        let bads = bad.filter { $0 }.count, goods = bad.count - bads
        guard bads > 0, goods > 0 else { return [] }
        let order = risk.indices.sorted { risk[$0] > risk[$1] }
        var curve = [ROCPoint(falsePositiveRate: 0, truePositiveRate: 0)]
        var tp = 0, fp = 0, i = 0
        while i < order.count {
            let value = risk[order[i]]
            while i < order.count && risk[order[i]] == value {
                if bad[order[i]] { tp += 1 } else { fp += 1 }
                i += 1
            }
            curve.append(ROCPoint(falsePositiveRate: Double(fp) / Double(goods),
                                  truePositiveRate: Double(tp) / Double(bads)))
        }
        guard curve.count > maxPoints, maxPoints > 1 else { return curve }
        return (0..<maxPoints).map { curve[Int((Double($0) * Double(curve.count - 1) / Double(maxPoints - 1)).rounded())] }
    }

    /// The training score deciles: 9 edges (the scores at the 10%…90% ranks) and the share of rows in each of the
    /// 10 bins `edge[k-1]..<edge[k]` (unbounded at both ends).
    public static func distribution(points: [Int]) -> ScoreDistribution? {
        guard !points.isEmpty else { return nil }
        let sorted = points.sorted()
        let edges = (1...9).map { sorted[$0 * sorted.count / 10] }
        var counts = [Int](repeating: 0, count: 10)
        for p in points { counts[edges.filter { $0 <= p }.count] += 1 }
        return ScoreDistribution(edges: edges, shares: counts.map { Double($0) / Double(points.count) })
    }
}
