/// A centred, scrollable list of key bindings grouped in sections, built from the app's key map.
public struct HelpOverlay: View {
    /// A group of bindings under a heading such as "Queue" or "Dialogs".
    public struct Section: Hashable, Sendable {
        public var title: String
        /// Pairs of keys (e.g. "a", "Ctrl-C", "↑/k") and what they do.
        public var entries: [(keys: String, description: String)]

        public init(title: String, entries: [(keys: String, description: String)]) {
            self.title = title
            self.entries = entries
        }

        public static func == (lhs: Section, rhs: Section) -> Bool {
            lhs.title == rhs.title && lhs.entries.elementsEqual(rhs.entries) { $0 == $1 }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(title)
            for entry in entries {
                hasher.combine(entry.keys)
                hasher.combine(entry.description)
            }
        }
    }

    private enum Line {
        case heading(String)
        case entry(keys: String, description: String)
        case blank
    }

    public var title: String
    public var sections: [Section]
    /// The first line shown; clamped when drawing.
    public var offset: Int
    public var hint: String

    public init(title: String = "Help", sections: [Section], offset: Int = 0, hint: String = "↑↓ scroll · Esc close") {
        self.title = title
        self.sections = sections
        self.offset = offset
        self.hint = hint
    }

    /// The number of lines the help text has.
    public var lineCount: Int { lines.count }

    /// The largest useful `offset` when drawn in `area`.
    public func maxOffset(in area: Rect) -> Int {
        max(0, lines.count - visibleLineCount(in: area))
    }

    /// The rectangle the overlay occupies when centred in `area`.
    public func frame(in area: Rect) -> Rect {
        let keyWidth = keyColumnWidth
        let widest = lines.map { line -> Int in
            switch line {
            case .heading(let text): return DisplayWidth.of(text)
            case .entry(_, let description): return keyWidth + 2 + DisplayWidth.of(description)
            case .blank: return 0
            }
        }.max() ?? 0
        let width = min(area.width - 2, max(40, widest + 4, DisplayWidth.of(hint) + 4))
        let height = min(area.height - 2, lines.count + 3)
        return area.centered(width: width, height: height)
    }

    public func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let box = frame(in: area)
        guard box.width >= 6, box.height >= 3 else { return }
        let base = theme.style("help")
        grid.fill(box, style: base)
        let visible = visibleLineCount(in: area)
        let first = min(max(0, offset), maxOffset(in: area))
        let last = min(lines.count, first + visible)
        let counter = lines.count > visible ? "\(first + 1)–\(last)/\(lines.count)" : nil
        Box.draw(
            into: &grid, rect: box, borderStyle: theme.style("dialog.border"),
            title: title, titleStyle: theme.style("dialog.title"), label: counter, labelStyle: theme.style("dialog.border")
        )
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let keyWidth = min(keyColumnWidth, max(1, inner.width / 2))
        for (row, line) in lines[first..<last].enumerated() {
            let y = inner.y + row
            switch line {
            case .heading(let text):
                grid.put(text, x: inner.x, y: y, maxWidth: inner.width, style: theme.style("help.section"))
            case .entry(let keys, let description):
                grid.put(keys, x: inner.x, y: y, width: keyWidth, alignment: .left, style: theme.style("help.key"))
                grid.put(description, x: inner.x + keyWidth + 2, y: y, maxWidth: max(0, inner.width - keyWidth - 2), style: base)
            case .blank:
                break
            }
        }
        grid.put(DisplayWidth.truncate(hint, to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style("dialog.hint"))
    }

    private func visibleLineCount(in area: Rect) -> Int {
        max(0, frame(in: area).height - 3)
    }

    private var keyColumnWidth: Int {
        sections.flatMap(\.entries).map { DisplayWidth.of($0.keys) }.max() ?? 0
    }

    private var lines: [Line] {
        var result: [Line] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { result.append(.blank) }
            result.append(.heading(section.title))
            result += section.entries.map { Line.entry(keys: $0.keys, description: $0.description) }
        }
        return result
    }
}
