/// A screen-sized buffer of cells that views draw into and terminals present.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    /// A grid of blank cells in the plain style.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(), count: self.width * self.height)
    }

    /// A grid covering `size`.
    public init(size: Size) {
        self.init(width: size.width, height: size.height)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The width and height of the grid.
    public var size: Size { Size(width: width, height: height) }

    /// The cell at (`x`, `y`); a blank cell outside the grid.
    public subscript(x x: Int, y y: Int) -> Cell {
        get {
            guard contains(x: x, y: y) else { return .blank() }
            return cells[y * width + x]
        }
        set {
            guard contains(x: x, y: y) else { return }
            cells[y * width + x] = newValue
        }
    }

    /// The style of the cell at (`x`, `y`).
    public func styleAt(x: Int, y: Int) -> Style {
        self[x: x, y: y].style
    }

    /// Writes `text` from (`x`, `y`) rightwards and returns the number of columns written.
    ///
    /// Writing stops at the grid's right edge and after `maxWidth` columns; a double-width
    /// character that does not fit is replaced by a space. Control and zero-width characters are skipped.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = maxWidth.map { min(width, x + max(0, $0)) } ?? width
        var column = x
        if DisplayWidth.isPrintableASCII(text) {
            // One column a byte: the same cells as below without breaking the text into graphemes.
            for byte in text.utf8 {
                guard column < limit else { break }
                if column >= 0 { setCell(Cell(text: String(UnicodeScalar(byte)), width: 1, style: style), x: column, y: y) }
                column += 1
            }
            return max(0, column - max(x, 0))
        }
        for character in text {
            guard column < limit else { break }
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column < 0 {
                column += w
                continue
            }
            if w == 2 && column + 1 >= limit {
                setCell(Cell.blank(style), x: column, y: y)
                column += 1
                break
            }
            setCell(Cell(text: String(character), width: w, style: style), x: column, y: y)
            if w == 2 {
                setCell(Cell(text: "", width: 0, style: style), x: column + 1, y: y)
            }
            column += w
        }
        return max(0, column - max(x, 0))
    }

    /// Writes `text` padded or truncated to exactly `width` columns with the given alignment.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, width: Int, alignment: Alignment, style: Style) -> Int {
        put(DisplayWidth.pad(text, to: width, alignment: alignment), x: x, y: y, maxWidth: width, style: style)
    }

    /// Fills `rect` with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                setCell(.blank(style), x: column, y: row)
            }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the text.
    public mutating func style(_ rect: Rect, with change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                change(&cells[row * width + column].style)
            }
        }
    }

    /// Copies `other` into this grid with its top-left corner at (`x`, `y`), clipped to the edges.
    public mutating func draw(_ other: Grid, x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width {
                let cell = other[x: column, y: row]
                if cell.isContinuation { continue }
                if cell.width == 2 && x + column + 1 >= width {
                    setCell(.blank(cell.style), x: x + column, y: y + row)
                    continue
                }
                setCell(cell, x: x + column, y: y + row)
                if cell.width == 2 {
                    setCell(Cell(text: "", width: 0, style: cell.style), x: x + column + 1, y: y + row)
                }
            }
        }
    }

    /// Row `y` as text: each double-width character once, trailing spaces trimmed.
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var line = ""
        for column in 0..<width {
            line += cells[y * width + column].text
        }
        while line.last == " " {
            line.removeLast()
        }
        return line
    }

    /// All rows joined by newlines, as `row(_:)` renders them.
    public func text() -> String {
        (0..<height).map(row).joined(separator: "\n")
    }

    /// Whether (`x`, `y`) lies inside the grid.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// Stores one cell, blanking the other half of any double-width character it overwrites.
    private mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0, cells[index - 1].width == 2 {
            cells[index - 1] = .blank(cells[index - 1].style)
        }
        if old.width == 2, x + 1 < width, cells[index + 1].isContinuation, cell.width != 2 {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
        cells[index] = cell
    }
}
