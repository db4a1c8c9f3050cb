/// A one-line bar with a message on the left and short text (clock, mode, counts) on the right.
public struct StatusBar: View {
    /// Whether the message reports something normal or a failure.
    public enum Kind: Hashable, Sendable {
        case info
        case error
    }

    public var message: String
    public var kind: Kind
    public var rightText: String

    public init(message: String, kind: Kind = .info, rightText: String = "") {
        self.message = message
        self.kind = kind
        self.rightText = rightText
    }

    public func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let style = theme.style(kind == .error ? "status.error" : "status.info")
        let line = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        grid.fill(line, style: style)
        let right = DisplayWidth.truncate(rightText, to: max(0, area.width - 2))
        let rightWidth = DisplayWidth.of(right)
        if rightWidth > 0 {
            grid.put(right, x: area.maxX - 1 - rightWidth, y: area.y, style: style)
        }
        let room = area.width - 2 - (rightWidth > 0 ? rightWidth + 2 : 0)
        if room > 0 {
            grid.put(DisplayWidth.truncate(message, to: room), x: area.x + 1, y: area.y, style: style)
        }
    }
}
