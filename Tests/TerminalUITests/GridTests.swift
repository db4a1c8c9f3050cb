import Testing
@testable import TerminalUI

@Suite struct GridTests {
    @Test func putWritesTextAndReturnsColumns() {
        var grid = Grid(width: 10, height: 2)
        let written = grid.put("hello", x: 1, y: 0, style: .plain)
        #expect(written == 5)
        #expect(grid.row(0) == " hello")
        #expect(grid[x: 1, y: 0].text == "h")
    }

    @Test func wideCharactersTakeTwoCellsAndAppearOnceInText() {
        var grid = Grid(width: 10, height: 1)
        let written = grid.put("张伟x", x: 0, y: 0, style: .plain)
        #expect(written == 5)
        #expect(grid[x: 0, y: 0] == Cell(text: "张", width: 2))
        #expect(grid[x: 1, y: 0].isContinuation)
        #expect(grid[x: 4, y: 0].text == "x")
        #expect(grid.text() == "张伟x")
    }

    @Test func clipsAtRightEdgeAndMaxWidth() {
        var grid = Grid(width: 6, height: 1)
        #expect(grid.put("abcdefgh", x: 2, y: 0, style: .plain) == 4)
        #expect(grid.row(0) == "  abcd")
        var limited = Grid(width: 10, height: 1)
        #expect(limited.put("abcdefgh", x: 0, y: 0, maxWidth: 3, style: .plain) == 3)
        #expect(limited.row(0) == "abc")
    }

    @Test func wideCharacterThatDoesNotFitBecomesSpace() {
        var grid = Grid(width: 5, height: 1)
        let written = grid.put("ab张伟", x: 0, y: 0, style: .plain)
        // a b 张 fill four columns; 伟 needs two but only one is left.
        #expect(written == 5)
        #expect(grid.row(0) == "ab张")
        #expect(grid[x: 4, y: 0].text == " ")
        var limited = Grid(width: 10, height: 1)
        #expect(limited.put("a张", x: 0, y: 0, maxWidth: 2, style: .plain) == 2)
        #expect(limited[x: 1, y: 0] == Cell.blank())
    }

    @Test func outOfBoundsWritesAreIgnored() {
        var grid = Grid(width: 4, height: 2)
        #expect(grid.put("x", x: 0, y: 5, style: .plain) == 0)
        grid.put("abcdef", x: -2, y: 1, style: .plain)
        #expect(grid.row(1) == "cdef")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 6, height: 1)
        grid.put("张伟", x: 0, y: 0, style: .plain)
        grid.put("x", x: 1, y: 0, style: .plain)
        #expect(grid.row(0) == " x伟")
        #expect(!grid[x: 0, y: 0].isContinuation)
    }

    @Test func fillAndStyleChangeCells() {
        var grid = Grid(width: 5, height: 3)
        let red = Style(foreground: .ansi(1))
        grid.put("abcde", x: 0, y: 1, style: .plain)
        grid.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: red)
        #expect(grid.styleAt(x: 1, y: 0) == red)
        #expect(grid.styleAt(x: 3, y: 0) == .plain)
        grid.style(Rect(x: 0, y: 1, width: 2, height: 1)) { $0.bold = true }
        #expect(grid.styleAt(x: 1, y: 1).bold)
        #expect(!grid.styleAt(x: 2, y: 1).bold)
        #expect(grid.row(1) == "abcde")
    }

    @Test func textTrimsTrailingSpacesPerRow() {
        var grid = Grid(width: 8, height: 3)
        grid.put("a", x: 0, y: 0, style: .plain)
        grid.put("b", x: 3, y: 2, style: .plain)
        #expect(grid.text() == "a\n\n   b")
    }
}
