import Foundation
import RiskCore

/// What a timed run of the feed did and how fast: the totals, the wall time and each batch's time, for the benchmark
/// (`FeedDriver.run(batches:ticksPerBatch:from:interval:)`) and `riskdesk feed --profile`.
public struct FeedRunFigures: Sendable {
    public var totals: FeedTotals
    /// Wall seconds of the whole run (batches and timed checks).
    public var seconds: Double
    /// Each batch's seconds, from the start of its transaction to its commit, in order.
    public var batchSeconds: [Double]

    /// Ticks written per second of wall time.
    public var ticksPerSecond: Double { Double(totals.ticks) / max(seconds, 1e-9) }
    /// Accounts revalued per second of wall time.
    public var accountsPerSecond: Double { Double(totals.accountsRevalued) / max(seconds, 1e-9) }
    /// Alert-rule candidates weighed by the engine per second of wall time.
    public var alertsEvaluatedPerSecond: Double { Double(totals.alerts.evaluated) / max(seconds, 1e-9) }

    /// The `p`-quantile of the batch times in seconds (nearest rank; 0.5 the median, 1 the slowest); nil before a batch.
    public func batchSeconds(quantile p: Double) -> Double? {
        FeedProfile.quantile(batchSeconds, p)
    }
}

extension FeedProfile {
    /// The `p`-quantile of `values` by nearest rank; nil when empty.
    static func quantile(_ values: [Double], _ p: Double) -> Double? {
        p.isFinite ? NearestRank.percentile(values, p) : nil
    }

    /// The 99th-percentile batch time, nil before the first batch.
    public var p99Batch: Double? { Self.quantile(batches, 0.99) }
}

extension FeedDriver {
    /// Runs `batches` batches of `ticksPerBatch` ticks back to back, as fast as they go, stamping batch `n` at
    /// `start + n × interval` (simulated time, so the timed checks and `feed.refresh_seconds` behave as in a live run
    /// at that pace). For the benchmark's feed throughput; `riskdesk feed` paces batches on the wall clock instead.
    public mutating func run(batches: Int, ticksPerBatch: Int, from start: Date, interval: TimeInterval) throws(StoreError) -> FeedRunFigures {
        let before = profile.batches.count
        let totalsBefore = totals
        let clock = ContinuousClock.now
        for index in 0..<max(0, batches) {
            _ = try step(ticks: ticksPerBatch, at: start.addingTimeInterval(Double(index) * interval))
        }
        let seconds = FeedProfile.seconds(ContinuousClock.now - clock)
        var run = totals
        run.batches -= totalsBefore.batches
        run.ticks -= totalsBefore.ticks
        run.accountsRevalued -= totalsBefore.accountsRevalued
        run.alerts.evaluated -= totalsBefore.alerts.evaluated
        run.alerts.raised -= totalsBefore.alerts.raised
        run.alerts.updated -= totalsBefore.alerts.updated
        run.alerts.cleared -= totalsBefore.alerts.cleared
        run.transfers -= totalsBefore.transfers
        run.applications.created -= totalsBefore.applications.created
        run.applications.rejected -= totalsBefore.applications.rejected
        run.applications.straightThrough -= totalsBefore.applications.straightThrough
        run.applications.manualReview -= totalsBefore.applications.manualReview
        run.timerRuns -= totalsBefore.timerRuns
        return FeedRunFigures(totals: run, seconds: seconds, batchSeconds: Array(profile.batches[before...]))
    }
}
