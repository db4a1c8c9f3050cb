import Testing
@testable import TerminalUI

@Suite struct WidgetTests {
    let theme = BuiltInThemes.fallback

    @Test func panelDrawsBorderTitleAndCounter() {
        var grid = Grid(width: 30, height: 4)
        Panel(title: "Queue", counter: "12/345").draw(into: &grid, area: grid.bounds, theme: theme)
        #expect(grid.row(0) == "┌─ Queue ─────────── 12/345 ─┐")
        #expect(grid.row(1) == "│                            │")
        #expect(grid.row(3) == "└────────────────────────────┘")
        #expect(Panel(title: "x").innerArea(of: grid.bounds) == Rect(x: 1, y: 1, width: 28, height: 2))
    }

    @Test func focusedPanelUsesFocusRoles() throws {
        let focusTheme = Theme(name: "t", roles: [
            "pane.border": Style(foreground: .ansi(8)),
            "pane.border.focus": Style(foreground: .ansi(6), bold: true),
            "pane.title.focus": Style(reverse: true),
        ])
        var grid = Grid(width: 20, height: 3)
        Panel(title: "Alerts", isFocused: true).draw(into: &grid, area: grid.bounds, theme: focusTheme)
        #expect(grid.styleAt(x: 0, y: 0) == Style(foreground: .ansi(6), bold: true))
        #expect(grid.styleAt(x: 4, y: 0).reverse)
        var unfocused = Grid(width: 20, height: 3)
        Panel(title: "Alerts").draw(into: &unfocused, area: unfocused.bounds, theme: focusTheme)
        #expect(unfocused.styleAt(x: 0, y: 0) == Style(foreground: .ansi(8)))
    }

    @Test func longPanelTitleIsTruncatedInsideTheBorder() {
        var grid = Grid(width: 16, height: 3)
        Panel(title: "A very long pane title").draw(into: &grid, area: grid.bounds, theme: theme)
        let top = grid.row(0)
        #expect(top.hasPrefix("┌─ A very"))
        #expect(top.hasSuffix("…─┐") || top.hasSuffix("… ─┐"))
        #expect(DisplayWidth.of(top) == 16)
    }

    @Test func tableAlignsCJKAndLatinNames() {
        let table = TableView(
            columns: [
                TableColumn(title: "Name", width: 10),
                TableColumn(title: "Grade", width: 5, alignment: .center),
                TableColumn(title: "Limit", width: .flexible, alignment: .right),
            ],
            rows: [["张伟", "A", "1,000"], ["Smith, John", "E", "250"], ["李小龙Bruce", "C", "99"]]
        )
        var grid = Grid(width: 30, height: 5)
        table.draw(into: &grid, area: grid.bounds, theme: theme)
        let rows = (1...3).map { grid.row($0) }
        // The grade column starts at display column 11 in every row.
        for row in rows {
            let prefix = String(row.prefix { $0 != "A" && $0 != "E" && $0 != "C" })
            #expect(DisplayWidth.of(prefix) == 13, "row \(row)")
        }
        #expect(rows[0] == "张伟" + String(repeating: " ", count: 9) + "A" + String(repeating: " ", count: 11) + "1,000")
        #expect(rows[1].hasPrefix("Smith, Jo…"))
        #expect(rows[2].hasPrefix("李小龙Bru…"))
        // Right-aligned limits end at the right edge.
        #expect(grid[x: 29, y: 1].text == "0")
        #expect(grid[x: 29, y: 2].text == "0")
    }

    @Test func tableHighlightsSelectedRowAndAppliesCellRoles() {
        let theme = Theme(name: "t", roles: [
            "table.selected": Style(reverse: true),
            "grade.E": Style(foreground: .indexed(196)),
        ])
        let table = TableView(
            columns: [TableColumn(title: "N", width: 4), TableColumn(title: "G", width: 2)],
            rows: [["a", "A"], ["b", "E"]],
            selectedIndex: 0,
            cellRoles: [[nil, "grade.A"], [nil, "grade.E"]]
        )
        var grid = Grid(width: 7, height: 3)
        table.draw(into: &grid, area: grid.bounds, theme: theme)
        #expect(grid.styleAt(x: 0, y: 1).reverse)
        #expect(grid.styleAt(x: 6, y: 1).reverse)
        #expect(!grid.styleAt(x: 0, y: 2).reverse)
        #expect(grid.styleAt(x: 5, y: 2).foreground == .indexed(196))
        #expect(grid.styleAt(x: 0, y: 2).foreground == .default)
    }

    @Test func flexibleColumnsShareSpareWidthByWeight() {
        let table = TableView(columns: [
            TableColumn(title: "a", width: 4),
            TableColumn(title: "b", width: .flexible(minimum: 2, weight: 1)),
            TableColumn(title: "c", width: .flexible(minimum: 2, weight: 3)),
        ], rows: [])
        let widths = table.columnWidths(for: 30)
        #expect(widths[0] == 4)
        #expect(widths.reduce(0, +) == 28)
        #expect(widths[2] > widths[1])
    }

    @Test func scrollOffsetKeepsSelectionVisible() {
        #expect(TableView.scrollOffset(selected: 0, offset: 0, visibleRows: 5, rowCount: 20) == 0)
        #expect(TableView.scrollOffset(selected: 7, offset: 0, visibleRows: 5, rowCount: 20) == 3)
        #expect(TableView.scrollOffset(selected: 4, offset: 6, visibleRows: 5, rowCount: 20) == 4)
    }

    @Test func statusBarShowsMessageLeftAndTextRight() {
        let theme = Theme(name: "t", roles: ["status.error": Style(bold: true)])
        var grid = Grid(width: 30, height: 1)
        StatusBar(message: "saved", rightText: "12:00").draw(into: &grid, area: grid.bounds, theme: theme)
        #expect(grid.row(0).hasPrefix(" saved "))
        #expect(grid.row(0).hasSuffix("12:00"))
        #expect(grid[x: 28, y: 0].text == "0")
        StatusBar(message: "database is locked", kind: .error).draw(into: &grid, area: grid.bounds, theme: theme)
        #expect(grid.row(0) == " database is locked")
        #expect(grid.styleAt(x: 20, y: 0).bold)
    }

    @Test func dialogShowsFieldsErrorsAndHintCentred() {
        var field = TextField()
        field.insert(contentsOf: "limit breach")
        let dialog = Dialog(
            title: "Approve",
            bodyLines: ["Approve case 42?"],
            fields: [
                Dialog.Field(label: "Reason", input: field),
                Dialog.Field(label: "Conditions", error: "required"),
            ],
            preferredWidth: 40
        )
        var grid = Grid(width: 60, height: 20)
        dialog.draw(into: &grid, area: grid.bounds, theme: theme)
        let frame = dialog.frame(in: grid.bounds)
        #expect(frame.width == 40)
        #expect(frame.x == 10)
        let text = grid.text()
        #expect(text.contains("┌─ Approve ─"))
        #expect(text.contains("Approve case 42?"))
        #expect(text.contains("Reason:     limit breach"))
        #expect(text.contains("Conditions:"))
        #expect(text.contains("required"))
        #expect(text.contains("Enter confirm · Esc cancel"))
        // The cursor sits after the typed text in the focused first field, shown reversed.
        let line = (0..<grid.height).first { grid.row($0).contains("Reason:") } ?? 0
        let cursorX = frame.x + 2 + DisplayWidth.of("Conditions: ") + DisplayWidth.of("limit breach")
        #expect(grid.styleAt(x: cursorX, y: line).reverse)
    }

    @Test func dialogRoutesKeysToFocusedFieldAndTabCycles() {
        var dialog = Dialog(title: "t", fields: [Dialog.Field(label: "a"), Dialog.Field(label: "b")])
        dialog.handle(.character("x"))
        dialog.handle(.tab)
        dialog.handle(.character("y"))
        #expect(dialog.fields[0].input.text == "x")
        #expect(dialog.fields[1].input.text == "y")
        dialog.handle(.backTab)
        #expect(dialog.focusedFieldIndex == 0)
        let handled = dialog.handle(.enter)
        #expect(!handled)
    }

    @Test func listPickerScrollsToSelection() {
        var picker = ListPicker(title: "Theme", items: (1...30).map { "item \($0)" })
        picker.handle(.end)
        #expect(picker.selectedItem == "item 30")
        var grid = Grid(width: 40, height: 12)
        picker.draw(into: &grid, area: grid.bounds, theme: theme)
        let text = grid.text()
        #expect(text.contains("item 30"))
        #expect(!text.contains("item 1 "))
        #expect(text.contains("30/30"))
    }

    @Test func helpOverlayListsKeysAndScrolls() {
        let help = HelpOverlay(sections: [
            HelpOverlay.Section(title: "Queue", entries: (1...20).map { (keys: "k\($0)", description: "action \($0)") }),
            HelpOverlay.Section(title: "Global", entries: [(keys: Key.control("c").displayName, description: "quit")]),
        ])
        var grid = Grid(width: 60, height: 12)
        help.draw(into: &grid, area: grid.bounds, theme: theme)
        #expect(grid.text().contains("Queue"))
        #expect(grid.text().contains("k1      action 1"))
        #expect(!grid.text().contains("Ctrl-C"))
        var scrolled = help
        scrolled.offset = 1000
        var bottom = Grid(width: 60, height: 12)
        scrolled.draw(into: &bottom, area: bottom.bounds, theme: theme)
        #expect(bottom.text().contains("Ctrl-C  quit"))
        #expect(help.maxOffset(in: grid.bounds) > 0)
    }

    @Test func sparklineScalesBetweenMinimumAndMaximum() {
        #expect(Sparkline.bars([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.bars([5, 5, 5]) == "▁▁▁")
        #expect(Sparkline.bars([1, 2, 3, 4], width: 2) == "▁█")
        var grid = Grid(width: 4, height: 1)
        Sparkline(values: [0, 10]).draw(into: &grid, area: grid.bounds, theme: theme)
        #expect(grid.row(0) == "▁█")
    }
}
