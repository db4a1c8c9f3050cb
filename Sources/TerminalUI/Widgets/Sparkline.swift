/// A one-line chart of values drawn with the block characters ▁▂▃▄▅▆▇█.
public struct Sparkline: View {
    /// The bars from lowest to highest.
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var values: [Double]
    public var role: String
    /// The values the lowest and the highest bar stand for; nil scales between the values' own minimum and maximum.
    public var scale: ClosedRange<Double>?

    public init(values: [Double], role: String = "sparkline", scale: ClosedRange<Double>? = nil) {
        self.values = values
        self.role = role
        self.scale = scale
    }

    /// The most recent values that fit in `width` columns as bars, scaled between their minimum and maximum (or over
    /// `scale`, values outside it drawn at its ends). A value that is not finite (NaN: no data) is a blank column.
    public static func bars(_ values: [Double], width: Int? = nil, scale: ClosedRange<Double>? = nil) -> String {
        let shown = width.map { Array(values.suffix(max(0, $0))) } ?? values
        let finite = shown.filter { $0.isFinite }
        guard let low = scale?.lowerBound ?? finite.min(), let high = scale?.upperBound ?? finite.max(),
              low.isFinite, high.isFinite, !finite.isEmpty else {
            return String(repeating: " ", count: shown.count)
        }
        let span = high - low
        return String(shown.map { value -> Character in
            guard value.isFinite else { return " " }
            guard span > 0 else { return levels[0] }
            let fraction = min(1, max(0, (value - low) / span))
            return levels[min(max(0, Int((fraction * Double(levels.count - 1)).rounded())), levels.count - 1)]
        })
    }

    public func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        grid.put(Sparkline.bars(values, width: area.width, scale: scale), x: area.x, y: area.y, maxWidth: area.width, style: theme.style(role))
    }
}
