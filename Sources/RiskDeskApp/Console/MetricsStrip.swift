import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The desk-metrics strip (key `m`): whether it is shown, the last hour's and the last day's figures, and when they
/// were read. The figures are recomputed in the background, never on the key path: when the strip opens, at most
/// every `minimumInterval` seconds after the change log reported a change that moves them, and every
/// `maximumAge` seconds anyway (the buckets slide with the clock).
public struct MetricsStrip: Sendable {
    public var isShown = false
    public var hour: DeskMetricsReport?
    public var day: DeskMetricsReport?
    /// When the figures on screen were read; nil before the first read.
    public var loadedAt: Date?
    /// A change that moves the figures arrived since they were read.
    public var isDirty = false
    /// True while a read is running (one at a time).
    public var isLoading = false

    public static let minimumInterval: TimeInterval = 5
    public static let maximumAge: TimeInterval = 60
    /// The change-log kinds that move a figure: an alert raised, a stage changed (routing, a decision), a margin call.
    static let kinds: Set<String> = ["alert", "stage", "margin_call"]

    public init() {}

    /// True when the figures should be read again at `now`.
    public func isDue(at now: Date) -> Bool {
        guard isShown, !isLoading else { return false }
        guard let loadedAt else { return true }
        let age = now.timeIntervalSince(loadedAt)
        return age >= Self.maximumAge || (isDirty && age >= Self.minimumInterval) || age < 0
    }

    /// Rows the strip takes on a screen of `size` (a title and one per metric), leaving the panes at least 14 rows;
    /// 0 when hidden.
    public func height(for size: Size) -> Int {
        guard isShown else { return 0 }
        let body = size.height - 3  // header, status, footer
        return min(1 + DeskMetric.allCases.count, max(0, body - 14))
    }
}

extension AppState {
    /// `m`: shows or hides the strip; showing it reads the figures (in the background) when they are due.
    mutating func toggleMetrics() -> [Effect] {
        metrics.isShown.toggle()
        var effects = resizeWindows()
        if metrics.isShown {
            metrics.isDirty = true
            effects += metricsRefreshIfDue()
        }
        return effects
    }

    /// A read of the figures when the strip is shown and they are due.
    mutating func metricsRefreshIfDue() -> [Effect] {
        guard metrics.isDue(at: now) else { return [] }
        metrics.isLoading = true
        return [.loadMetrics]
    }

    /// Entries from the change log: the figures are read again (at most every few seconds) when one moves them.
    mutating func noteMetricsChanges(_ entries: [ChangeEntry]) -> [Effect] {
        if entries.contains(where: { MetricsStrip.kinds.contains($0.kind) }) { metrics.isDirty = true }
        return metricsRefreshIfDue()
    }

    mutating func reduceMetrics(_ action: Action) -> [Effect] {
        switch action {
        case let .metricsLoaded(hour, day, at):
            metrics.hour = hour
            metrics.day = day
            metrics.loadedAt = at
            metrics.isDirty = false
            metrics.isLoading = false
        case let .sentimentLoaded(reading):
            sentiment = reading
        case .metricsFailed:
            metrics.isLoading = false
            metrics.loadedAt = now  // try again after the usual interval, not at every tick
        default:
            break
        }
        return []
    }
}

extension AppState {
    /// The header's sentiment is read again when the feed records a new index or policy (a new band shows once the
    /// feed's next check switches the policy by it).
    func sentimentReloads(for entries: [ChangeEntry]) -> [Effect] {
        let keys: Set<String> = [SettingKey.sentiment, SentimentPolicy.settingKey]
        let moved = entries.contains { $0.kind == "setting" && keys.contains($0.subject) }
        return moved ? [.loadSentiment] : []
    }
}
