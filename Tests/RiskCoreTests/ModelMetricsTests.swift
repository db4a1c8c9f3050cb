import Foundation
import Testing
@testable import RiskCore

@Suite("AUC, KS and the validation figures")
struct ModelMetricsTests {
    // Risk 0.9 0.8 0.7 0.6 0.5 0.4 with bads at 0.9 and 0.7: of the 2 × 4 bad–good pairs the bad is riskier in
    // 4 (0.9) + 3 (0.7 over 0.6, 0.5, 0.4) = 7 → AUC 7/8 = 0.875.
    let risk = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    let bad = [true, false, true, false, false, false]

    @Test("AUC of a known list is 0.875; ties count half; a perfect and an inverted ranking give 1 and 0")
    func auc() {
        #expect(ModelMetrics.auc(risk: risk, bad: bad) == 0.875)
        #expect(ModelMetrics.auc(risk: [0.5, 0.5], bad: [true, false]) == 0.5)
        #expect(ModelMetrics.auc(risk: [3, 2, 1], bad: [true, false, false]) == 1)
        #expect(ModelMetrics.auc(risk: [1, 2, 3], bad: [true, false, false]) == 0)
        #expect(ModelMetrics.auc(risk: [1, 2], bad: [false, false]) == nil)
    }

    @Test("KS of a known list is 0.75 at risk 0.7")
    func ks() throws {
        // Riskiest first: 0.9 bad (1/2 − 0), 0.8 good (1/2 − 1/4), 0.7 bad (1 − 1/4 = 0.75), then the gap closes.
        let result = try #require(ModelMetrics.ks(risk: risk, bad: bad))
        #expect(result.ks == 0.75)
        #expect(result.atRisk == 0.7)
    }

    @Test("ROC runs (0,0) → (1,1) through each distinct risk, and thins to 101 points")
    func roc() {
        let curve = ScorecardValidation.roc(risk: risk, bad: bad)
        #expect(curve.count == 7)
        #expect(curve[1] == ROCPoint(falsePositiveRate: 0, truePositiveRate: 0.5))
        #expect(curve[3] == ROCPoint(falsePositiveRate: 0.25, truePositiveRate: 1))
        #expect(curve.last == ROCPoint(falsePositiveRate: 1, truePositiveRate: 1))
        let many = (0..<1000).map { Double($0) }
        let thinned = ScorecardValidation.roc(risk: many, bad: many.map { Int($0) % 3 == 0 })
        #expect(thinned.count == 101)
        #expect(thinned.first == ROCPoint(falsePositiveRate: 0, truePositiveRate: 0))
        #expect(thinned.last == ROCPoint(falsePositiveRate: 1, truePositiveRate: 1))
    }

    @Test("histogram in 20-point buckets and deciles of the training scores")
    func histogramAndDeciles() throws {
        let buckets = ScorecardValidation.histogram(points: [555, 561, 579, 600, 641], bad: [true, false, false, true, false],
                                                    width: 20)
        #expect(buckets.map(\.lower) == [540, 560, 580, 600, 620, 640])
        #expect(buckets.map(\.goods) == [0, 2, 0, 0, 0, 1])
        #expect(buckets.map(\.bads) == [1, 0, 0, 1, 0, 0])
        let distribution = try #require(ScorecardValidation.distribution(points: Array(1...100)))
        #expect(distribution.edges == [11, 21, 31, 41, 51, 61, 71, 81, 91])
        #expect(distribution.shares == [Double](repeating: 0.1, count: 10))
    }

    @Test("calibration: ten deciles of predicted PD, lowest risk first, with observed rates")
    func calibration() {
        let points = Array(501...600)
        let pd = points.map { Scorecard.standard.probabilityOfDefault(points: $0) }
        let bad = points.map { $0 <= 510 }
        let rows = ScorecardValidation.calibration(points: points, pd: pd, bad: bad)
        #expect(rows.count == 10)
        #expect(rows.map(\.rows) == [Int](repeating: 10, count: 10))
        #expect(rows[0].minScore == 591 && rows[0].maxScore == 600)
        #expect(rows[9].observedBadRate == 1)
        #expect(rows[0].observedBadRate == 0)
        #expect(rows[0].predictedBadRate < rows[9].predictedBadRate)
    }
}
