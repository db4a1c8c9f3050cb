/// A centred modal box with a title, body text, labelled text fields and a hint line.
public struct Dialog: View {
    /// One labelled input of a dialog, with an optional validation message shown beneath it.
    public struct Field: Hashable, Sendable {
        public var label: String
        public var input: TextField
        public var error: String?
        /// Shown dimmed while the field is empty.
        public var placeholder: String

        public init(label: String, input: TextField = TextField(), error: String? = nil, placeholder: String = "") {
            self.label = label
            self.input = input
            self.error = error
            self.placeholder = placeholder
        }
    }

    public var title: String
    public var bodyLines: [String]
    /// A failure to show under the body (e.g. the store refused the confirmation), in the `dialog.error` role.
    public var errorLines: [String]
    public var fields: [Field]
    /// The field that receives keys and shows the cursor.
    public var focusedFieldIndex: Int?
    public var hint: String
    /// The width to aim for; the dialog shrinks to fit small screens.
    public var preferredWidth: Int

    public init(
        title: String,
        bodyLines: [String] = [],
        errorLines: [String] = [],
        fields: [Field] = [],
        focusedFieldIndex: Int? = nil,
        hint: String = "Enter confirm · Esc cancel",
        preferredWidth: Int = 60
    ) {
        self.title = title
        self.bodyLines = bodyLines
        self.errorLines = errorLines
        self.fields = fields
        self.focusedFieldIndex = focusedFieldIndex ?? (fields.isEmpty ? nil : 0)
        self.hint = hint
        self.preferredWidth = preferredWidth
    }

    /// Sends an editing key to the focused field; returns false if no field used it.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        if key == .tab || key == .backTab, !fields.isEmpty {
            let step = key == .tab ? 1 : fields.count - 1
            focusedFieldIndex = ((focusedFieldIndex ?? 0) + step) % fields.count
            return true
        }
        guard let index = focusedFieldIndex, fields.indices.contains(index) else { return false }
        return fields[index].input.handle(key)
    }

    /// The rectangle the dialog occupies when centred in `area`.
    public func frame(in area: Rect) -> Rect {
        let contentWidths = (bodyLines + errorLines).map(DisplayWidth.of) + [DisplayWidth.of(title) + 4, DisplayWidth.of(hint)]
        let width = min(area.width, max(preferredWidth, (contentWidths.max() ?? 0) + 4))
        return area.centered(width: width, height: min(area.height, contentHeight + 2))
    }

    private var contentHeight: Int {
        let fieldRows = fields.reduce(0) { $0 + ($1.error == nil ? 1 : 2) }
        let gap = (!bodyLines.isEmpty && !fields.isEmpty) ? 1 : 0
        return bodyLines.count + errorLines.count + gap + fieldRows + 2
    }

    public func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        let base = theme.style("dialog")
        grid.fill(box, style: base)
        Box.draw(into: &grid, rect: box, borderStyle: theme.style("dialog.border"), title: title, titleStyle: theme.style("dialog.title"))

        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        var y = inner.y
        for line in bodyLines where y < inner.maxY - 1 {
            grid.put(line, x: inner.x, y: y, maxWidth: inner.width, style: base)
            y += 1
        }
        for line in errorLines where y < inner.maxY - 1 {
            grid.put(line, x: inner.x, y: y, maxWidth: inner.width, style: theme.style("dialog.error"))
            y += 1
        }
        if !bodyLines.isEmpty && !fields.isEmpty { y += 1 }

        let labelWidth = (fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + (fields.isEmpty ? 0 : 2)
        for (index, field) in fields.enumerated() where y < inner.maxY - 1 {
            grid.put(DisplayWidth.pad(field.label + ":", to: labelWidth), x: inner.x, y: y, maxWidth: inner.width, style: base)
            let input = Rect(x: inner.x + labelWidth, y: y, width: inner.width - labelWidth, height: 1)
            drawInput(field, focused: index == focusedFieldIndex, in: input, theme: theme, into: &grid)
            y += 1
            if let error = field.error, y < inner.maxY - 1 {
                grid.put(error, x: inner.x + labelWidth, y: y, maxWidth: input.width, style: theme.style("dialog.error"))
                y += 1
            }
        }
        grid.put(DisplayWidth.truncate(hint, to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style("dialog.hint"))
    }

    private func drawInput(_ field: Field, focused: Bool, in rect: Rect, theme: Theme, into grid: inout Grid) {
        guard rect.width > 0 else { return }
        let style = theme.style("dialog.field")
        grid.fill(rect, style: style)
        if field.input.isEmpty && !field.placeholder.isEmpty {
            var hint = style
            hint.dim = true
            grid.put(field.placeholder, x: rect.x, y: rect.y, maxWidth: rect.width, style: hint)
        }
        let (text, cursorColumn) = field.input.visibleText(width: rect.width)
        if !text.isEmpty {
            grid.put(text, x: rect.x, y: rect.y, maxWidth: rect.width, style: style)
        }
        if focused {
            let cursorStyle = theme.style("cursor")
            grid.style(Rect(x: rect.x + cursorColumn, y: rect.y, width: 1, height: 1)) { cell in
                cell.reverse.toggle()
                if cursorStyle.foreground != .default { cell.foreground = cursorStyle.foreground }
                if cursorStyle.background != .default { cell.background = cursorStyle.background }
            }
        }
    }
}
