import Foundation
import RiskCore
import TerminalUI

/// The approval queue: one screenful of the keyset-paged queue, sorted by priority.
struct QueuePaneView: View {
    var state: AppState

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let q = state.queue
        let counter = Self.counter(q)
        let panel = Panel(title: "1 " + Pane.queue.title, counter: counter, isFocused: state.focus == .queue)
        panel.draw(into: &grid, area: area, theme: theme)
        let inner = panel.innerArea(of: area)
        guard !q.rows.isEmpty else {
            let text = q.filter == .init() ? "nothing waiting for review" : "no application matches the filter (Esc clears it)"
            grid.put(text, x: inner.x + 1, y: inner.y + 1, maxWidth: inner.width - 1, style: theme.style("muted"))
            return
        }
        if q.filter.stages == [.awaitingSecondApproval] {
            SecondApprovalTable(state: state).draw(into: &grid, area: inner, theme: theme)
            return
        }
        let wide = inner.width >= 96
        var columns: [TableColumn] = [
            TableColumn(title: "ID", width: .fixed(10)),
            TableColumn(title: "Customer", width: .flexible(minimum: 8, weight: 1)),
            TableColumn(title: "Line", width: .fixed(wide ? 11 : 7), alignment: .right),
            TableColumn(title: "Lev", width: .fixed(5), alignment: .right),
            TableColumn(title: "PD", width: .fixed(6), alignment: .right),
            TableColumn(title: "G", width: .fixed(1)),
        ]
        if wide { columns.append(TableColumn(title: "Flags", width: .fixed(14))) }
        columns.append(TableColumn(title: "SLA", width: .fixed(7), alignment: .right))
        columns.append(TableColumn(title: "Claimed", width: .fixed(10)))
        var rows: [[String]] = []
        var cellRoles: [[String?]] = []
        for row in q.rows {
            let app = row.application
            let sla = app.slaRemaining(at: state.now)
            var cells = [
                app.id, row.customerName, wide ? app.requestedLine.formattedWhole : app.requestedLine.formattedCompact,
                app.requestedLeverage.text, app.probabilityOfDefault.map { String(format: "%.1f%%", $0 * 100) } ?? "—",
                app.grade?.rawValue ?? "—",
            ]
            if wide { cells.append(app.flags.map(\.code).joined(separator: ",")) }
            cells.append(Durations.short(sla))
            let holder = app.claimHolder(at: state.now)
            cells.append(holder.map { $0 == state.user.name ? "● you" : $0 } ?? Self.stageTag(app.stage))
            rows.append(cells)
            var roles = [String?](repeating: nil, count: cells.count)
            roles[5] = app.grade.map { "grade.\($0.rawValue)" }
            roles[cells.count - 2] = sla < 0 ? "severity.critical" : (sla < 4 * 3_600 ? "severity.warning" : nil)
            cellRoles.append(roles)
        }
        TableView(columns: columns, rows: rows, selectedIndex: q.selected, cellRoles: cellRoles,
                  isFocused: state.focus == .queue).draw(into: &grid, area: inner, theme: theme)
    }

    /// "n/N": "?" for a position still being located, "…" for a total still being counted (both off the key path).
    static func counter(_ q: QueueState) -> String {
        let position = q.positionIsKnown ? String(q.position + q.selected + 1) : "?"
        if !q.filter.text.isEmpty {
            // A text filter's count arrives after its rows, and a dense match is counted only up to a cap.
            if q.rows.isEmpty { return "0" }
            return position + "/" + (q.matchCount?.text ?? "…")
        }
        if q.totalIsKnown && q.total == 0 { return "0" }
        return position + "/" + (q.totalIsKnown ? String(q.total) : "…")
    }

    /// Unclaimed rows say why they wait for someone other than an officer.
    static func stageTag(_ stage: Stage) -> String {
        switch stage {
        case .escalated: "↑ super"
        case .awaitingSecondApproval: "2nd appr"
        default: ""
        }
    }
}
