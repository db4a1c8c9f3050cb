/// Something that draws itself into a rectangle of a grid using a theme's styles.
public protocol View {
    /// Draws into `area` of `grid`; nothing outside `area` changes.
    func draw(into grid: inout Grid, area: Rect, theme: Theme)
}

extension Grid {
    /// Draws `view` into `area` with `theme`.
    public mutating func draw(_ view: some View, in area: Rect, theme: Theme) {
        view.draw(into: &self, area: area.intersection(bounds), theme: theme)
    }
}
