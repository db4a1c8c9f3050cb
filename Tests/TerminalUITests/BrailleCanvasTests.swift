import Testing
@testable import TerminalUI

@Suite struct BrailleCanvasTests {
    @Test func aDiagonalLineSetsExactlyTheDotsOnIt() {
        // 2×1 cells = 4×4 dots; (0,0)→(3,3) sets (0,0) (1,1) in the first cell: bits 0x01|0x10 = U+2811 ⠑,
        // and (2,2) (3,3) in the second: its (0,2) and (1,3) = 0x04|0x80 = U+2884 ⢄.
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.line(from: (0, 0), to: (3, 3))
        #expect(canvas.cellBits(column: 0, row: 0) == 0x11)
        #expect(canvas.cellBits(column: 1, row: 0) == 0x84)
        #expect(canvas.lines() == ["⠑⢄"])
    }

    @Test func theUnitSquareHasYUpAndItsCornersOnTheEdgeDots() {
        var canvas = BrailleCanvas(width: 3, height: 2)  // 6×8 dots
        #expect(canvas.dot(unitX: 0, unitY: 0)! == (0, 7))
        #expect(canvas.dot(unitX: 1, unitY: 1)! == (5, 0))
        #expect(canvas.dot(unitX: 2, unitY: -1)! == (5, 7))  // clamped
        #expect(canvas.dot(unitX: .nan, unitY: 0) == nil)
        canvas.polyline(unitPoints: [(0, 0), (1, 1)])
        // The diagonal from the bottom-left to the top-right: each of the 6 columns of dots gets at least one dot.
        let lines = canvas.lines(blank: " ")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 3 })
        #expect(canvas.cellBits(column: 0, row: 1) & 0x40 != 0)  // the bottom-left dot (0,3) of the lower-left cell
        #expect(canvas.cellBits(column: 2, row: 0) & 0x08 != 0)  // the top-right dot (1,0) of the upper-right cell
        #expect(canvas.cellBits(column: 0, row: 0) == 0)          // nothing above the diagonal on the left
    }

    @Test func dotsOutsideTheCanvasAreIgnored() {
        var canvas = BrailleCanvas(width: 1, height: 1)
        canvas.plot(x: 2, y: 0)
        canvas.plot(x: -1, y: 0)
        canvas.plot(x: 0, y: 4)
        #expect(canvas.lines() == ["\u{2800}"])
        canvas.plot(x: 1, y: 3)
        #expect(canvas.lines() == ["⢀"])
    }

    @Test func drawingPutsOneColumnPerCell() {
        var canvas = BrailleCanvas(width: 4, height: 1)
        canvas.line(from: (0, 3), to: (7, 3))
        var grid = Grid(width: 6, height: 1)
        canvas.draw(into: &grid, area: Rect(x: 1, y: 0, width: 4, height: 1), theme: Theme(name: "t", roles: [:]), role: "chart")
        #expect((0..<6).map { grid[x: $0, y: 0].text }.joined() == " ⣀⣀⣀⣀ ")
    }
}

@Suite struct BlockBarTests {
    @Test func horizontalBarsAreMeasuredInEighthsOfAColumn() {
        #expect(BlockBar.horizontal(50, maximum: 100, width: 10) == "█████")
        // 0.33 × 80 eighths = 26.4 → 26 = 3 full + 2 eighths.
        #expect(BlockBar.horizontal(33, maximum: 100, width: 10) == "███▎")
        #expect(BlockBar.horizontal(0.01, maximum: 100, width: 10) == "▏")  // some is never none
        #expect(BlockBar.horizontal(0, maximum: 100, width: 10) == "")
        #expect(BlockBar.horizontal(200, maximum: 100, width: 4) == "████")
        #expect(BlockBar.horizontal(.nan, maximum: 100, width: 4, padded: true) == "    ")
        #expect(BlockBar.horizontal(25, maximum: 100, width: 8, fill: "▒", padded: true) == "▒▒      ")
        #expect(DisplayWidth.of(BlockBar.horizontal(33, maximum: 100, width: 10, padded: true)) == 10)
    }

    @Test func columnsStackFromTheBottomRow() {
        // Height 2 = 16 eighths: 4 of 4 → 16 (two full rows); 1 of 4 → 4 eighths (▄ in the bottom row); 0 → blank.
        #expect(BlockBar.columns([4, 1, 0], height: 2) == ["█  ", "█▄ "])
        #expect(BlockBar.columns([1], height: 1, maximum: 8) == ["▁"])
    }
}
