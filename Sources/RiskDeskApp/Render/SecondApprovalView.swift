import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The queue under `:stage second` / `S`: who gave the first approval, on what terms, and why four eyes apply.
struct SecondApprovalTable: View {
    var state: AppState

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let q = state.queue
        let wide = area.width >= 96
        var columns: [TableColumn] = [
            TableColumn(title: "ID", width: .fixed(10)),
            TableColumn(title: "Customer", width: .flexible(minimum: 6, weight: 1)),
            TableColumn(title: "1st approver", width: .fixed(12)),
            TableColumn(title: "Terms", width: .flexible(minimum: 14, weight: 2)),
        ]
        if wide { columns.append(TableColumn(title: "Why four eyes", width: .flexible(minimum: 12, weight: 2))) }
        columns.append(TableColumn(title: "SLA", width: .fixed(7), alignment: .right))
        var rows: [[String]] = []
        var roles: [[String?]] = []
        for row in q.rows {
            let app = row.application
            let proposal = state.proposals[app.id]
            let approver = proposal.map { $0.decision.actor == state.user.name ? "you" : $0.decision.actor } ?? "…"
            var cells = [app.id, row.customerName, approver, proposal?.termsText ?? "…"]
            if wide { cells.append(proposal?.shortReason ?? "…") }
            let sla = app.slaRemaining(at: state.now)
            cells.append(Durations.short(sla))
            rows.append(cells)
            var cellRoles = [String?](repeating: nil, count: cells.count)
            if approver == "you" { cellRoles[2] = "muted" }
            cellRoles[cells.count - 1] = sla < 0 ? "severity.critical" : (sla < 4 * 3_600 ? "severity.warning" : nil)
            roles.append(cellRoles)
        }
        TableView(columns: columns, rows: rows, selectedIndex: q.selected, cellRoles: roles,
                  isFocused: state.focus == .queue).draw(into: &grid, area: area, theme: theme)
    }
}

/// The profile's "First approval" section for an application awaiting a second approval.
enum FirstApprovalLines {
    static func lines(_ proposal: PendingProposal) -> [[(text: String, role: String)]] {
        let d = proposal.decision
        func label(_ l: String, _ v: String) -> [(text: String, role: String)] {
            [(l.padding(toLength: 12, withPad: " ", startingAt: 0), "muted"), (v, "pane")]
        }
        var out: [[(text: String, role: String)]] = [[], [("First approval (awaiting a second, different supervisor)", "table.header")]]
        out.append(label("By", "\(d.actor) · \(RollbackRules.minuteText(d.decidedAt)) · \(d.kind)"))
        out.append(label("Terms", proposal.termsText))
        if let override = d.priceOverride, override != .zero { out.append(label("Override", override.signedText)) }
        if !d.note.isEmpty { out.append(label("Note", d.note)) }
        out.append(label("Four eyes", proposal.reason?.description ?? "no longer required by the policy"))
        return out
    }
}
