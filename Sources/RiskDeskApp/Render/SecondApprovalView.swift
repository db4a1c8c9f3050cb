import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The queue under `:stage second` / `S`: who gave the first approval, on what terms, and why four eyes apply.
struct SecondApprovalTable: View {
    var state: AppState

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let q = state.queue
        let columns: [TableColumn] = [
            TableColumn(title: "ID", width: .fixed(10)),
            TableColumn(title: "Customer", width: .flexible(minimum: 6, weight: 1)),
            TableColumn(title: "1st appr.", width: .fixed(10)),
            TableColumn(title: "Terms", width: .flexible(minimum: 18, weight: 3)),
            TableColumn(title: "Four eyes", width: .flexible(minimum: 12, weight: 1)),
            TableColumn(title: "SLA", width: .fixed(6), alignment: .right),
        ]
        var rows: [[String]] = []
        var roles: [[String?]] = []
        for row in q.rows {
            let app = row.application
            let proposal = state.proposals[app.id]
            let approver = proposal.map { $0.decision.actor == state.user.name ? "you" : $0.decision.actor } ?? "…"
            var cells = [app.id, row.customerName, approver, proposal.map(Self.compactTerms) ?? "…",
                         proposal.map(Self.compactReason) ?? "…"]
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

    /// "¥2.74M 1.47× 12.00% +60bp": the first approver's line, leverage, rate and override in a narrow column.
    static func compactTerms(_ proposal: PendingProposal) -> String {
        let d = proposal.decision
        var parts = [d.line?.formattedCompact, d.leverage?.text, d.rate?.percentText].compactMap { $0 }
        if let override = d.priceOverride, override != .zero { parts.append(override.value > 0 ? "+\(override.value)bp" : "\(override.value)bp") }
        return parts.joined(separator: " ")
    }

    /// "amount > ¥1M" or "override +60bp > ±50": why a second approver is needed, in a narrow column.
    static func compactReason(_ proposal: PendingProposal) -> String {
        switch proposal.reason {
        case let .amount(_, threshold)?: "amount > \(threshold.formattedCompact)"
        case let .priceOverride(override, limit)?: "override \(override.value > 0 ? "+" : "")\(override.value)bp > ±\(limit.value)"
        case nil: "—"
        }
    }
}

/// The profile's "First approval" section for an application awaiting a second approval.
enum FirstApprovalLines {
    /// The columns a value may take beside its label in the profile pane of a 120-column console.
    static let valueWidth = 30

    static func lines(_ proposal: PendingProposal) -> [[(text: String, role: String)]] {
        let d = proposal.decision
        var out: [[(text: String, role: String)]] = [[], [("First approval · a second supervisor confirms", "table.header")]]
        // Values wrap under their label: the profile pane is narrow beside the queue.
        func label(_ l: String, _ v: String) {
            for (i, part) in DisplayWidth.wrap(v, to: valueWidth).enumerated() {
                out.append([((i == 0 ? l : "").padding(toLength: 12, withPad: " ", startingAt: 0), "muted"), (part, "pane")])
            }
        }
        label("By", "\(d.actor) (\(d.kind))")
        label("When", RollbackRules.minuteText(d.decidedAt))
        label("Terms", proposal.termsText)
        if let override = d.priceOverride, override != .zero { label("Override", override.signedText) }
        if !d.note.isEmpty { label("Note", d.note) }
        label("Four eyes", proposal.reason?.description ?? "no longer required by the policy")
        return out
    }
}
