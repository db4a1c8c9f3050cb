import Foundation

/// Trading days for margin-call deadlines: Monday to Friday in exchange time (UTC+8), closing at 15:00.
/// Exchange holidays are not modelled; weekends are skipped.
public enum MarginCallDeadline {
    /// China Standard Time, the exchanges' clock (no daylight saving).
    public static let exchangeTimeZone = TimeZone(secondsFromGMT: 8 * 3_600) ?? TimeZone(identifier: "UTC") ?? .current
    /// The market closes at 15:00 exchange time: a deadline falls then.
    public static let closingHour = 15

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = exchangeTimeZone
        return calendar
    }

    /// The close (15:00 UTC+8) of the `tradingDays`-th trading day after the exchange day of `start`
    /// (T+N: a call opened on Friday with N = 2 is due Tuesday 15:00). Nil only if the calendar cannot compute.
    public static func deadline(from start: Date, tradingDays: Int) -> Date? {
        let calendar = calendar
        var day = calendar.startOfDay(for: start)
        var remaining = max(0, tradingDays)
        while remaining > 0 {
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = next
            if !calendar.isDateInWeekend(day) { remaining -= 1 }
        }
        return calendar.date(bySettingHour: closingHour, minute: 0, second: 0, of: day)
    }

    /// The exchange day of `date` as YYYY-MM-DD (the daily margin-call record's key).
    public static func day(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The start and end (exclusive) of the exchange day YYYY-MM-DD; nil when the text is not such a date.
    public static func bounds(ofDay text: String) -> (start: Date, end: Date)? {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
              let year = Int(pieces[0]), let month = Int(pieces[1]), let day = Int(pieces[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        let calendar = calendar
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let start = calendar.date(from: components),
              let end = calendar.date(byAdding: .day, value: 1, to: start) else { return nil }
        return (start, end)
    }
}
