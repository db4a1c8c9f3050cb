/// Draws Unicode box borders with an optional title on the left and a label on the right of the top edge.
enum Box {
    static let horizontal = "─"
    static let vertical = "│"
    static let topLeft = "┌"
    static let topRight = "┐"
    static let bottomLeft = "└"
    static let bottomRight = "┘"

    /// Draws the border of `rect`; the top edge reads "┌─ Title ───── label ─┐".
    static func draw(
        into grid: inout Grid,
        rect: Rect,
        borderStyle: Style,
        title: String = "",
        titleStyle: Style = .plain,
        label: String? = nil,
        labelStyle: Style = .plain
    ) {
        guard rect.width >= 2, rect.height >= 1 else { return }
        let inner = rect.width - 2
        let bar = String(repeating: horizontal, count: inner)
        grid.put(topLeft + bar + topRight, x: rect.x, y: rect.y, maxWidth: rect.width, style: borderStyle)
        if rect.height >= 2 {
            grid.put(bottomLeft + bar + bottomRight, x: rect.x, y: rect.maxY - 1, maxWidth: rect.width, style: borderStyle)
        }
        if rect.height >= 3 {
            for row in (rect.y + 1)..<(rect.maxY - 1) {
                grid.put(vertical, x: rect.x, y: row, style: borderStyle)
                grid.put(vertical, x: rect.maxX - 1, y: row, style: borderStyle)
            }
        }

        // Right label first: it is short and informative (counters), the title yields to it.
        var labelStart = rect.maxX - 1
        if let label, !label.isEmpty, inner >= 4 {
            let text = " " + DisplayWidth.truncate(label, to: max(1, inner / 2 - 2)) + " "
            labelStart = rect.maxX - 2 - DisplayWidth.of(text)
            grid.put(text, x: labelStart, y: rect.y, style: labelStyle)
        }
        if !title.isEmpty {
            let titleX = rect.x + 2
            let room = labelStart - titleX - 1
            guard room >= 3 else { return }
            let text = " " + DisplayWidth.truncate(title, to: room - 2) + " "
            grid.put(text, x: titleX, y: rect.y, maxWidth: room, style: titleStyle)
        }
    }
}
