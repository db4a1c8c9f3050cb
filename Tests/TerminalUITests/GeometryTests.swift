import Testing
@testable import TerminalUI

@Suite struct GeometryTests {
    @Test func insetShrinksEverySide() {
        let rect = Rect(x: 2, y: 3, width: 10, height: 6).inset(by: 1)
        #expect(rect == Rect(x: 3, y: 4, width: 8, height: 4))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 2).isEmpty)
    }

    @Test func fractionalColumnsTileTheWidthExactly() {
        let columns = Rect(x: 5, y: 0, width: 101, height: 10).splitColumns([0.3, 0.7])
        #expect(columns.count == 2)
        #expect(columns[0].x == 5)
        #expect(columns[1].x == columns[0].maxX)
        #expect(columns[1].maxX == 106)
        #expect(columns[0].width == 31 || columns[0].width == 30)
    }

    @Test func rowsMixFixedAndFill() {
        let rows = Rect(x: 0, y: 0, width: 80, height: 24).splitRows(lengths: [.fixed(1), .fill, .fixed(1)])
        #expect(rows.map(\.height) == [1, 22, 1])
        #expect(rows.map(\.y) == [0, 1, 23])
    }

    @Test func centeredRectStaysInside() {
        let outer = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(outer.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(outer.centered(width: 200, height: 50) == outer)
    }

    @Test func intersectionClips() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        let b = Rect(x: 5, y: 5, width: 10, height: 10)
        #expect(a.intersection(b) == Rect(x: 5, y: 5, width: 5, height: 5))
        #expect(a.intersection(Rect(x: 20, y: 20, width: 1, height: 1)).isEmpty)
    }
}
