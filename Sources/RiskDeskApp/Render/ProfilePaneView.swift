import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The selected application's customer: identity (masked), KYC/AML, assets, positions, score reasons, history, alerts.
struct ProfilePaneView: View {
    var state: AppState

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let title = "2 " + Pane.profile.title
        guard let detail = state.detail else {
            let panel = Panel(title: title, isFocused: state.focus == .profile)
            panel.draw(into: &grid, area: area, theme: theme)
            grid.put("select an application", x: area.x + 2, y: area.y + 2, style: theme.style("muted"))
            return
        }
        let lines = Self.lines(for: detail, now: state.now, proposal: state.proposals[detail.application.id], revealed: state.revealed)
        let inner = area.inset(by: 1)
        let maxScroll = max(0, lines.count - inner.height)
        let scroll = min(state.profileScroll, maxScroll)
        let counter = lines.count > inner.height ? "\(scroll + 1)–\(min(lines.count, scroll + inner.height))/\(lines.count)" : nil
        let panel = Panel(title: title + " · " + detail.customer.name, counter: counter, isFocused: state.focus == .profile)
        panel.draw(into: &grid, area: area, theme: theme)
        for (i, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            var x = inner.x + 1
            for span in line {
                guard x < inner.maxX else { break }
                x += grid.put(span.text, x: x, y: inner.y + i, maxWidth: inner.maxX - x, style: theme.style(span.role))
            }
        }
    }

    struct Span { var text: String; var role: String }
    typealias Line = [Span]

    /// `proposal`: the first approval an application awaiting a second one asks to confirm; `revealed`: clear values
    /// a supervisor revealed (shown only for this customer and until they expire).
    static func lines(for d: ApplicationDetail, now: Date, proposal: PendingProposal? = nil, revealed: RevealedIdentity? = nil) -> [Line] {
        let c = d.customer
        let app = d.application
        func plain(_ t: String) -> Line { [Span(text: t, role: "pane")] }
        func label(_ l: String, _ v: String, _ role: String = "pane") -> Line {
            [Span(text: l.padding(toLength: 12, withPad: " ", startingAt: 0), role: "muted"), Span(text: v, role: role)]
        }
        func section(_ t: String) -> Line { [Span(text: t, role: "table.header")] }
        var out: [Line] = []
        out.append(label("Customer", "\(c.id) \(c.segment.label) · \(c.suitability.label) · \(c.tenureMonths) mo"))
        if let revealed, revealed.customerID == c.id, revealed.isShown(at: now) {
            out.append(label("ID / phone", "\(revealed.nationalID)  \(revealed.phone)", "severity.warning"))
            out.append(label("", "revealed · \(revealed.secondsLeft(at: now)) s", "muted"))
        } else {
            out.append(label("ID / phone", "\(c.maskedNationalID)  \(c.maskedPhone)"))
        }
        let kycDays = Int(floor(c.kycExpiry.timeIntervalSince(now) / 86_400))
        let kycRole = kycDays < 0 || c.kycStatus != .valid ? "severity.critical" : (kycDays <= 30 ? "severity.warning" : "pane")
        out.append(label("KYC", "\(c.kycStatus.rawValue) until \(Durations.isoDay(c.kycExpiry))\(kycDays <= 30 ? " (\(kycDays)d)" : "")", kycRole))
        let amlRole = c.amlStatus == .hit ? "severity.critical" : (c.amlStatus == .review ? "severity.warning" : "pane")
        out.append(label("AML", c.amlStatus.rawValue + (c.isPEP ? " · PEP" : ""), amlRole))
        out.append(label("Assets", "\(c.securitiesAssets.formattedWhole)  liab. \(c.liabilities.formattedWhole)"))
        out.append(label("Request", "\(app.requestedLine.formattedWhole) at \(app.requestedLeverage.text), \(app.termMonths) mo, \(app.channel.rawValue)"))
        out.append(label("Stage", "\(app.stage.label) · v\(app.version) · SLA \(Durations.short(app.slaRemaining(at: now)))"))
        for account in d.accounts {
            let ratio = account.maintenanceRatio
            let role = ratio.map { $0 < account.lines.closeOut.fraction ? "severity.critical" : ($0 < account.lines.warning.fraction ? "severity.warning" : "pane") } ?? "pane"
            let ltv = account.loanToValue.map { String(format: " · LTV %.0f%%", $0 * 100) } ?? ""
            out.append(label("Account", "\(account.id) maint. \(ratio.map { String(format: "%.0f%%", $0 * 100) } ?? "—")\(ltv)", role))
            for p in account.positions.prefix(5) {
                out.append(plain("  \(p.instrument.code) \(p.instrument.name) \(p.marketValue.formattedCompact) \(String(format: "%+.1f%%", p.instrument.dayChange * 100))"))
            }
        }
        if app.stage == .awaitingSecondApproval, let proposal {
            out.append(contentsOf: FirstApprovalLines.lines(proposal).map { line in
                line.map { Span(text: $0.text, role: $0.role) }
            })
        }
        out.append([])
        out.append(contentsOf: ProfileScoreLines.lines(d))
        if !app.flags.isEmpty {
            out.append([])
            out.append(section("Flags"))
            for flag in app.flags { out.append([Span(text: "  \(flag.code) ", role: "highlight"), Span(text: flag.text, role: "pane")]) }
        }
        if !d.openAlerts.isEmpty {
            out.append([])
            out.append(section("Open alerts"))
            for alert in d.openAlerts {
                out.append([Span(text: "  [\(alert.severity.tag)] ", role: "severity.\(alert.severity.rawValue)"), Span(text: alert.message, role: "pane")])
            }
        }
        out.append([])
        out.append(section("History"))
        if d.decisions.isEmpty && d.previousApplications.isEmpty { out.append(plain("  no earlier decisions or applications")) }
        for decision in d.decisions {
            var text = "  \(Durations.isoDay(decision.decidedAt)) \(decision.actor) \(decision.kind)"
            if let code = decision.reasonCode { text += " \(code)" }
            if !decision.note.isEmpty { text += " \"\(decision.note)\"" }
            out.append(plain(text))
        }
        for previous in d.previousApplications.prefix(5) {
            out.append(plain("  \(previous.id) \(previous.requestedLine.formattedCompact) \(previous.stage.label) \(Durations.isoDay(previous.submittedAt))"))
        }
        return out
    }
}

private extension Array where Element == ProfilePaneView.Span {
    static func + (lhs: Self, rhs: Self) -> Self { var out = lhs; out.append(contentsOf: rhs); return out }
}
