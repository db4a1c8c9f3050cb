import Foundation
import RiskCore
import TerminalUI

/// The desk-metrics strip above the status line: per metric its figure and sparkline over the last hour (per
/// minute, the most recent minutes that fit) and over the last day (per hour).
struct MetricsView: View {
    var strip: MetricsStrip

    static let labelWidth = 18
    static let figureWidth = 7
    static let dayWidth = 24

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        grid.fill(area, style: .plain)
        let hourWidth = max(0, min(60, area.width - 2 - Self.labelWidth - 2 * (Self.figureWidth + 2) - Self.dayWidth - 1))
        let hourX = area.x + 1 + Self.labelWidth + 1 + Self.figureWidth + 1
        let dayFigureX = hourX + hourWidth + 1
        let dayX = dayFigureX + Self.figureWidth + 1
        var titleStyle = theme.style("metrics.title")
        if titleStyle == .plain { titleStyle.bold = true }
        let muted = theme.style("muted")
        grid.put("Desk metrics", x: area.x + 1, y: area.y, style: titleStyle)
        grid.put(DisplayWidth.truncate("last hour, per minute", to: hourWidth + Self.figureWidth), x: hourX - Self.figureWidth, y: area.y,
                 style: muted)
        if dayX + Self.dayWidth <= area.maxX {
            grid.put("last day, per hour", x: dayFigureX, y: area.y, style: muted)
        }
        guard let hour = strip.hour else {
            if area.height > 1 { grid.put("reading the desk metrics…", x: area.x + 1, y: area.y + 1, style: muted) }
            return
        }
        let labelStyle = theme.style("metrics.label")
        var figureStyle = theme.style("metrics.figure")
        if figureStyle == .plain { figureStyle.bold = true }
        for (row, metric) in DeskMetric.allCases.enumerated() where row + 1 < area.height {
            let y = area.y + 1 + row
            grid.put(DisplayWidth.truncate(metric.label, to: Self.labelWidth), x: area.x + 1, y: y, style: labelStyle)
            if let series = hour[metric] {
                put(metric.text(series.current), right: hourX - 1, y: y, into: &grid, style: figureStyle)
                Sparkline(values: Self.plotted(series), role: "sparkline.hour", scale: Self.scale(series))
                    .draw(into: &grid, area: Rect(x: hourX, y: y, width: hourWidth, height: 1), theme: theme)
            }
            if let series = strip.day?[metric], dayX + Self.dayWidth <= area.maxX {
                put(metric.text(series.current), right: dayX - 1, y: y, into: &grid, style: figureStyle)
                Sparkline(values: Self.plotted(series), role: "sparkline.day", scale: Self.scale(series))
                    .draw(into: &grid, area: Rect(x: dayX, y: y, width: Self.dayWidth, height: 1), theme: theme)
            }
        }
    }

    private func put(_ text: String, right: Int, y: Int, into grid: inout Grid, style: Style) {
        let shown = DisplayWidth.truncate(text, to: Self.figureWidth)
        grid.put(shown, x: right - DisplayWidth.of(shown), y: y, style: style)
    }

    /// The values to draw: a bucket without data is a gap (NaN).
    static func plotted(_ series: DeskMetricSeries) -> [Double] { series.values.map { $0 ?? .nan } }

    /// Rates on 0–100%; other figures from 0 to their largest, so a quiet minute is the lowest bar.
    static func scale(_ series: DeskMetricSeries) -> ClosedRange<Double>? {
        if series.metric.isRate { return 0...1 }
        let top = series.values.compactMap { $0 }.filter(\.isFinite).max() ?? 0
        return top > 0 ? 0...top : nil
    }
}
