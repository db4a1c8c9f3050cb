import Foundation

/// How often the feed runs its timed checks and how many recent scores model monitoring reads at most; stored as settings.
public struct FeedTiming: Hashable, Sendable {
    /// Seconds between the KYC, SLA, drift and sentiment checks.
    public var timerSeconds: Int = 10
    /// At most this many of the most recent scores in the monitoring window (`model.monitor_window_days`) are read
    /// for a model's PSI and CSI (a bound on the work, newest first).
    public var driftWindow: Int = 5_000
    /// Seconds before the engine rewrites an open alert whose figures changed but not its rule or severity.
    public var refreshSeconds: Int = 30

    public init() {}
}

extension DeskSettings {
    /// The feed's timing as stored (defaults for absent keys; a corrupt value is refused).
    public static func feedTiming(from stored: [String: String]) throws(SettingError) -> FeedTiming {
        let values = try values(from: stored)
        var timing = FeedTiming()
        if case let .whole(seconds)? = values[Key.feedTimerSeconds] { timing.timerSeconds = seconds }
        if case let .whole(window)? = values[Key.feedDriftWindow] { timing.driftWindow = window }
        if case let .whole(seconds)? = values[Key.feedRefreshSeconds] { timing.refreshSeconds = seconds }
        return timing
    }
}
