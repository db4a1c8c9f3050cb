/// A dot canvas drawn with Braille patterns (U+2800 block): each cell holds 2×4 dots, so a `width`×`height` cell area
/// has `2·width`×`4·height` dots. Dot (0, 0) is the top-left; `plot(unitX:unitY:)` maps a chart's unit square with y up.
/// Every character it makes is one display column wide.
public struct BrailleCanvas: Hashable, Sendable {
    /// Width and height in cells.
    public let width: Int
    public let height: Int
    /// The dot bits of each cell, row by row.
    private var bits: [UInt8]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.bits = Array(repeating: 0, count: self.width * self.height)
    }

    /// Width and height in dots.
    public var dotWidth: Int { width * 2 }
    public var dotHeight: Int { height * 4 }

    /// The bit of each dot in a cell, by column (0, 1) and row (0…3), as the Unicode Braille patterns number them.
    static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot at (`x`, `y`); a dot outside the canvas is ignored.
    public mutating func plot(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        bits[(y / 4) * width + x / 2] |= Self.dotBits[x % 2][y % 4]
    }

    /// The dot nearest to a point of the unit square (0…1 on both axes, y up); values outside are clamped.
    public func dot(unitX: Double, unitY: Double) -> (x: Int, y: Int)? {
        guard unitX.isFinite, unitY.isFinite, dotWidth > 0, dotHeight > 0 else { return nil }
        let x = (min(1, max(0, unitX)) * Double(dotWidth - 1)).rounded()
        let y = ((1 - min(1, max(0, unitY))) * Double(dotHeight - 1)).rounded()
        return (Int(x), Int(y))
    }

    /// Sets the dot nearest to a point of the unit square (y up).
    public mutating func plot(unitX: Double, unitY: Double) {
        guard let d = dot(unitX: unitX, unitY: unitY) else { return }
        plot(x: d.x, y: d.y)
    }

    /// Sets every dot on the straight line between two dots, ends included (Bresenham).
    public mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int)) {
        var x = start.x, y = start.y
        let dx = abs(end.x - start.x), dy = -abs(end.y - start.y)
        let sx = start.x < end.x ? 1 : -1, sy = start.y < end.y ? 1 : -1
        var error = dx + dy
        while true {
            plot(x: x, y: y)
            if x == end.x && y == end.y { return }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// Draws a polyline through points of the unit square (y up).
    public mutating func polyline(unitPoints points: [(x: Double, y: Double)]) {
        let dots = points.compactMap { dot(unitX: $0.x, unitY: $0.y) }
        guard let first = dots.first else { return }
        plot(x: first.x, y: first.y)
        for (a, b) in zip(dots, dots.dropFirst()) { line(from: a, to: b) }
    }

    /// The dot bits of the cell at (`column`, `row`); 0 outside the canvas or where no dot is set.
    public func cellBits(column: Int, row: Int) -> UInt8 {
        guard column >= 0, row >= 0, column < width, row < height else { return 0 }
        return bits[row * width + column]
    }

    /// The Braille character for a cell's dot bits (U+2800 is the empty pattern).
    public static func character(for bits: UInt8) -> Character {
        Character(Unicode.Scalar(0x2800 + UInt32(bits)) ?? " ")
    }

    /// The canvas as `height` lines of `width` Braille characters (empty cells are U+2800 unless `blank` is given).
    public func lines(blank: Character? = nil) -> [String] {
        (0..<height).map { row in
            String((0..<width).map { column in
                let b = cellBits(column: column, row: row)
                return b == 0 ? (blank ?? Self.character(for: 0)) : Self.character(for: b)
            })
        }
    }

    /// Draws the canvas at the area's top-left corner in `role`'s style.
    public func draw(into grid: inout Grid, area: Rect, theme: Theme, role: String) {
        for (row, text) in lines(blank: " ").prefix(area.height).enumerated() {
            grid.put(text, x: area.x, y: area.y + row, maxWidth: area.width, style: theme.style(role))
        }
    }
}
