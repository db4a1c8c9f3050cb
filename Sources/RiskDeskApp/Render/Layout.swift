import TerminalUI

/// Where everything goes on screen: a header line, four panes (or one zoomed), the desk-metrics strip when shown, a
/// status line and a footer.
struct Layout {
    var header: Rect
    var panes: [Pane: Rect]
    /// The desk-metrics strip above the status line (nil when hidden).
    var metrics: Rect?
    var status: Rect
    var footer: Rect

    /// The layout of `state`'s screen: its size, zoom and metrics strip.
    init(_ state: AppState) {
        self.init(size: state.size, zoomed: state.zoomed ? state.focus : nil, strip: state.metrics.height(for: state.size))
    }

    init(size: Size, zoomed: Pane?, strip: Int = 0) {
        let full = Rect(size: size)
        let (headerRect, rest) = full.splitTop(1)
        let (aboveStatus, bottom) = rest.splitBottom(2)
        var body = aboveStatus
        if strip > 0, body.height > strip {
            let (panes, stripRect) = body.splitBottom(strip)
            body = panes
            metrics = stripRect
        }
        header = headerRect
        status = Rect(x: bottom.x, y: bottom.y, width: bottom.width, height: 1)
        footer = Rect(x: bottom.x, y: bottom.y + 1, width: bottom.width, height: 1)
        if let zoomed {
            panes = [zoomed: body]
            return
        }
        // Left column: queue over alerts; right column: profile over pricing.
        let columns = body.splitColumns([0.6, 0.4])
        let left = columns[0].splitRows([0.62, 0.38])
        let pricingHeight = min(12, max(9, columns[1].height * 35 / 100))
        let right = columns[1].splitRows(lengths: [.fill, .fixed(pricingHeight)])
        panes = [.queue: left[0], .alerts: left[1], .profile: right[0], .pricing: right[1]]
    }
}

/// How many queue rows fit, so the store is asked for exactly one screenful.
enum QueueLayout {
    static func visibleRows(for state: AppState) -> Int {
        let layout = Layout(state)
        guard let rect = layout.panes[.queue] else { return max(1, state.queue.pageSize) }
        return max(1, rect.height - 3)  // border (2) + header row
    }
}

/// How many alert rows fit, so the store is asked for exactly one screenful.
enum AlertsLayout {
    static func visibleRows(for state: AppState) -> Int {
        let layout = Layout(state)
        guard let rect = layout.panes[.alerts] else { return max(1, state.alerts.pageSize) }
        return max(1, rect.height - 3)  // border (2) + header row
    }
}
