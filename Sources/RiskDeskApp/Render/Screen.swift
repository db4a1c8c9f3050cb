import Foundation
import RiskCore
import TerminalUI

/// Draws the whole console for a state: render(state) → Grid.
public enum Screen {
    public static func render(_ state: AppState, theme: Theme, keyMap: KeyMap = .standard) -> Grid {
        var grid = Grid(size: state.size)
        if state.isTooSmall {
            drawTooSmall(into: &grid, state: state, theme: theme)
            return grid
        }
        let layout = Layout(state)
        HeaderView(state: state).draw(into: &grid, area: layout.header, theme: theme)
        for (pane, rect) in layout.panes {
            switch pane {
            case .queue: QueuePaneView(state: state).draw(into: &grid, area: rect, theme: theme)
            case .profile: ProfilePaneView(state: state).draw(into: &grid, area: rect, theme: theme)
            case .alerts: AlertsPaneView(state: state).draw(into: &grid, area: rect, theme: theme)
            case .pricing: PricingPaneView(state: state).draw(into: &grid, area: rect, theme: theme)
            }
        }
        if let strip = layout.metrics { MetricsView(strip: state.metrics).draw(into: &grid, area: strip, theme: theme) }
        drawStatus(into: &grid, area: layout.status, state: state, theme: theme)
        FooterView(hints: keyMap.footer(for: state)).draw(into: &grid, area: layout.footer, theme: theme)
        // The `:models` view sits under the reason dialog its keys open, so draw it first.
        if let models = state.modelsView {
            // Above the status line, which says why a key cannot act.
            let area = grid.bounds.inset(top: 1, left: 1, bottom: 2, right: 1)
            ModelsOverlayView(state: state, view: models, keyMap: keyMap).draw(into: &grid, area: area, theme: theme)
            if let report = models.report {
                ModelReportOverlayView(report: report).draw(into: &grid, area: area, theme: theme)
            }
            if let proposal = models.confirmsApproval {
                ModelApprovalView(proposal: proposal).draw(into: &grid, area: grid.bounds, theme: theme)
            }
        }
        // The tour's strip sits over the panes and the calls view the trainer is teaching, but under a dialog, which
        // the person is typing into and must see whole.
        let dialogIsOpen = state.dialog != nil || state.alertDialog != nil || state.reasonDialog != nil || state.pricingEditDialog != nil
        if dialogIsOpen { drawTour(into: &grid, state: state, theme: theme) }
        if let dialog = state.dialog {
            DecisionDialogView(dialog: dialog).draw(into: &grid, area: grid.bounds, theme: theme)
        }
        if let alertDialog = state.alertDialog {
            AlertDialogView(dialog: alertDialog).draw(into: &grid, area: grid.bounds, theme: theme)
        }
        if let reasonDialog = state.reasonDialog {
            ReasonDialogView(dialog: reasonDialog, now: state.now).draw(into: &grid, area: grid.bounds, theme: theme)
        }
        if let pricingEdit = state.pricingEditDialog {
            PricingEditDialogView(dialog: pricingEdit).draw(into: &grid, area: grid.bounds, theme: theme)
        }
        if let calls = state.callsOverlay {
            CallsOverlayView(view: calls, now: state.now).draw(into: &grid, area: grid.bounds.inset(by: 1), theme: theme)
        }
        if state.showsHelp {
            let overlay = HelpOverlay(title: "Keys — \(state.user.name) (\(state.user.role.rawValue))",
                                      sections: keyMap.helpSections(for: state), offset: state.helpOffset)
            overlay.draw(into: &grid, area: grid.bounds.inset(by: 1), theme: theme)
        }
        if let settings = state.settingsOverlay {
            settings.overlay(title: SettingsOverlay.title).draw(into: &grid, area: grid.bounds.inset(by: 1), theme: theme)
        }
        if !dialogIsOpen { drawTour(into: &grid, state: state, theme: theme) }
        return grid
    }

    private static func drawTour(into grid: inout Grid, state: AppState, theme: Theme) {
        guard let tour = state.tour, tour.isVisible else { return }  // training mode: the guided tour's strip
        TourStripView(tour: tour, steps: AppState.tourSteps).draw(into: &grid, area: TourStripView.area(for: state, in: grid.bounds), theme: theme)
    }

    private static func drawStatus(into grid: inout Grid, area: Rect, state: AppState, theme: Theme) {
        if let prompt = state.prompt {
            let label = prompt.kind == .filter ? "/" : ":"
            let style = theme.style("status.info")
            grid.fill(area, style: style)
            let (text, cursor) = prompt.field.visibleText(width: area.width - 3)
            grid.put(label + text, x: area.x + 1, y: area.y, style: style)
            var cursorStyle = theme.style("cursor")
            if cursorStyle == .plain { cursorStyle.reverse = true }
            let cursorX = area.x + 2 + cursor
            let under = grid[x: cursorX, y: area.y].text
            grid.put(under.isEmpty ? " " : under, x: cursorX, y: area.y, style: cursorStyle)
            return
        }
        var message = state.status?.text ?? (state.isReadOnly ? state.readOnlyMessage : "")
        if let note = state.pendingNote { message = message.isEmpty ? note : note + " · " + message }
        let filter = state.queue.filter
        var right: [String] = []
        if !filter.text.isEmpty { right.append("filter \"\(filter.text)\"") }
        if !filter.stages.isEmpty { right.append("stage " + filter.stages.map(\.rawValue).joined(separator: ",")) }
        if !filter.grades.isEmpty { right.append("grade " + filter.grades.map(\.rawValue).joined()) }
        StatusBar(message: message, kind: state.status?.isError == true ? .error : .info,
                  rightText: right.joined(separator: " · ")).draw(into: &grid, area: area, theme: theme)
    }

    private static func drawTooSmall(into grid: inout Grid, state: AppState, theme: Theme) {
        let lines = ["terminal too small: need \(AppState.minimumSize.width)×\(AppState.minimumSize.height), have \(state.size.width)×\(state.size.height)",
                     "enlarge the window, or press q to quit"]
        for (i, line) in lines.enumerated() {
            let text = DisplayWidth.truncate(line, to: grid.width)
            let x = max(0, (grid.width - DisplayWidth.of(text)) / 2)
            grid.put(text, x: x, y: max(0, grid.height / 2 - 1 + i), style: theme.style(i == 0 ? "status.error" : "muted"))
        }
    }
}
