import Foundation
import RiskCore
import TerminalUI

/// The guided tour's strip: the step on show, its keys, and whether the store shows it done. Drawn over the pricing
/// pane (the profile's place when pricing has focus), or along the bottom of an open view, so the pane being
/// taught stays in sight.
struct TourStripView: View {
    var tour: TourState
    var steps: [TourStep]

    /// Where the strip goes for this layout, focus and open view.
    static func area(for state: AppState, in bounds: Rect) -> Rect {
        let layout = Layout(state)
        if state.callsOverlay != nil || state.zoomed || state.showsHelp || state.settingsOverlay != nil {
            // Over an open view: as tall as its text, in the lower right, above the view's hint line and border.
            let lines = state.tour.map { TourStripView(tour: $0, steps: AppState.tourSteps).content.lines.count } ?? 6
            let height = min(lines + 2, max(0, bounds.height - 6))
            let width = min(bounds.width - 4, 56)
            return Rect(x: bounds.width - 2 - width, y: bounds.height - 3 - height, width: width, height: height)
        }
        let taught = state.focus == .pricing ? Pane.profile : Pane.pricing
        return layout.panes[taught] ?? Rect(x: 0, y: 0, width: 0, height: 0)
    }

    /// The strip's title and lines (pure, for tests).
    var content: (title: String, lines: [String]) {
        guard steps.indices.contains(tour.viewing) else {
            return ("Tour — complete", ["Every step done, each checked in the store.", "", ":tour restart runs it again", ":reset puts the demo back as it was"])
        }
        let step = steps[tour.viewing]
        let state: String
        if tour.viewing < tour.reached {
            state = "✓ done (checked in the store) · :tour next"
        } else if tour.mark == nil {
            state = "starting…"
        } else {
            state = "… waiting for the store to show it done"
        }
        return ("Tour \(tour.viewing + 1)/\(steps.count) — \(step.title)", step.instructions + [state, ":tour next/back · Esc hides"])
    }

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        guard area.width > 10, area.height > 2 else { return }
        let (title, lines) = content
        let panel = Panel(title: title, isFocused: true)
        panel.draw(into: &grid, area: area, theme: theme)
        let inner = panel.innerArea(of: area)
        for (i, line) in lines.prefix(inner.height).enumerated() {
            let isDone = line.hasPrefix("✓")
            grid.put(line, x: inner.x + 1, y: inner.y + i, maxWidth: max(0, inner.width - 1),
                     style: theme.style(isDone ? "training.banner" : (i >= lines.count - 2 ? "muted" : "pane")))
        }
    }
}
