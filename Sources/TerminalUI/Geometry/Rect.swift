/// A rectangle of terminal cells: origin at the top-left, extending right and down.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin covering `size`.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// The column just past the right edge.
    public var maxX: Int { x + width }
    /// The row just past the bottom edge.
    public var maxY: Int { y + height }
    /// The rectangle's width and height.
    public var size: Size { Size(width: width, height: height) }
    /// Whether the rectangle covers no cells.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// Whether the cell at (`x`, `y`) lies inside the rectangle.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The rectangle shrunk by `amount` cells on every side.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rectangle shrunk by the given number of cells on each side.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// The overlap of two rectangles, empty if they do not meet.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// A rectangle of the given size centred inside this one, clipped to it.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width)
        let ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The top `count` rows and the rest below them.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// The bottom `count` rows and the rest above them.
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: height - n), Rect(x: x, y: maxY - n, width: width, height: n))
    }

    /// Side-by-side columns whose widths are the given fractions of this width; they tile it exactly.
    public func splitColumns(_ fractions: [Double]) -> [Rect] {
        splitColumns(lengths: fractions.map { Length.fraction($0) })
    }

    /// Stacked rows whose heights are the given fractions of this height; they tile it exactly.
    public func splitRows(_ fractions: [Double]) -> [Rect] {
        splitRows(lengths: fractions.map { Length.fraction($0) })
    }

    /// Side-by-side columns sized by fixed, fractional or fill lengths.
    public func splitColumns(lengths: [Length]) -> [Rect] {
        var offset = x
        return Rect.distribute(width, lengths).map { w in
            defer { offset += w }
            return Rect(x: offset, y: y, width: w, height: height)
        }
    }

    /// Stacked rows sized by fixed, fractional or fill lengths.
    public func splitRows(lengths: [Length]) -> [Rect] {
        var offset = y
        return Rect.distribute(height, lengths).map { h in
            defer { offset += h }
            return Rect(x: x, y: offset, width: width, height: h)
        }
    }

    /// Splits `total` cells among `lengths`; with only fractions the slots tile `total` exactly.
    static func distribute(_ total: Int, _ lengths: [Length]) -> [Int] {
        guard !lengths.isEmpty else { return [] }
        var sizes = [Int](repeating: 0, count: lengths.count)
        var remaining = max(0, total)
        var fractionIndices: [Int] = []
        var fillIndices: [Int] = []

        for (index, length) in lengths.enumerated() {
            switch length {
            case .fixed(let n):
                sizes[index] = min(max(0, n), remaining)
                remaining -= sizes[index]
            case .fraction:
                fractionIndices.append(index)
            case .fill:
                fillIndices.append(index)
            }
        }

        // Fractions of the whole, floored, with leftover cells handed out left to right.
        var fractionTotal = 0.0
        for index in fractionIndices {
            if case .fraction(let f) = lengths[index] {
                let cells = min(remaining, Int((Double(max(0, total)) * max(0, f)).rounded(.down)))
                sizes[index] = cells
                remaining -= cells
                fractionTotal += max(0, f)
            }
        }
        if fillIndices.isEmpty, !fractionIndices.isEmpty, fractionTotal >= 0.999 {
            var i = 0
            while remaining > 0 {
                sizes[fractionIndices[i % fractionIndices.count]] += 1
                remaining -= 1
                i += 1
            }
        }

        let weights = fillIndices.map { index -> Int in
            if case .fill(let w) = lengths[index] { return max(0, w) }
            return 0
        }
        let weightTotal = weights.reduce(0, +)
        if weightTotal > 0 {
            let available = remaining
            for (k, index) in fillIndices.enumerated() {
                let cells = available * weights[k] / weightTotal
                sizes[index] = cells
                remaining -= cells
            }
            var k = 0
            while remaining > 0 {
                if weights[k % weights.count] > 0 {
                    sizes[fillIndices[k % fillIndices.count]] += 1
                    remaining -= 1
                }
                k += 1
            }
        }
        return sizes
    }
}
