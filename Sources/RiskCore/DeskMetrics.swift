import Foundation

/// The span a set of desk metrics covers, cut into equal buckets: `(end − count × bucket, end]`, bucket `i` being
/// `(start + i × bucket, start + (i + 1) × bucket]` (an event at the window's end counts, one at its start does not).
public struct MetricsWindow: Hashable, Sendable {
    public var end: Date
    /// Seconds per bucket.
    public var bucket: TimeInterval
    public var count: Int

    public init(end: Date, bucket: TimeInterval, count: Int) {
        self.end = end
        self.bucket = max(1, bucket)
        self.count = max(1, count)
    }

    public var start: Date { end.addingTimeInterval(-bucket * Double(count)) }
    public var duration: TimeInterval { bucket * Double(count) }

    /// The last hour, per minute.
    public static func lastHour(at now: Date) -> MetricsWindow { MetricsWindow(end: now, bucket: 60, count: 60) }
    /// The last day, per hour.
    public static func lastDay(at now: Date) -> MetricsWindow { MetricsWindow(end: now, bucket: 3_600, count: 24) }

    /// From `start` to `end` in at most about 60 buckets of a round size (1, 5, 15 minutes, 1, 4 hours or a day).
    public static func since(_ start: Date, until end: Date) -> MetricsWindow {
        let duration = max(60, end.timeIntervalSince(start))
        let sizes: [TimeInterval] = [60, 300, 900, 3_600, 14_400, 86_400]
        let bucket = sizes.first { duration / $0 <= 60 } ?? 86_400 * (duration / 86_400 / 60).rounded(.up)
        return MetricsWindow(end: end, bucket: bucket, count: Int((duration / bucket).rounded(.up)))
    }

    /// The bucket `t` falls in, nil outside the window.
    public func index(of t: Date) -> Int? {
        let offset = t.timeIntervalSince(start)
        guard offset > 0, t <= end else { return nil }
        return min(count - 1, Int((offset / bucket).rounded(.up)) - 1)
    }

    /// The end of bucket `i`.
    public func bucketEnd(_ i: Int) -> Date { start.addingTimeInterval(bucket * Double(i + 1)) }
}

/// The figures the desk metrics show.
public enum DeskMetric: String, Hashable, Sendable, CaseIterable, Codable {
    /// Alerts raised per minute.
    case alertsPerMinute = "alerts_per_minute"
    /// Applications in the stages that need a person (manual review, escalated, second approval), at each bucket's end.
    case queueDepth = "queue_depth"
    /// Median minutes from submission to the person's decision that took the application out of those stages.
    case medianDecisionMinutes = "median_decision_minutes"
    /// Share of the applications routed after assessment that went straight through, past manual review.
    case straightThroughRate = "straight_through_rate"
    /// Share of approvals that changed the terms (`approve-with`) or overrode the price.
    case overrideRate = "override_rate"
    /// Margin calls live at each bucket's end.
    case callsOpen = "calls_open"
    /// Margin calls met in each bucket.
    case callsMet = "calls_met"
    /// Minutes of review saved: straight-through applications × the setting `metrics.review_minutes`.
    case reviewMinutesSaved = "review_minutes_saved"

    public var label: String {
        switch self {
        case .alertsPerMinute: "alerts raised/min"
        case .queueDepth: "queue depth"
        case .medianDecisionMinutes: "median to decision"
        case .straightThroughRate: "straight-through"
        case .overrideRate: "override rate"
        case .callsOpen: "margin calls open"
        case .callsMet: "margin calls met"
        case .reviewMinutesSaved: "review time saved"
        }
    }

    /// True for a share (0–1), shown as a percentage and charted on a fixed 0–100% scale.
    public var isRate: Bool { self == .straightThroughRate || self == .overrideRate }

    /// A figure of this metric for a person: `1.25`, `42`, `3h10m`, `71%`, `6h40m`; `–` for none.
    public func text(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        switch self {
        case .alertsPerMinute:
            return value >= 10 ? String(format: "%.0f", value) : String(format: value >= 0.1 || value == 0 ? "%.2f" : "%.3f", value)
        case .queueDepth, .callsOpen, .callsMet: return String(Int(value.rounded()))
        case .straightThroughRate, .overrideRate: return String(format: "%.0f%%", value * 100)
        case .medianDecisionMinutes, .reviewMinutesSaved: return Self.minutesText(value)
        }
    }

    /// `45m`, `3h10m`, `2d4h`.
    public static func minutesText(_ minutes: Double) -> String {
        let whole = Int(max(0, min(minutes, 1e9)).rounded())
        if whole < 60 { return "\(whole)m" }
        if whole < 1_440 { return whole % 60 == 0 ? "\(whole / 60)h" : "\(whole / 60)h\(whole % 60)m" }
        let hours = (whole % 1_440) / 60
        return hours == 0 ? "\(whole / 1_440)d" : "\(whole / 1_440)d\(hours)h"
    }
}

/// One metric over a window: a value per bucket (nil where the bucket has nothing to measure, e.g. a rate without
/// any application) and the figure for the window as a whole.
public struct DeskMetricSeries: Hashable, Sendable {
    public var metric: DeskMetric
    public var values: [Double?]
    /// For the whole window: the level at its end (queue depth, calls open), the total (calls met, time saved), the
    /// rate or median over every event of the window, the mean per minute (alerts).
    public var current: Double?

    public init(metric: DeskMetric, values: [Double?], current: Double?) {
        self.metric = metric
        self.values = values
        self.current = current
    }
}

/// Every desk metric over one window.
public struct DeskMetricsReport: Hashable, Sendable {
    public var window: MetricsWindow
    public var series: [DeskMetricSeries]
    public var reviewMinutes: Int

    public subscript(metric: DeskMetric) -> DeskMetricSeries? { series.first { $0.metric == metric } }
}

/// The desk metrics as pure functions of a history (see `DeskMetric` for each definition).
public enum DeskMetrics {
    /// Minutes of an officer's review a straight-through application saves, by default (the setting
    /// `metrics.review_minutes`): handling time is not recorded (a claim is, not how long it was worked), and the
    /// time from submission to decision is mostly waiting, so the desk states its own figure.
    public static let defaultReviewMinutes = 20

    /// Every metric of `history` over `window`. The history must hold the events of the window (and queue depth
    /// at its end); events outside it are ignored.
    public static func report(_ history: DeskHistory, window: MetricsWindow, reviewMinutes: Int = defaultReviewMinutes) -> DeskMetricsReport {
        let n = window.count
        var alerts = [Int](repeating: 0, count: n)
        for t in history.alertsRaised { if let i = window.index(of: t) { alerts[i] += 1 } }

        var straight = [Int](repeating: 0, count: n), routed = [Int](repeating: 0, count: n)
        var queueNet = [Int](repeating: 0, count: n)  // entries − exits of the person stages per bucket
        for s in history.submissions {
            guard let route = s.route, let i = window.index(of: s.at) else { continue }
            routed[i] += 1
            if route == .straightThrough { straight[i] += 1 } else { queueNet[i] += 1 }
        }
        var approvals = [Int](repeating: 0, count: n), overrides = [Int](repeating: 0, count: n)
        var waits = [[Double]](repeating: [], count: n)
        for d in history.decisions {
            guard let i = window.index(of: d.at) else { continue }
            if d.entersQueue { queueNet[i] += 1 }
            if d.leavesQueue {
                queueNet[i] -= 1
                waits[i].append(max(0, d.at.timeIntervalSince(d.submittedAt)) / 60)
            }
            if d.isApproval {
                approvals[i] += 1
                if d.isOverride { overrides[i] += 1 }
            }
        }
        var met = [Int](repeating: 0, count: n)
        for c in history.calls { if let at = c.metAt, let i = window.index(of: at) { met[i] += 1 } }

        // Depth at each bucket's end, walking back from the depth now: depth(end of i−1) = depth(end of i) − net(i).
        var depth = [Double?](repeating: nil, count: n)
        var level = history.queueDepthNow
        for i in stride(from: n - 1, through: 0, by: -1) {
            depth[i] = Double(max(0, level))
            level -= queueNet[i]
        }
        let openCalls: [Double?] = (0..<n).map { i in
            let t = window.bucketEnd(i)
            return Double(history.calls.filter { $0.isOpen(at: t) }.count)
        }

        func ratio(_ part: [Int], _ whole: [Int]) -> [Double?] {
            zip(part, whole).map { $1 > 0 ? Double($0) / Double($1) : nil }
        }
        func share(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
        let minutesPerBucket = window.bucket / 60
        let minutes = Double(max(0, reviewMinutes))
        let series = [
            DeskMetricSeries(metric: .alertsPerMinute, values: alerts.map { Double($0) / minutesPerBucket },
                             current: Double(alerts.reduce(0, +)) / (window.duration / 60)),
            DeskMetricSeries(metric: .queueDepth, values: depth, current: Double(max(0, history.queueDepthNow))),
            DeskMetricSeries(metric: .medianDecisionMinutes, values: waits.map(median), current: median(waits.flatMap { $0 })),
            DeskMetricSeries(metric: .straightThroughRate, values: ratio(straight, routed),
                             current: share(straight.reduce(0, +), routed.reduce(0, +))),
            DeskMetricSeries(metric: .overrideRate, values: ratio(overrides, approvals),
                             current: share(overrides.reduce(0, +), approvals.reduce(0, +))),
            DeskMetricSeries(metric: .callsOpen, values: openCalls, current: openCalls.last ?? nil),
            DeskMetricSeries(metric: .callsMet, values: met.map(Double.init), current: Double(met.reduce(0, +))),
            DeskMetricSeries(metric: .reviewMinutesSaved, values: straight.map { Double($0) * minutes },
                             current: Double(straight.reduce(0, +)) * minutes),
        ]
        return DeskMetricsReport(window: window, series: series, reviewMinutes: reviewMinutes)
    }

    /// The median (the mean of the two middle values for an even count); nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
