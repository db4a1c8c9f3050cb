import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// Open risk alerts, critical first; severity as a text tag and a colour, never colour alone; the lifecycle state
/// and assignee in a column; alerts that arrived while the console was open carry a ● until seen.
/// Shows the keyset-paged window the state holds; the title's counts are the store's, not the window's.
struct AlertsPaneView: View {
    var state: AppState

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let counts = state.alerts.counts
        // Nothing arrived yet (the first frame does not wait for the alerts): "loading…", no figures.
        let arrived = state.alerts.isLoaded || !state.alerts.rows.isEmpty || !state.alerts.counts.isEmpty
        let counter = arrived ? "\(counts[.critical] ?? 0) crit · \(counts[.warning] ?? 0) warn · \(counts[.info] ?? 0) info" : nil
        let filter = state.alerts.filter.label
        let panel = Panel(title: "3 " + Pane.alerts.title + (filter.isEmpty ? "" : " · " + filter), counter: counter, isFocused: state.focus == .alerts)
        panel.draw(into: &grid, area: area, theme: theme)
        let inner = panel.innerArea(of: area)
        let alerts = state.alerts.rows.map(\.alert)
        guard arrived else {
            grid.put("loading…", x: inner.x + 1, y: inner.y + 1, style: theme.style("muted"))
            return
        }
        guard !alerts.isEmpty else {
            grid.put(filter.isEmpty ? "no open alerts" : "no open alerts (\(filter))", x: inner.x + 1, y: inner.y + 1, style: theme.style("muted"))
            return
        }
        let visible = max(1, inner.height - 1)
        let selected = state.alerts.selected
        let first = TableView.scrollOffset(selected: selected, offset: 0, visibleRows: visible, rowCount: alerts.count)
        let window = Array(alerts[first..<min(alerts.count, first + visible)])
        let rows = window.map { alert in
            [(state.alerts.unseen.contains(alert.id) ? "●" : "") + alert.severity.tag, Self.stateText(alert, now: state.now),
             Durations.short(max(0, state.now.timeIntervalSince(alert.openedAt))),
             alert.subject.split(separator: ":").last.map(String.init) ?? alert.subject,
             // The rule's family is evident from the explanation; Enter shows the full rule name.
             alert.rule.split(separator: ".").last.map(String.init) ?? alert.rule, alert.message]
        }
        // A new alert (raised while the console was open, not yet seen) is marked ● and drawn in the `alert.new` role.
        let roles = window.map { alert -> [String?] in
            state.alerts.unseen.contains(alert.id) ? ["severity.\(alert.severity.rawValue)", "alert.new", "alert.new", "alert.new", "alert.new", "alert.new"]
                : ["severity.\(alert.severity.rawValue)", "muted", nil, nil, "muted", nil]
        }
        TableView(columns: [
            TableColumn(title: "Sev", width: .fixed(5)), TableColumn(title: "State", width: .fixed(12)),
            TableColumn(title: "Age", width: .fixed(6), alignment: .right),
            TableColumn(title: "Subject", width: .fixed(11)), TableColumn(title: "Rule", width: .fixed(11)),
            TableColumn(title: "Explanation", width: .flexible(minimum: 10, weight: 1)),
        ], rows: rows, selectedIndex: selected - first, cellRoles: roles, isFocused: state.focus == .alerts)
            .draw(into: &grid, area: inner, theme: theme)
    }

    /// The lifecycle in a few cells: ✓ acknowledged, ↑ escalated, z snoozed (not yet expired), then the assignee
    /// (`✓ wang.fang`, `↑ zhao.min`, `z`); blank for an open, unassigned alert.
    static func stateText(_ alert: StoredAlert, now: Date) -> String {
        let mark: String = switch alert.effectiveState(at: now) {
        case .acknowledged: "✓"
        case .escalated: "↑"
        case .snoozed: "z"
        case .open, .resolved: ""
        }
        let assignee = alert.assignee.map(PlainText.escaped) ?? ""
        return [mark, assignee].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
