/// Bars drawn with block characters, measured in display columns: horizontal bars in eighths of a cell
/// (▏▎▍▌▋▊▉█) and vertical columns in eighths of a row (▁▂▃▄▅▆▇█), for histograms in a terminal.
public enum BlockBar {
    /// Left-aligned partial blocks, one to seven eighths of a cell.
    public static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar `value / maximum` of `width` columns long, to the nearest eighth of a column, padded with spaces to
    /// `width` when `padded`. A value that is not finite, not positive, or a maximum that is not positive draws nothing;
    /// a value above the maximum draws the full width. A positive value too small for an eighth shows one ▏, so
    /// "some" is never drawn as "none".
    public static func horizontal(_ value: Double, maximum: Double, width: Int, fill: Character = "█",
                                  padded: Bool = false) -> String {
        let width = max(0, width)
        guard width > 0, value.isFinite, maximum.isFinite, value > 0, maximum > 0 else {
            return padded ? String(repeating: " ", count: width) : ""
        }
        let total = max(1, Int((min(1, value / maximum) * Double(width * 8)).rounded()))
        let full = total / 8, rest = total % 8
        var bar = String(repeating: fill, count: full)
        if rest > 0 { bar.append(fill == "█" ? eighths[rest - 1] : fill) }
        return padded ? bar + String(repeating: " ", count: max(0, width - full - (rest > 0 ? 1 : 0))) : bar
    }

    /// A histogram of vertical columns, one column per value, `height` rows tall, top row first; each column is
    /// scaled against `maximum` (the values' largest when nil) to the nearest eighth of a row.
    public static func columns(_ values: [Double], height: Int, maximum: Double? = nil) -> [String] {
        let height = max(0, height)
        let top = maximum ?? values.filter(\.isFinite).max() ?? 0
        let eighthsTall = values.map { value -> Int in
            guard value.isFinite, value > 0, top > 0 else { return 0 }
            return max(1, Int((min(1, value / top) * Double(height * 8)).rounded()))
        }
        return (0..<height).map { row in
            let floor = (height - 1 - row) * 8  // eighths below this row
            return String(eighthsTall.map { tall -> Character in
                let inRow = tall - floor
                if inRow <= 0 { return " " }
                return inRow >= 8 ? "█" : Sparkline.levels[inRow - 1]
            })
        }
    }
}
