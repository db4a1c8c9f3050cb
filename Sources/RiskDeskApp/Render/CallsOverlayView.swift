import Foundation
import RiskCore
import TerminalUI

/// The `:calls` view drawn over the panes: a table of the live margin calls, overdue ones highlighted.
struct CallsOverlayView: View {
    var view: CallsOverlay
    var now: Date

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let panel = Panel(title: view.title(at: now), isFocused: true)
        panel.draw(into: &grid, area: area, theme: theme)
        let inner = panel.innerArea(of: area)
        guard inner.height > 1 else { return }
        let hintY = inner.y + inner.height - 1
        grid.put(CallsOverlay.hint, x: inner.x + 1, y: hintY, maxWidth: max(0, inner.width - 1), style: theme.style("muted"))
        let tableArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        guard !view.lines.isEmpty else {
            grid.put("no live margin calls", x: inner.x + 1, y: inner.y + 1, style: theme.style("muted"))
            return
        }
        let visible = max(1, tableArea.height - 1)
        let first = TableView.scrollOffset(selected: view.selected, offset: 0, visibleRows: visible, rowCount: view.lines.count)
        let window = Array(view.lines[first..<min(view.lines.count, first + visible)])
        let overdue = "severity.critical"
        TableView(columns: CallsOverlay.columns, rows: window.map { CallsOverlay.cells($0, now: now) },
                  selectedIndex: view.selected - first,
                  cellRoles: window.map { line in
                      CallsOverlay.isOverdue(line.open.call, at: now)
                          ? [nil, nil, nil, nil, nil, nil, nil, overdue, overdue, overdue] : []
                  }).draw(into: &grid, area: tableArea, theme: theme)
    }
}
