/// A bordered pane with a title at the top left and an optional counter (e.g. "12/345") at the top right.
public struct Panel: View {
    public var title: String
    public var counter: String?
    /// A focused panel uses the `pane.border.focus` and `pane.title.focus` roles.
    public var isFocused: Bool
    /// Whether drawing blanks the inside of the panel first.
    public var clearsInterior: Bool

    public init(title: String, counter: String? = nil, isFocused: Bool = false, clearsInterior: Bool = true) {
        self.title = title
        self.counter = counter
        self.isFocused = isFocused
        self.clearsInterior = clearsInterior
    }

    /// The area inside the border where content goes.
    public func innerArea(of area: Rect) -> Rect {
        area.inset(by: 1)
    }

    public func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        if clearsInterior {
            grid.fill(innerArea(of: area), style: theme.style("pane"))
        }
        Box.draw(
            into: &grid,
            rect: area,
            borderStyle: theme.style(isFocused ? "pane.border.focus" : "pane.border"),
            title: title,
            titleStyle: theme.style(isFocused ? "pane.title.focus" : "pane.title"),
            label: counter,
            labelStyle: theme.style("pane.counter")
        )
    }
}
