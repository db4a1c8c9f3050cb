import Foundation

/// Population Stability Index between a reference and a recent distribution: < 0.10 stable, 0.10–0.25 watch, > 0.25 critical.
public enum PSI {
    public enum Level: String, Sendable { case stable, watch, critical }

    public static func level(_ psi: Double) -> Level {
        psi < 0.10 ? .stable : (psi <= 0.25 ? .watch : .critical)
    }

    /// Σ (actual − expected) × ln(actual / expected) over bins given as shares; empty bins count as 0.0001.
    public static func index(expectedShares: [Double], actualShares: [Double]) -> Double {
        precondition(expectedShares.count == actualShares.count, "PSI needs the same bins on both sides")
        let eps = 0.0001
        return zip(expectedShares, actualShares).reduce(0) { sum, pair in
            let e = max(pair.0, eps), a = max(pair.1, eps)
            return sum + (a - e) * log(a / e)
        }
    }

    /// PSI of two samples of scores, binned at the reference sample's deciles (or `bins` quantiles).
    public static func index(expected: [Double], actual: [Double], bins: Int = 10) -> Double {
        guard !expected.isEmpty, !actual.isEmpty, bins > 1 else { return 0 }
        let sorted = expected.sorted()
        let edges = (1..<bins).map { sorted[min(sorted.count - 1, $0 * sorted.count / bins)] }
        func shares(_ sample: [Double]) -> [Double] {
            var counts = [Int](repeating: 0, count: bins)
            for v in sample {
                let bin = edges.firstIndex { v < $0 } ?? bins - 1
                counts[bin] += 1
            }
            return counts.map { Double($0) / Double(sample.count) }
        }
        return index(expectedShares: shares(expected), actualShares: shares(actual))
    }
}
