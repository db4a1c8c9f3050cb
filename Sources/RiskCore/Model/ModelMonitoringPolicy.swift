import Foundation

/// How the desk monitors its models; stored as settings (`model.monitor_window_days`,
/// `model.monitor_interval_minutes`, and `feed.drift_window` as the cap on recent scores).
public struct ModelMonitoringPolicy: Hashable, Sendable {
    /// The recent population: applications scored within this many days before the reading.
    public var windowDays: Int = 30
    /// The feed records a reading at most this often, so a feed run fills the sparkline without a row per tick.
    public var intervalMinutes: Int = 15
    /// At most this many of the window's most recent scores are read (the newest first).
    public var maximumRecent: Int = FeedTiming().driftWindow
    /// PSI above this is critical and raises the drift alert (`alert.psi_critical`).
    public var psiCritical: Double = AlertThresholds().psiCritical

    public init() {}

    public var window: TimeInterval { Double(windowDays) * 86_400 }
    public var interval: TimeInterval { Double(intervalMinutes) * 60 }
}

extension DeskSettings {
    /// The monitoring policy as stored (defaults for absent keys; a corrupt value is refused).
    public static func modelMonitoring(from stored: [String: String]) throws(SettingError) -> ModelMonitoringPolicy {
        let values = try values(from: stored)
        var policy = ModelMonitoringPolicy()
        if case let .whole(days)? = values[Key.monitorWindowDays] { policy.windowDays = days }
        if case let .whole(minutes)? = values[Key.monitorIntervalMinutes] { policy.intervalMinutes = minutes }
        if case let .whole(count)? = values[Key.feedDriftWindow] { policy.maximumRecent = count }
        if case let .fraction(critical)? = values[Key.psiCritical] { policy.psiCritical = critical }
        return policy
    }
}
