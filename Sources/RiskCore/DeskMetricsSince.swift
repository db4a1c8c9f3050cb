import Foundation

/// The start of a desk-metrics window as a person types it: a duration back from now (`90m`, `1h`, `24h`, `7d`) or
/// an ISO date or time (`2026-11-27`, midnight UTC, or `2026-11-27T09:30:00Z`).
public enum MetricsSince {
    /// The longest window the metrics read (a year): beyond it the figures describe another desk.
    public static let maximum: TimeInterval = 366 * 86_400

    /// The window's start for `text` at `now`; refused with what is accepted when the text is not a duration of
    /// 1 minute to 366 days or a date in that span before now.
    public static func start(_ text: String, now: Date) throws(InputError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let accepted = "a duration like 30m, 1h, 24h, 7d (at most 366d) or an ISO date like 2026-11-27 or 2026-11-27T09:30:00Z"
        guard !trimmed.isEmpty, trimmed.count <= 40 else { throw InputError("--since \"\(text.prefix(40))\": expected \(accepted)") }
        if let unit = trimmed.last, let seconds = ["m": 60.0, "h": 3_600.0, "d": 86_400.0][String(unit).lowercased()],
           let amount = Int(trimmed.dropLast()), amount > 0 {
            let span = Double(amount) * seconds
            guard span <= maximum else { throw InputError("--since \(trimmed) is longer than 366 days: expected \(accepted)") }
            return now.addingTimeInterval(-span)
        }
        guard let date = isoDate(trimmed) else { throw InputError("--since \"\(trimmed)\" is not understood: expected \(accepted)") }
        guard date < now else { throw InputError("--since \(trimmed) is not in the past") }
        guard now.timeIntervalSince(date) <= maximum else { throw InputError("--since \(trimmed) is more than 366 days ago") }
        return date
    }

    private static func isoDate(_ text: String) -> Date? {
        if text.count == 10 {
            var calendar = Calendar(identifier: .gregorian)
            guard let utc = TimeZone(identifier: "UTC") else { return nil }
            calendar.timeZone = utc
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  (1...12).contains(m), (1...31).contains(d) else { return nil }
            let components = DateComponents(year: y, month: m, day: d)
            guard let date = calendar.date(from: components),
                  calendar.dateComponents([.year, .month, .day], from: date) == components else { return nil }
            return date
        }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
