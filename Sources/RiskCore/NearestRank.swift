/// Order statistics of measured samples by nearest rank: the `p`-percentile is the smallest sample with at least a
/// share `p` of the samples at or below it (so the p99 of fewer than 100 samples is the largest, never hidden by
/// interpolation). One rule for every figure riskdesk prints: the benchmark, the feed's profile, the audit append
/// benchmark and the search diagnostic.
public enum NearestRank {
    /// The `p`-percentile of `values` (`p` clamped to 0…1; 0.5 the median, 1 the largest); nil when empty or `p` is NaN.
    public static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty, !p.isNaN else { return nil }
        let sorted = values.sorted()
        let rank = Int((min(1, max(0, p)) * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }
}
