import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// Help overlay, too-small screen, themes, filter and command line, paging and zoom.
@Suite("Screens and navigation")
struct ScreenBehaviourTests {
    // MARK: help

    @Test("? shows exactly the key map: every binding's keys and help, nothing else; Esc closes it")
    func helpListsTheKeyMap() throws {
        // 43 bindings and 6 headings since issue 10 (the `:models` view's six keys): more than a 40-row screen holds
        // (there the overlay scrolls, see below); 62 rows show it whole.
        let desk = try DeskHarness(height: 62)
        desk.press(.character("?"))
        #expect(desk.state.showsHelp)
        let frame = try #require(desk.frame)
        let title = "Keys — zhao.min (supervisor)"
        #expect(desk.screen.contains(title))
        let overlay = HelpOverlay(title: title, sections: KeyMap.standard.helpSections(for: desk.state))
        let box = overlay.frame(in: frame.bounds.inset(by: 1))
        #expect(overlay.lineCount <= box.height - 3, "the whole help fits at 120×62 without scrolling")

        // The rows inside the box, without the border.
        let inner = (box.y + 1..<box.maxY - 1).map { y -> String in
            frame.text(in: Rect(x: box.x + 1, y: y, width: box.width - 2, height: 1), row: y).trimmingCharacters(in: .whitespaces)
        }
        let headings: Set<String> = ["Everywhere", "Approval queue", "Customer profile", "Risk alerts", "Pricing table",
                                     "Models view (:models)"]
        let hint = "↑↓ scroll · Esc close"
        let entries = inner.filter { !$0.isEmpty && !headings.contains($0) && $0 != hint }
        for heading in headings { #expect(inner.contains(heading), "heading \(heading) missing") }

        // Same bindings, grouped global → queue → profile → alerts → pricing → models, in the table's order.
        let expected = KeyMap.standard.bindings.filter { $0.scope == .global }
            + KeyMap.standard.bindings.filter { $0.scope == .pane(.queue) }
            + KeyMap.standard.bindings.filter { $0.scope == .pane(.profile) }
            + KeyMap.standard.bindings.filter { $0.scope == .pane(.alerts) }
            + KeyMap.standard.bindings.filter { $0.scope == .pane(.pricing) }
            + KeyMap.standard.bindings.filter { $0.scope == .models }
        #expect(KeyMap.standard.bindings.count == 43)
        #expect(expected.count == KeyMap.standard.bindings.count, "every binding belongs to a listed scope")
        #expect(entries.count == expected.count, "help lines:\n\(entries.joined(separator: "\n"))")
        for (entry, binding) in zip(entries, expected) {
            #expect(entry.hasPrefix(binding.keyLabel + " "), "\(entry) should start with \(binding.keyLabel)")
            // A key that cannot act on the selection says why after its description.
            let description = desk.state.availability(of: binding).reason.map { "\(binding.help) — \($0)" } ?? binding.help
            #expect(entry.hasSuffix(description), "\(entry) should end with \(description)")
        }
        for label in ["Tab", "Shift-Tab", "j/↓", "k/↑", "g/Home", "G/End", "PgDn", "PgUp", "Enter", "q/Ctrl-C", "Esc"] {
            #expect(entries.contains { $0.hasPrefix(label + " ") }, "\(label) missing")
        }

        // Keys do nothing else while help is open; Esc closes it.
        desk.press(.character("a"))
        #expect(desk.state.dialog == nil)
        desk.press(.escape)
        #expect(!desk.state.showsHelp)
        #expect(!desk.screen.contains(title))
        #expect(desk.screen.contains("1 Approval queue"))
    }

    @Test("the key map dispatches what the help says: no key is bound twice where it acts")
    func keyMapDispatchMatchesHelp() {
        let map = KeyMap.standard
        for binding in map.bindings {
            if binding.scope == .models {
                // The `:models` view's keys act inside it only.
                for key in binding.keys { #expect(map.modelsCommand(for: key) == binding.command) }
                continue
            }
            let panes: [Pane] = if case let .pane(p) = binding.scope { [p] } else { Pane.allCases }
            for key in binding.keys {
                for pane in panes {
                    #expect(map.command(for: key, in: pane) == binding.command,
                            "\(key.displayName) in \(pane) does not do '\(binding.help)'")
                }
            }
        }
        // Every key the issue names is in the map.
        let keys = Set(map.bindings.flatMap(\.keys))
        let required: [Key] = [.tab, .backTab, .character("1"), .character("2"), .character("3"), .character("4"),
                               .character("j"), .character("k"), .up, .down, .character("g"), .character("G"),
                               .pageUp, .pageDown, .enter, .character("/"), .character(":"), .character("?"),
                               .escape, .character("q"), .character("z"), .character("a"), .character("c"),
                               .character("x"), .character("i"), .character("e"), .character("n"), .character("u")]
        for key in required { #expect(keys.contains(key), "\(key.displayName) is not bound") }
    }

    // MARK: too small

    @Test("below 80×24 a clear message; it recovers to four panes when enlarged")
    func tooSmall() throws {
        let desk = try DeskHarness(width: 70, height: 20)
        #expect(desk.screen.contains("terminal too small: need 80×24, have 70×20"), "screen:\n\(desk.screen)")
        #expect(!desk.screen.contains("Approval queue"))
        desk.press(.character("a"))
        #expect(desk.state.dialog == nil, "keys other than q do nothing while too small")

        desk.terminal.resize(to: Size(width: 120, height: 40))
        desk.press(.resize)
        #expect(!desk.screen.contains("terminal too small"))
        for title in ["1 Approval queue", "2 Customer profile", "3 Risk alerts", "4 Pricing table"] {
            #expect(desk.screen.contains(title), "\(title) missing after resize")
        }
        #expect(desk.state.queue.rows.count == desk.state.queue.pageSize, "the queue fills the larger pane")
        #expect(desk.state.queue.pageSize > 5)
        #expect(desk.frame?.width == 120 && desk.frame?.height == 40)

        // And back down, one column short of the minimum width.
        desk.terminal.resize(to: Size(width: 79, height: 24))
        desk.press(.resize)
        #expect(desk.screen.contains("terminal too small: need 80×24, have 79×24"))
        desk.terminal.resize(to: Size(width: 80, height: 24))
        desk.press(.resize)
        #expect(desk.screen.contains("1 Approval queue"), "80×24 is enough:\n\(desk.screen)")
        desk.press(.character("q"))
        #expect(desk.state.shouldQuit)
    }

    // MARK: themes

    @Test("mono theme: no colours anywhere, the selected queue row in reverse or bold, severity by attribute")
    func monoTheme() throws {
        let desk = try DeskHarness(themeName: "mono")
        #expect(desk.runtime.theme.name == "mono")
        let frame = try #require(desk.frame)
        let coloured = frame.allCells.filter { $0.cell.style.foreground != .default || $0.cell.style.background != .default }
        #expect(coloured.isEmpty, "\(coloured.count) coloured cells, first at \(coloured.first.map { "(\($0.x),\($0.y))" } ?? "")")

        let id = try #require(desk.state.queue.selectedRow?.application.id)
        let y = try #require(desk.lines.firstIndex { $0.hasPrefix("│\(id) ") })
        let queueRect = try #require(Layout(size: desk.state.size, zoomed: nil).panes[.queue])
        for x in (queueRect.x + 1)..<(queueRect.maxX - 1) {
            let style = frame.styleAt(x: x, y: y)
            #expect(style.reverse || style.bold, "selected row cell \(x) is plain")
        }
        // An unselected row is not reversed.
        #expect(!frame.styleAt(x: queueRect.x + 1, y: y + 1).reverse)
        // CRIT tags carry an attribute, not colour alone.
        let critY = try #require(desk.lines.firstIndex { $0.contains("│CRIT ") })
        let critX = try #require(desk.lines[critY].displayColumn(ofFirst: "CRIT"))
        let crit = frame.styleAt(x: critX, y: critY)
        #expect(crit.bold || crit.reverse)
    }

    @Test("the default theme does use colour (so the mono check can tell them apart)")
    func defaultThemeHasColour() throws {
        let desk = try DeskHarness(themeName: "default")
        let frame = try #require(desk.frame)
        #expect(frame.allCells.contains { $0.cell.style.foreground != .default || $0.cell.style.background != .default })
    }

    // MARK: filter and commands

    @Test("/ filters by text, the counter follows; Esc clears the filter")
    func textFilter() throws {
        let desk = try DeskHarness()
        let total = desk.state.queue.total
        let name = try #require(try desk.wholeQueue().first { $0.customerName.isASCII }?.customerName)
        let word = String(name.split(separator: " ")[0])
        let expected = try desk.store.queueCount(filter: QueueFilter(text: word))
        #expect(expected > 0 && expected < total)

        desk.press(.character("/"))
        desk.type(word)
        #expect(desk.statusLine.contains("/" + word), "the prompt shows what is typed: \(desk.statusLine)")
        desk.press(.enter)
        #expect(desk.state.queue.total == expected)
        #expect(desk.screen.contains("1/\(expected)"), "counter 1/\(expected)")
        #expect(!desk.screen.contains("/\(total)"))
        #expect(desk.state.queue.rows.allSatisfy { $0.customerName.localizedCaseInsensitiveContains(word) || $0.application.id.contains(word) })
        #expect(desk.statusLine.contains("filter \"\(word)\""))

        desk.press(.escape)
        #expect(desk.state.queue.filter == QueueFilter())
        #expect(desk.state.queue.total == total)
        #expect(desk.screen.contains("1/\(total)"))
        #expect(desk.statusLine.contains("filter cleared"))

        // A filter that matches nothing says so.
        desk.press(.character("/"))
        desk.type("zzzz-nobody")
        desk.press(.enter)
        #expect(desk.screen.contains("no application matches the filter (Esc clears it)"))
    }

    @Test(":stage escalated shows only escalated rows; :grade A only grade A")
    func stageAndGrade() throws {
        let desk = try DeskHarness()
        desk.command("stage escalated")
        let count = try desk.store.queueCount(filter: QueueFilter(stages: [.escalated]))
        #expect(count > 0)
        #expect(desk.state.queue.total == count)
        #expect(!desk.state.queue.rows.isEmpty)
        #expect(desk.state.queue.rows.allSatisfy { $0.application.stage == .escalated })
        #expect(desk.screen.contains("1/\(count)"))
        #expect(desk.statusLine.contains("stage: escalated"))
        for row in desk.state.queue.rows {
            let line = try #require(desk.lines.first { $0.hasPrefix("│\(row.application.id) ") })
            let claimed = row.application.claimHolder(at: desk.now)
            #expect(line.contains(claimed ?? "↑ super"), "escalated row: \(line)")
        }

        desk.command("stage all")
        desk.command("grade A")
        #expect(desk.state.queue.rows.allSatisfy { $0.application.grade == .a })
        #expect(desk.state.queue.total == (try desk.store.queueCount(filter: QueueFilter(grades: [.a]))))

        desk.command("stage nonsense")
        #expect(desk.statusLine.contains("unknown stage 'nonsense'"))
        #expect(desk.state.status?.isError == true)
    }

    @Test(":goto selects an application deep in the queue; unknown ids and commands are errors")
    func gotoAndErrors() throws {
        let desk = try DeskHarness()
        let whole = try desk.wholeQueue()
        let target = whole[137]
        desk.command("goto \(target.application.id.lowercased())")
        #expect(desk.state.queue.selectedRow?.application.id == target.application.id)
        #expect(desk.state.detail?.application.id == target.application.id, "the profile follows")
        #expect(desk.screen.contains("138/\(whole.count)"), "counter at the target's position")
        #expect(desk.statusLine.contains("\(target.application.id) (\(target.application.stage.label))"))
        #expect(desk.screen.contains("2 Customer profile · \(target.customerName)"))

        desk.command("goto APP-999999")
        #expect(desk.statusLine.contains("no application APP-999999"))
        #expect(desk.state.status?.isError == true)

        desk.command("frobnicate now")
        #expect(desk.statusLine.contains("unknown command ':frobnicate'"), "status: \(desk.statusLine)")
        #expect(desk.state.status?.isError == true)

        desk.command("as wang.fang")
        #expect(desk.statusLine.contains(":as works on training data only"))
        #expect(desk.state.user.name == "zhao.min")
    }

    @Test(":theme dark switches the theme; an unknown theme is an error and keeps the current one")
    func themeCommand() throws {
        let desk = try DeskHarness()
        let before = try #require(desk.frame)
        desk.command("theme dark")
        #expect(desk.runtime.theme.name == "dark")
        #expect(desk.state.themeName == "dark")
        #expect(desk.statusLine.contains("theme: dark"))
        let after = try #require(desk.frame)
        #expect(before.styleAt(x: 0, y: 0) != after.styleAt(x: 0, y: 0) || before != after)

        desk.command("theme no-such-theme")
        #expect(desk.runtime.theme.name == "dark")
        #expect(desk.state.status?.isError == true)
        #expect(desk.statusLine.contains("no-such-theme"))
    }

    // MARK: paging

    @Test("G to the last row (N/N), g back to 1/N, PgDn/PgUp by a page")
    func keysetPaging() throws {
        let desk = try DeskHarness()
        let whole = try desk.wholeQueue()
        let n = whole.count
        let page = desk.state.queue.pageSize
        #expect(desk.state.queue.total == n)

        desk.press(.character("G"))
        #expect(desk.screen.contains("\(n)/\(n)"))
        #expect(desk.state.queue.selectedRow?.application.id == whole.last?.application.id)
        #expect(desk.state.queue.position == n - page)
        #expect(desk.lines.contains { $0.hasPrefix("│\(whole[n - 1].application.id) ") })
        desk.press(.character("j"))
        #expect(desk.statusLine.contains("end of the queue"))
        #expect(desk.state.queue.selectedRow?.application.id == whole.last?.application.id)

        desk.press(.character("g"))
        #expect(desk.screen.contains("1/\(n)"))
        #expect(desk.state.queue.selectedRow?.application.id == whole[0].application.id)
        desk.press(.character("k"))
        #expect(desk.statusLine.contains("top of the queue"))

        desk.press(.pageDown)
        #expect(desk.state.queue.position == page)
        #expect(desk.state.queue.rows.map(\.application.id) == whole[page..<(2 * page)].map(\.application.id))
        #expect(desk.screen.contains("\(page + 1)/\(n)"))
        desk.press(.pageDown)
        #expect(desk.state.queue.position == 2 * page)
        desk.press(.pageUp)
        #expect(desk.state.queue.position == page)
        #expect(desk.state.queue.rows.first?.application.id == whole[page].application.id)
        desk.press(.pageUp)
        #expect(desk.state.queue.position == 0)
        #expect(desk.screen.contains("1/\(n)"))
    }

    @Test("j at the bottom of the window scrolls by one row; k at the top scrolls back")
    func scrollByOne() throws {
        let desk = try DeskHarness()
        let whole = try desk.wholeQueue()
        let page = desk.state.queue.pageSize
        for _ in 0..<(page - 1) { desk.press(.down) }
        #expect(desk.state.queue.selected == page - 1)
        #expect(desk.state.queue.position == 0)
        #expect(desk.screen.contains("\(page)/\(whole.count)"))

        desk.press(.character("j"))
        #expect(desk.state.queue.position == 1, "the window slid by one row")
        #expect(desk.state.queue.selected == page - 1)
        #expect(desk.state.queue.rows.map(\.application.id) == whole[1...page].map(\.application.id))
        #expect(desk.state.queue.selectedRow?.application.id == whole[page].application.id)
        #expect(desk.screen.contains("\(page + 1)/\(whole.count)"))
        #expect(desk.state.detail?.application.id == whole[page].application.id)
        #expect(!desk.lines.contains { $0.hasPrefix("│\(whole[0].application.id) ") }, "the first row scrolled off")

        for _ in 0..<(page - 1) { desk.press(.up) }
        #expect(desk.state.queue.selected == 0)
        desk.press(.character("k"))
        #expect(desk.state.queue.position == 0)
        #expect(desk.state.queue.selectedRow?.application.id == whole[0].application.id)
        #expect(desk.state.queue.rows.count == page)
    }

    // MARK: zoom

    @Test("z shows only the focused pane, wider; z again restores the four panes")
    func zoom() throws {
        let desk = try DeskHarness()
        let normalPage = desk.state.queue.pageSize
        desk.press(.character("z"))
        #expect(desk.state.zoomed)
        #expect(desk.screen.contains("1 Approval queue"))
        for title in ["2 Customer profile", "3 Risk alerts", "4 Pricing table"] { #expect(!desk.screen.contains(title)) }
        #expect(desk.state.queue.pageSize > normalPage)
        #expect(desk.state.queue.rows.count == desk.state.queue.pageSize)
        // Wide enough for full amounts and the flags column.
        let top = try #require(desk.state.queue.rows.first)
        #expect(desk.screen.contains("Flags"))
        let line = try #require(desk.lines.first { $0.hasPrefix("│\(top.application.id) ") })
        #expect(line.contains(top.application.requestedLine.formattedWhole), "zoomed row: \(line)")

        desk.press(.character("z"))
        #expect(!desk.state.zoomed)
        for title in ["1 Approval queue", "2 Customer profile", "3 Risk alerts", "4 Pricing table"] { #expect(desk.screen.contains(title)) }
        #expect(desk.state.queue.pageSize == normalPage)

        // Zoom follows focus; Esc also leaves zoom.
        desk.press(.character("3"), .character("z"))
        #expect(desk.screen.contains("3 Risk alerts"))
        #expect(!desk.screen.contains("1 Approval queue"))
        desk.press(.escape)
        #expect(!desk.state.zoomed)
        #expect(desk.screen.contains("1 Approval queue"))
    }

    @Test("leaving zoom with Esc gives the queue its normal page size back, so the selection stays on screen")
    func escLeavesZoomWithNormalPage() throws {
        let desk = try DeskHarness()
        let normalPage = desk.state.queue.pageSize
        desk.press(.character("z"))
        #expect(desk.state.queue.pageSize > normalPage)
        desk.press(.escape)
        #expect(!desk.state.zoomed)
        // Walk down one full screenful: the selected row must stay visible.
        for _ in 0..<normalPage { desk.press(.character("j")) }
        let selected = try #require(desk.state.queue.selectedRow)
        #expect(desk.state.queue.pageSize == normalPage)
        #expect(desk.lines.contains { $0.hasPrefix("│\(selected.application.id) ") },
                "selected \(selected.application.id) is not on screen")
        // With z (instead of Esc) the same walk keeps the selection visible.
        let other = try DeskHarness()
        other.press(.character("z"), .character("z"))
        for _ in 0..<normalPage { other.press(.character("j")) }
        let visible = try #require(other.state.queue.selectedRow)
        #expect(other.lines.contains { $0.hasPrefix("│\(visible.application.id) ") })
    }

    @Test("help scrolls at 80×24 and k scrolls back at once after paging past the end")
    func helpScrollClamps() throws {
        let desk = try DeskHarness(width: 80, height: 24)
        desk.press(.character("?"))
        let total = HelpOverlay(sections: KeyMap.standard.helpSections).lineCount
        #expect(desk.screen.contains("1–"), "a scroll counter is shown when the help does not fit")
        #expect(desk.screen.contains("/\(total)"))
        // Four pages since issue 10's six models-view keys (three before).
        desk.press(.pageDown, .pageDown, .pageDown, .pageDown)
        #expect(desk.screen.contains("–\(total)/\(total)"), "paged to the end")
        let atEnd = desk.screen
        desk.press(.character("k"))
        #expect(desk.screen != atEnd, "k should scroll the help up by one line")
        desk.press(.escape)
        #expect(!desk.state.showsHelp)
    }

    @Test("profile: G then k scrolls up at once")
    func profileScrollClamps() throws {
        let desk = try DeskHarness(width: 80, height: 24)
        desk.press(.character("2"))
        let before = desk.screen
        desk.press(.character("G"))
        let atBottom = desk.screen
        #expect(atBottom != before, "G scrolls the profile (it does not fit at 80×24)")
        desk.press(.character("k"))
        #expect(desk.screen != atBottom, "k should scroll the profile up by one line")
    }

    // MARK: other consoles

    @Test("a change by another console shows after the store-changed action")
    func storeChanged() throws {
        let desk = try DeskHarness()
        let top = try #require(desk.state.queue.rows.first)
        let other = try RiskStore.open(at: desk.path)
        if let holder = top.application.claimHolder(at: desk.now) { try other.releaseClaim(top.application.id, by: "david.lin", at: desk.now) ; _ = holder }
        let fresh = try #require(try other.application(top.application.id))
        try other.apply(DecisionRequest(applicationID: fresh.id, kind: .reject(ReasonCode.rejectionReasons[1]), actor: "david.lin",
                                        expectedVersion: fresh.version), at: desk.now)
        #expect(desk.lines.contains { $0.hasPrefix("│\(top.application.id) ") }, "not yet reloaded")
        desk.runtime.send(.storeChanged)
        desk.runtime.settle()
        desk.runtime.redraw()
        #expect(!desk.lines.contains { $0.hasPrefix("│\(top.application.id) ") }, "the decided row left the queue")
        #expect(desk.state.queue.total == (try desk.store.queueCount()))
    }
}
