import Foundation
import RiskCore
import TerminalUI

/// Rates for each grade × leverage band, the selected application's cell highlighted; Enter shows its breakdown.
struct PricingPaneView: View {
    var state: AppState

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let quote = state.detail?.quote?.quote
        let counter = quote.map { "\(state.detail?.application.id ?? "") \($0.rate.percentText)" }
        let panel = Panel(title: "4 " + Pane.pricing.title, counter: counter, isFocused: state.focus == .pricing)
        panel.draw(into: &grid, area: area, theme: theme)
        let inner = panel.innerArea(of: area)
        if state.showsBreakdown, let quote {
            drawBreakdown(quote, into: &grid, area: inner, theme: theme)
            return
        }
        guard !state.pricingTable.isEmpty else {
            // The table is read after the first frame (see `DeskRuntime.showFirstFrame`).
            grid.put("loading…", x: inner.x + 1, y: inner.y + 1, style: theme.style("muted"))
            return
        }
        var columns = [TableColumn(title: "Grade", width: .fixed(5))]
        columns += Pricing.leverageBands(upTo: state.pricingMaximumLeverage).map { TableColumn(title: $0.label, width: .flexible(minimum: 6, weight: 1), alignment: .right) }
        var rows: [[String]] = []
        var roles: [[String?]] = []
        let appCell: (Int, Int)? = state.detail?.application.grade.flatMap { g in
            Grade.allCases.firstIndex(of: g).map { ($0, Pricing.bandIndex(for: state.detail?.application.requestedLeverage ?? Leverage(1.5), maximum: state.pricingMaximumLeverage)) }
        }
        for (g, grade) in Grade.allCases.enumerated() {
            let marker = g == state.pricingGradeCursor && state.focus == .pricing ? "▸" : " "
            var cells = [marker + grade.rawValue]
            var rowRoles: [String?] = ["grade.\(grade.rawValue)"]
            for (b, rate) in state.pricingTable[g].enumerated() {
                let isApp = appCell.map { $0.0 == g && $0.1 == b } ?? false
                cells.append(isApp ? "[\(rate.percentText)]" : rate.percentText)
                rowRoles.append(isApp ? "highlight" : nil)
            }
            rows.append(cells)
            roles.append(rowRoles)
        }
        TableView(columns: columns, rows: rows, selectedIndex: nil, cellRoles: roles, isFocused: state.focus == .pricing)
            .draw(into: &grid, area: inner, theme: theme)
        // The selected application's own rate is its stored quote; where it differs from its cell, say why.
        var y = inner.y + rows.count + 1
        if let detail = state.detail, let own = quote, let difference = detail.quoteDifference, inner.height > rows.count + 2 {
            let text = "\(detail.application.id) \(own.rate.percentText), not the cell's: \(difference)"
            for line in DisplayWidth.wrap(text, to: inner.width).prefix(max(0, inner.y + inner.height - 1 - y)) {
                grid.put(line, x: inner.x, y: y, maxWidth: inner.width, style: theme.style("muted"))
                y += 1
            }
        }
        if inner.y + inner.height > y {
            grid.put("Enter: component breakdown of the selected application", x: inner.x, y: y,
                     maxWidth: inner.width, style: theme.style("muted"))
        }
    }

    private func drawBreakdown(_ quote: Quote, into grid: inout Grid, area: Rect, theme: Theme) {
        var rows = quote.components.map { [$0.name, $0.amount.signedText, $0.driver] }
        rows.append(["clamp", quote.clampAdjustment.signedText, quote.clampAdjustment == .zero ? "within floor and cap" : "floor/cap applied"])
        // Rate and fee share a line so the whole breakdown fits the pane (header + 9 rows).
        rows.append(["rate", quote.rate.percentText, "per year + fee \(quote.fee.value) bp = \(quote.feeAmount.formatted)"])
        let roles = rows.map { row -> [String?] in row[0] == "rate" ? ["highlight", "highlight", nil] : [nil, nil, "muted"] }
        TableView(columns: [TableColumn(title: "Component", width: .fixed(13)),
                            TableColumn(title: "bp", width: .fixed(8), alignment: .right),
                            TableColumn(title: "Driver", width: .flexible(minimum: 8, weight: 1))],
                  rows: rows, cellRoles: roles).draw(into: &grid, area: area, theme: theme)
    }
}
