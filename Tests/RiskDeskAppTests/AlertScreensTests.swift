import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// Golden screens of the alerts pane's lifecycle from hand-built states (no database).
@Suite("console: alert lifecycle screens")
struct AlertScreensTests {
    /// Four alerts in four states: escalated to zhao.min, acknowledged by wang.fang's colleague and taken by her,
    /// open and new (●), and an open one nobody has.
    static func state() -> AppState {
        var state = AlertDesk.state(Desk.supervisor, [
            AlertDesk.alert(id: 31, severity: .critical, state: .escalated, assignee: "zhao.min", rule: "margin.closeout",
                            message: "ratio 128% under the close-out line"),
            AlertDesk.alert(id: 32, state: .acknowledged, assignee: "li.na", message: "ratio 138% under the warning line"),
            AlertDesk.alert(id: 33, rule: "aml.structuring", subject: "customer:C000204", message: "9 deposits just under ¥50,000"),
            AlertDesk.alert(id: 34, severity: .info, rule: "volatility.move", subject: "instrument:600519", message: "moved 7.1% today"),
        ])
        state.alerts.counts = [.critical: 1, .warning: 2, .info: 1]
        state.alerts.unseen = [33]
        state.alerts.filter = AlertFilter(criticalOnly: false, callsOnly: false)
        state.zoomed = true
        state.size = Size(width: 100, height: 24)
        return state
    }

    static func rows(_ grid: Grid, _ ys: ClosedRange<Int>) -> [String] {
        ys.map { y in grid.text(in: Rect(x: 0, y: y, width: grid.width, height: 1), row: y) }
    }

    @Test("golden: the zoomed alerts pane shows each alert's state mark and assignee, the ● new mark, and the filter in the title")
    func pane() throws {
        let theme = try Desk.theme()
        var state = Self.state()
        let grid = Screen.render(state, theme: theme)
        let rows = Self.rows(grid, 1...7)
        #expect(rows == AlertsGolden.pane)
        state.alerts.filter = AlertFilter(assignment: .user("zhao.min"))
        let filtered = Screen.render(state, theme: theme)
        #expect(Self.rows(filtered, 1...1)[0].contains("3 Risk alerts · mine"))
    }

    @Test("golden: the resolve dialog lists the dispositions, the picked one marked, the note field, the refusal kept inside")
    func resolveDialog() throws {
        let theme = try Desk.theme()
        var state = Self.state()
        _ = state.reduce(.key(.character("j")))
        _ = state.reduce(.key(.character("R")))
        _ = state.reduce(.key(.down))
        _ = state.reduce(.alertStepFailed("alert 32 changed since you read it (version 3, now 4): reload and try again"))
        let grid = Screen.render(state, theme: theme)
        // The dialog's own frame, from its title row to its bottom border.
        let screen = Self.rows(grid, 0...23)
        let top = try #require(screen.firstIndex { $0.contains("┌─ Resolve alert 32") })
        let x = try #require(screen[top].displayColumn(ofFirst: "┌─ Resolve"))
        let width = try #require(screen[top].displayColumn(afterFirst: "┐")) - x
        let bottom = try #require(screen.indices.first { $0 > top && grid[x: x, y: $0].text == "└" })
        let rows = (top...bottom).map { y in grid.text(in: Rect(x: x, y: y, width: width, height: 1), row: y) }
        #expect(rows == AlertsGolden.dialog)
    }
}

enum AlertsGolden {
    static let pane: [String] = [
        "┌─ 3 Risk alerts ─────────────────────────────────────────────────────── 1 crit · 2 warn · 1 info ─┐",
        "│Sev   State           Age Subject     Rule        Explanation                                     │",
        "│CRIT  ↑ zhao.min      10m A000101     closeout    ratio 128% under the close-out line             │",
        "│WARN  ✓ li.na         10m A000101     warning     ratio 138% under the warning line               │",
        "│●WARN                 10m C000204     structuring 9 deposits just under ¥50,000                   │",
        "│INFO                  10m 600519      move        moved 7.1% today                                │",
        "│                                                                                                  │",
    ]
    static let dialog: [String] = [
        "┌─ Resolve alert 32 ────────────────────────────────────────────────────────────┐",
        "│ [WARN] margin.warning A000101: ratio 138% under the warning line              │",
        "│                                                                               │",
        "│ Disposition (↑↓ to choose):                                                   │",
        "│   false positive                                                              │",
        "│ ▸ customer topped up                                                          │",
        "│   position reduced                                                            │",
        "│   other (with a note)                                                         │",
        "│ ✗ alert 32 changed since you read it (version 3, now 4): reload and try again │",
        "│                                                                               │",
        "│                                                                               │",
        "│ Note: required for other                                                      │",
        "│                                                                               │",
        "│ Enter confirm · Esc cancel                                                    │",
        "└───────────────────────────────────────────────────────────────────────────────┘",
    ]
}
