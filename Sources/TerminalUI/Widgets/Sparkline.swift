/// A one-line chart of values drawn with the block characters ▁▂▃▄▅▆▇█.
public struct Sparkline: View {
    /// The bars from lowest to highest.
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var values: [Double]
    public var role: String

    public init(values: [Double], role: String = "sparkline") {
        self.values = values
        self.role = role
    }

    /// The most recent values that fit in `width` columns as bars, scaled between their minimum and maximum.
    public static func bars(_ values: [Double], width: Int? = nil) -> String {
        let shown = width.map { Array(values.suffix(max(0, $0))) } ?? values
        let finite = shown.filter { $0.isFinite }
        guard let low = finite.min(), let high = finite.max() else {
            return String(repeating: " ", count: shown.count)
        }
        let span = high - low
        return String(shown.map { value -> Character in
            guard value.isFinite else { return " " }
            guard span > 0 else { return levels[0] }
            let position = Int(((value - low) / span * Double(levels.count - 1)).rounded())
            return levels[min(max(0, position), levels.count - 1)]
        })
    }

    public func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        grid.put(Sparkline.bars(values, width: area.width), x: area.x, y: area.y, maxWidth: area.width, style: theme.style(role))
    }
}
