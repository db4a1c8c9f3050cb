import Foundation

/// Short durations for dense columns: `45m`, `3h12m`, `2d4h`, negative as `-5h` (overdue).
public enum Durations {
    public static func short(_ interval: TimeInterval) -> String {
        let negative = interval < 0
        let minutes = Int(abs(interval) / 60)
        let text: String
        if minutes < 60 { text = "\(minutes)m" }
        else if minutes < 24 * 60 { text = minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h\(minutes % 60)m" }
        else { text = (minutes / 60) % 24 == 0 ? "\(minutes / 1_440)d" : "\(minutes / 1_440)d\((minutes / 60) % 24)h" }
        return negative ? "-" + text : text
    }

    /// Seconds under a minute (`7s`), `short` beyond; a non-finite interval reads `?`.
    public static func seconds(_ interval: TimeInterval) -> String {
        guard interval.isFinite else { return "?" }
        guard abs(interval) < 60 else { return short(interval) }
        return "\(Int(interval.rounded(.towardZero)))s"
    }

    /// `12m ago`, `3h ago`, `2d ago`.
    public static func age(since date: Date, now: Date) -> String {
        short(max(0, now.timeIntervalSince(date))) + " ago"
    }

    public static func isoDay(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    public static func isoTimestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
