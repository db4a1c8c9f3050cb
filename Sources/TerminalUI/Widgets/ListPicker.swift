/// A centred box listing items to choose one from, scrolled to keep the selection visible.
public struct ListPicker: View {
    public var title: String
    public var items: [String]
    public var selectedIndex: Int
    public var hint: String

    public init(title: String, items: [String], selectedIndex: Int = 0, hint: String = "↑↓ choose · Enter select · Esc cancel") {
        self.title = title
        self.items = items
        self.selectedIndex = selectedIndex
        self.hint = hint
    }

    /// Moves the selection for ↑ ↓ PgUp PgDn Home End; returns false for other keys.
    @discardableResult
    public mutating func handle(_ key: Key, pageSize: Int = 10) -> Bool {
        guard !items.isEmpty else { return false }
        switch key {
        case .up, .character("k"): selectedIndex -= 1
        case .down, .character("j"): selectedIndex += 1
        case .pageUp: selectedIndex -= pageSize
        case .pageDown: selectedIndex += pageSize
        case .home: selectedIndex = 0
        case .end: selectedIndex = items.count - 1
        default: return false
        }
        selectedIndex = min(max(0, selectedIndex), items.count - 1)
        return true
    }

    /// The item currently selected, if any.
    public var selectedItem: String? {
        items.indices.contains(selectedIndex) ? items[selectedIndex] : nil
    }

    /// The rectangle the picker occupies when centred in `area`.
    public func frame(in area: Rect) -> Rect {
        let widest = (items.map(DisplayWidth.of) + [DisplayWidth.of(title) + 12, DisplayWidth.of(hint)]).max() ?? 0
        let height = min(area.height, items.count + 4, max(5, area.height - 4))
        return area.centered(width: min(area.width, max(24, widest + 4)), height: height)
    }

    public func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        let base = theme.style("dialog")
        grid.fill(box, style: base)
        let counter = items.isEmpty ? "0/0" : "\(selectedIndex + 1)/\(items.count)"
        Box.draw(
            into: &grid, rect: box, borderStyle: theme.style("dialog.border"),
            title: title, titleStyle: theme.style("dialog.title"), label: counter, labelStyle: theme.style("dialog.border")
        )
        let inner = box.inset(top: 1, left: 1, bottom: 1, right: 1)
        let listArea = inner.splitBottom(inner.height > 2 ? 1 : 0).rest
        let visible = listArea.height
        let first = TableView.scrollOffset(selected: selectedIndex, offset: 0, visibleRows: visible, rowCount: items.count)
        for row in 0..<visible {
            let index = first + row
            guard index < items.count else { break }
            let style = index == selectedIndex ? theme.style("table.selected") : base
            grid.put(" " + items[index], x: listArea.x, y: listArea.y + row, width: listArea.width, alignment: .left, style: style)
        }
        if inner.height > 2 {
            grid.put(" " + DisplayWidth.truncate(hint, to: inner.width - 1), x: inner.x, y: inner.maxY - 1, style: theme.style("dialog.hint"))
        }
    }
}
