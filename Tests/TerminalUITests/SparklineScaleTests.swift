import Testing
@testable import TerminalUI

/// The sparkline on a fixed scale and with gaps, as the desk metrics draw it.
@Suite struct SparklineScaleTests {
    @Test func aFixedScaleDrawsZeroAsTheLowestBarAndClampsBeyondIt() {
        // 0–100%: 0 → ▁, 50% → 3.5 of 7 steps, rounded to ▅, 100% → █; beyond the scale at its ends.
        #expect(Sparkline.bars([0, 0.5, 1, 1.7, -3], scale: 0...1) == "▁▅██▁")
        // Counts from 0 to their largest: a quiet minute is ▁ even when every other value is high.
        #expect(Sparkline.bars([0, 4, 8, 8], scale: 0...8) == "▁▅██")
        #expect(Sparkline.bars([1e300, 0], scale: 0...1) == "█▁")
    }

    @Test func aBucketWithoutDataIsAGapAndOnlyTheMostRecentFit() {
        #expect(Sparkline.bars([.nan, 1, .nan, 0], scale: 0...1) == " █ ▁")
        #expect(Sparkline.bars([.nan, .nan]) == "  ")
        #expect(Sparkline.bars([0, 1, 2, 3, 4, 5, 6, 7], width: 3, scale: 0...7) == "▆▇█")
    }

    @Test func drawnInItsRoleFallingBackToTheSparklineRole() throws {
        var theme = Theme(name: "t", roles: [:])
        theme.setStyle(Style(bold: true), for: "sparkline")
        var grid = Grid(width: 4, height: 1)
        Sparkline(values: [0, 1], role: "sparkline.day", scale: 0...2).draw(into: &grid, area: grid.bounds, theme: theme)
        #expect(grid.row(0) == "▁▅")
        #expect(grid[x: 0, y: 0].style == Style(bold: true))
    }
}
