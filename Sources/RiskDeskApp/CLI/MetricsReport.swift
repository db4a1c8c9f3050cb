import Foundation
import RiskCore
import TerminalUI

/// `riskdesk metrics` output: the desk metrics of a window as a table with sparklines, or as one JSON object.
public enum MetricsReport {
    /// One line per metric: label, the window's figure and its sparkline (one bar per bucket).
    public static func table(_ report: DeskMetricsReport) -> String {
        let window = report.window
        var lines = ["desk metrics \(timestamp(window.start)) → \(timestamp(window.end)), \(window.count) buckets of \(bucketText(window.bucket)); "
                     + "review time saved at \(report.reviewMinutes) min per straight-through application"]
        for series in report.series {
            let label = series.metric.label.padding(toLength: 19, withPad: " ", startingAt: 0)
            let figure = series.metric.text(series.current)
            let pad = String(repeating: " ", count: max(0, 8 - figure.count))
            lines.append("\(label) \(pad)\(figure)  \(Sparkline.bars(MetricsView.plotted(series), scale: MetricsView.scale(series)))")
        }
        return lines.joined(separator: "\n")
    }

    /// `{"since", "until", "bucket_seconds", "review_minutes", "metrics": {name: {"label", "current", "text", "series"}}}`;
    /// a bucket or figure without data is `null`. Keys sorted, so the same report gives the same bytes.
    public static func json(_ report: DeskMetricsReport) -> String {
        var metrics: [String: Any] = [:]
        for series in report.series {
            metrics[series.metric.rawValue] = [
                "label": series.metric.label,
                "current": number(series.current),
                "text": series.metric.text(series.current),
                "series": series.values.map(number),
            ] as [String: Any]
        }
        let object: [String: Any] = [
            "since": timestamp(report.window.start), "until": timestamp(report.window.end),
            "bucket_seconds": Int(report.window.bucket.rounded()), "review_minutes": report.reviewMinutes, "metrics": metrics,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    private static func number(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return (value * 10_000).rounded() / 10_000
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }

    static func bucketText(_ seconds: TimeInterval) -> String {
        DeskMetric.minutesText(seconds / 60)
    }
}
