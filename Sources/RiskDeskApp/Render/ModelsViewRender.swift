import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The `:models` view drawn over the panes: the versions with their figures and drift, the selected target's pending
/// switch, and the keys with those this person cannot use dimmed.
struct ModelsOverlayView: View {
    var state: AppState
    var view: ModelsView
    var keyMap: KeyMap

    static let columns = [
        TableColumn(title: "Version", width: .flexible(minimum: 12, weight: 1)),
        TableColumn(title: "Target", width: .fixed(15)), TableColumn(title: "Status", width: .fixed(10)),
        TableColumn(title: "Trained", width: .fixed(10)), TableColumn(title: "AUC", width: .fixed(5), alignment: .right),
        TableColumn(title: "KS", width: .fixed(5), alignment: .right), TableColumn(title: "PSI", width: .fixed(5), alignment: .right),
        TableColumn(title: "Drift", width: .fixed(8)), TableColumn(title: "PSI trend", width: .fixed(16)),
    ]

    static func cells(_ s: ModelVersionSummary, in view: ModelsView) -> [String] {
        let reading = view.latestPSI(s.version)
        let trend = (view.snapshot.readings[s.version] ?? []).map { $0.psi ?? .nan }
        return [s.version + (s.hasCard ? "" : " (no card)"), s.target, s.status.rawValue,
                (s.trainedAt ?? s.createdAt).formatted(.iso8601.year().month().day()),
                s.auc.map { String(format: "%.3f", $0) } ?? "—", s.ks.map { String(format: "%.3f", $0) } ?? "—",
                reading?.psi.map { String(format: "%.3f", $0) } ?? "—",
                reading?.level?.rawValue ?? (reading?.psi == nil ? "—" : "too few"),
                Sparkline.bars(trend, width: 16, scale: 0...0.5)]
    }

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let champions = view.snapshot.versions.filter { $0.status == .champion }.map { "\($0.target) \($0.version)" }
        let panel = Panel(title: "Models — \(view.snapshot.versions.count) version\(view.snapshot.versions.count == 1 ? "" : "s")",
                          counter: champions.isEmpty ? "no champion" : "champion " + champions.joined(separator: ", "), isFocused: true)
        panel.draw(into: &grid, area: area, theme: theme)
        let inner = panel.innerArea(of: area)
        guard inner.height > 4 else { return }
        let footerHeight = 4
        let tableArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - footerHeight)
        if view.snapshot.versions.isEmpty {
            grid.put("no model versions in this database", x: inner.x + 1, y: inner.y + 1, style: theme.style("muted"))
        } else {
            let visible = max(1, tableArea.height - 1)
            let first = TableView.scrollOffset(selected: view.selected, offset: 0, visibleRows: visible, rowCount: view.snapshot.versions.count)
            let window = Array(view.snapshot.versions[first..<min(view.snapshot.versions.count, first + visible)])
            TableView(columns: Self.columns, rows: window.map { Self.cells($0, in: view) }, selectedIndex: view.selected - first,
                      cellRoles: window.map { s in
                          let level = view.latestPSI(s.version).flatMap(\.level)
                          let drift = level.map { "model.psi.\($0.rawValue)" }
                          return [nil, nil, "model.status.\(s.status.rawValue)", nil, nil, nil, drift, drift, "sparkline"]
                      }).draw(into: &grid, area: tableArea, theme: theme)
        }
        var y = inner.y + inner.height - footerHeight
        grid.put(String(repeating: "─", count: inner.width), x: inner.x, y: y, style: theme.style("pane.border"))
        y += 1
        for line in pendingLines() {
            line.draw(into: &grid, x: inner.x + 1, y: y, width: inner.width - 2, theme: theme, base: .plain)
            y += 1
        }
        hintLine().draw(into: &grid, x: inner.x + 1, y: inner.y + inner.height - 1, width: inner.width - 2, theme: theme, base: .plain)
    }

    /// The selected target's waiting switch (kind, who, when, reason), or that none waits.
    func pendingLines() -> [StyledLine] {
        guard let s = view.selectedSummary else { return [.blank, .blank] }
        guard let p = view.pending(for: s.target) else {
            return [StyledLine("No promotion or rollback is waiting for \(s.target).", role: "muted"), .blank]
        }
        let what = p.kind == .promote ? "promote \(p.version) to champion" : "roll back to \(p.version)"
        return [StyledLine("Pending: ", role: "highlight") + .init(what + (p.replaces.map { ", replacing \($0)" } ?? ""))
                    + .init(" · by \(p.proposedBy), \(ModelReportText.timestamp(p.proposedAt))", role: "muted"),
                StyledLine("  reason: " + PlainText.escaped(p.reason), role: "muted")]
    }

    /// The view's keys; a key this person cannot use now is dimmed (`?` and the status line say why).
    func hintLine() -> StyledLine {
        var line = StyledLine([])
        for binding in keyMap.bindings where binding.scope == .models {
            guard let word = binding.footer else { continue }
            let usable = state.availability(of: binding) == .available
            line = line + .init(binding.keyLabel, role: usable ? "help.key" : "footer.disabled")
                + .init(" \(word)  ", role: usable ? nil : "footer.disabled")
        }
        return line + .init("j/k move · ? help · Esc close", role: "muted")
    }
}

/// A version's validation report over the `:models` view, scrolled with j/k PgDn/PgUp g/G.
struct ModelReportOverlayView: View {
    var report: ModelReportView

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let summary = report.model.summary
        let panel = Panel(title: "Validation report — \(summary.version) (\(summary.status.rawValue))", isFocused: true)
        panel.draw(into: &grid, area: area, theme: theme)
        let inner = panel.innerArea(of: area)
        guard inner.height > 1 else { return }
        let lines = ModelsView.reportLines(report, width: inner.width - 2)
        let rows = inner.height - 1
        let offset = min(max(0, report.offset), max(0, lines.count - rows))
        for (i, line) in lines.dropFirst(offset).prefix(rows).enumerated() {
            line.draw(into: &grid, x: inner.x + 1, y: inner.y + i, width: inner.width - 2, theme: theme, base: .plain)
        }
        let position = lines.count <= rows ? "all \(lines.count) lines"
            : "lines \(offset + 1)–\(min(lines.count, offset + rows)) of \(lines.count)"
        grid.put("j/k PgDn/PgUp g/G scroll · Esc back · \(position)", x: inner.x + 1, y: inner.y + inner.height - 1,
                 maxWidth: inner.width - 2, style: theme.style("muted"))
    }
}

/// The confirmation `a` asks for before a champion switch.
struct ModelApprovalView: View {
    var proposal: ModelProposal

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let what = proposal.kind == .promote ? "\(proposal.version) becomes champion of \(proposal.target)"
            : "\(proposal.target) rolls back to \(proposal.version)"
        let body = ["\(what)" + (proposal.replaces.map { ", replacing \($0)." } ?? "."),
                    "Every pending application is re-scored and re-priced in the same step;",
                    "the queue, the profile and pricing show the new figures together.",
                    "", "Proposed by \(proposal.proposedBy): \(PlainText.escaped(proposal.reason))", ""]
        Dialog(title: "Approve the \(proposal.kind == .promote ? "promotion" : "rollback")?", bodyLines: body, errorLines: [],
               fields: [], focusedFieldIndex: nil, hint: "y/Enter approve · Esc cancel", preferredWidth: 76)
            .draw(into: &grid, area: area, theme: theme)
    }
}
