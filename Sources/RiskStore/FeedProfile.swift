import Foundation

/// Where a feed run's time went: the wall time of each phase of `apply(FeedBatch)` summed over the batches, and each
/// batch's whole time, so `riskdesk feed --profile` can say what bounds the ticks a second.
public struct FeedProfile: Sendable {
    /// The phases of a batch, in the order they run.
    public enum Phase: String, Sendable, CaseIterable {
        case settings, prices, load = "load accounts", evaluate = "evaluate rules", openAlerts = "load open alerts"
        case plan = "engine plan", alertWrites = "alert writes + audit", marginCalls = "margin-call review"
        case transfers = "transfers + AML", applications, batchRow = "batch row", commit
        /// The timed checks (KYC, SLA, drift, sentiment), outside the batches.
        case timers = "timed checks"
    }

    /// Seconds spent in each phase over all batches.
    public private(set) var seconds: [Phase: Double] = [:]
    /// Each batch's seconds, from the start of its transaction to its commit (timed checks not included).
    public private(set) var batches: [Double] = []

    public init() {}

    /// Runs `body`, adding its wall time to `phase`.
    mutating func measure<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer { seconds[phase, default: 0] += Self.seconds(ContinuousClock.now - start) }
        return try body()
    }

    mutating func add(_ phase: Phase, since start: ContinuousClock.Instant) {
        seconds[phase, default: 0] += Self.seconds(ContinuousClock.now - start)
    }

    mutating func addSeconds(_ phase: Phase, _ value: Double) {
        seconds[phase, default: 0] += value
    }

    /// Adds `other`'s phase times (not its batches).
    mutating func merge(_ other: FeedProfile) {
        for (phase, value) in other.seconds { seconds[phase, default: 0] += value }
    }

    mutating func recordBatch(since start: ContinuousClock.Instant) {
        batches.append(Self.seconds(ContinuousClock.now - start))
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// The median batch time, nil before the first batch.
    public var medianBatch: Double? {
        guard !batches.isEmpty else { return nil }
        let sorted = batches.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The slowest batch, nil before the first.
    public var maxBatch: Double? { batches.max() }

    /// One line per phase with its total and share, then the batch times.
    public var report: String {
        let total = seconds.values.reduce(0, +)
        var lines = Phase.allCases.compactMap { phase -> String? in
            guard let s = seconds[phase] else { return nil }
            let name = phase.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)
            return "  " + name + String(format: " %8.3f s  %5.1f%%", s, total > 0 ? 100 * s / total : 0)
        }
        if let median = medianBatch, let slowest = maxBatch {
            lines.append(String(format: "  batches %d: median %.1f ms, max %.1f ms", batches.count, median * 1_000, slowest * 1_000))
        }
        return lines.joined(separator: "\n")
    }
}
