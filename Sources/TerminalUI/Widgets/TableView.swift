/// A table of text cells with a header row and a highlighted selected row.
///
/// It draws only the rows it is given (the visible window); every cell is padded or truncated by
/// display width, so columns line up with CJK and other double-width text.
public struct TableView: View {
    public var columns: [TableColumn]
    /// The visible rows, top to bottom; each row has one string per column.
    public var rows: [[String]]
    /// The index into `rows` of the selected row, if it is visible.
    public var selectedIndex: Int?
    public var showsHeader: Bool
    /// An optional role per row (e.g. "muted" for stale rows), overriding "table.row".
    public var rowRoles: [String?]
    /// An optional role per cell (e.g. "grade.E"), overriding the row's role.
    public var cellRoles: [[String?]]
    /// Spaces between columns.
    public var columnSpacing: Int
    /// An unfocused table styles its selection with "table.selected.unfocused" (falling back to "table.selected").
    public var isFocused: Bool

    public init(
        columns: [TableColumn],
        rows: [[String]],
        selectedIndex: Int? = nil,
        showsHeader: Bool = true,
        rowRoles: [String?] = [],
        cellRoles: [[String?]] = [],
        columnSpacing: Int = 1,
        isFocused: Bool = true
    ) {
        self.columns = columns
        self.rows = rows
        self.selectedIndex = selectedIndex
        self.showsHeader = showsHeader
        self.rowRoles = rowRoles
        self.cellRoles = cellRoles
        self.columnSpacing = columnSpacing
        self.isFocused = isFocused
    }

    /// How many data rows fit in `area` below the header.
    public func visibleRowCount(in area: Rect) -> Int {
        max(0, area.height - (showsHeader ? 1 : 0))
    }

    /// The first row to show so that `selected` stays visible, scrolling as little as possible from `offset`.
    public static func scrollOffset(selected: Int, offset: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var first = min(max(0, offset), max(0, rowCount - visibleRows))
        if selected < first { first = selected }
        if selected >= first + visibleRows { first = selected - visibleRows + 1 }
        return max(0, first)
    }

    /// The width of each column when the table is `totalWidth` columns wide.
    public func columnWidths(for totalWidth: Int) -> [Int] {
        guard !columns.isEmpty else { return [] }
        let spacing = max(0, columnSpacing) * (columns.count - 1)
        var widths = columns.map { column -> Int in
            switch column.width {
            case .fixed(let n): return max(0, n)
            case .flexible(let minimum, _): return max(0, minimum)
            }
        }
        var spare = totalWidth - spacing - widths.reduce(0, +)
        let weights = columns.map { column -> Int in
            if case .flexible(_, let weight) = column.width { return max(0, weight) }
            return 0
        }
        let weightTotal = weights.reduce(0, +)
        if spare > 0, weightTotal > 0 {
            let available = spare
            for index in widths.indices where weights[index] > 0 {
                let share = available * weights[index] / weightTotal
                widths[index] += share
                spare -= share
            }
            var index = 0
            while spare > 0 {
                if weights[index % widths.count] > 0 {
                    widths[index % widths.count] += 1
                    spare -= 1
                }
                index += 1
            }
        }
        return widths
    }

    public func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(for: area.width)
        var y = area.y
        if showsHeader {
            drawRow(columns.map(\.title), y: y, widths: widths, area: area, rowStyle: theme.style("table.header"), cellStyles: nil, into: &grid)
            y += 1
        }
        let selectedStyle = theme.style(isFocused ? "table.selected" : "table.selected.unfocused")
        for (index, row) in rows.enumerated() {
            guard y < area.maxY else { break }
            if index == selectedIndex {
                drawRow(row, y: y, widths: widths, area: area, rowStyle: selectedStyle, cellStyles: nil, into: &grid)
            } else {
                let rowRole = index < rowRoles.count ? rowRoles[index] : nil
                let rowStyle = theme.style(rowRole ?? "table.row")
                let roles = index < cellRoles.count ? cellRoles[index] : []
                let cellStyles = roles.map { role in role.map(theme.style) ?? rowStyle }
                drawRow(row, y: y, widths: widths, area: area, rowStyle: rowStyle, cellStyles: cellStyles, into: &grid)
            }
            y += 1
        }
        if y < area.maxY {
            grid.fill(Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), style: theme.style("table.row"))
        }
    }

    private func drawRow(
        _ cells: [String], y: Int, widths: [Int], area: Rect, rowStyle: Style, cellStyles: [Style]?, into grid: inout Grid
    ) {
        grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: rowStyle)
        var x = area.x
        for (index, column) in columns.enumerated() {
            guard x < area.maxX else { break }
            let width = min(widths[index], area.maxX - x)
            let text = index < cells.count ? cells[index] : ""
            let style = cellStyles.flatMap { index < $0.count ? $0[index] : nil } ?? rowStyle
            grid.put(text, x: x, y: y, width: width, alignment: column.alignment, style: style)
            x += widths[index] + max(0, columnSpacing)
        }
    }
}
