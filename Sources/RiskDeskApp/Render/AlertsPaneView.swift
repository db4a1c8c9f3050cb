import Foundation
import RiskCore
import TerminalUI

/// Open risk alerts, critical first; severity as a text tag and a colour, never colour alone; alerts that arrived
/// while the console was open carry a ● until seen.
/// Shows the keyset-paged window the state holds; the title's counts are the store's, not the window's.
struct AlertsPaneView: View {
    var state: AppState

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let counts = state.alerts.counts
        let counter = "\(counts[.critical] ?? 0) crit · \(counts[.warning] ?? 0) warn · \(counts[.info] ?? 0) info"
        let panel = Panel(title: "3 " + Pane.alerts.title, counter: counter, isFocused: state.focus == .alerts)
        panel.draw(into: &grid, area: area, theme: theme)
        let inner = panel.innerArea(of: area)
        let alerts = state.alerts.rows.map(\.alert)
        guard !alerts.isEmpty else {
            grid.put("no open alerts", x: inner.x + 1, y: inner.y + 1, style: theme.style("muted"))
            return
        }
        let visible = max(1, inner.height - 1)
        let selected = state.alerts.selected
        let first = TableView.scrollOffset(selected: selected, offset: 0, visibleRows: visible, rowCount: alerts.count)
        let window = Array(alerts[first..<min(alerts.count, first + visible)])
        let rows = window.map { alert in
            [(state.alerts.unseen.contains(alert.id) ? "●" : "") + alert.severity.tag + (alert.state == .acknowledged ? "✓" : ""), Durations.short(max(0, state.now.timeIntervalSince(alert.openedAt))),
             alert.subject.split(separator: ":").last.map(String.init) ?? alert.subject,
             // The rule's family is evident from the explanation; Enter shows the full rule name.
             alert.rule.split(separator: ".").last.map(String.init) ?? alert.rule, alert.message]
        }
        // A new alert (raised while the console was open, not yet seen) is marked ● and drawn in the `alert.new` role.
        let roles = window.map { alert -> [String?] in
            state.alerts.unseen.contains(alert.id) ? ["severity.\(alert.severity.rawValue)", "alert.new", "alert.new", "alert.new", "alert.new"]
                : ["severity.\(alert.severity.rawValue)", nil, nil, "muted", nil]
        }
        TableView(columns: [
            TableColumn(title: "Sev", width: .fixed(5)), TableColumn(title: "Age", width: .fixed(6), alignment: .right),
            TableColumn(title: "Subject", width: .fixed(11)), TableColumn(title: "Rule", width: .fixed(11)),
            TableColumn(title: "Explanation", width: .flexible(minimum: 10, weight: 1)),
        ], rows: rows, selectedIndex: selected - first, cellRoles: roles, isFocused: state.focus == .alerts)
            .draw(into: &grid, area: inner, theme: theme)
    }
}
