import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// The four panes and the header on the bundled sample data, asserted as screen text.
@Suite("Panes on the sample data")
struct PaneScreenTests {
    @Test("header: user and role, database file, training banner")
    func header() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let header = desk.lines[0]
        #expect(header.contains("riskdesk"))
        #expect(header.contains("赵敏 · zhao.min (supervisor)"), "header: \(header)")
        #expect(header.contains("sample-copy.sqlite"), "header: \(header)")
        #expect(header.contains("TRAINING DATA"), "header: \(header)")
        #expect(!header.contains("read-only"))
        // The clock shows the console's (fixed) time of day, in the process time zone.
        let clock = fixedNow.formatted(Date.FormatStyle(date: .omitted, time: .standard).locale(Locale(identifier: "en_GB")))
        #expect(header.contains(clock), "header: \(header), clock \(clock)")
        // The training banner is styled apart from the rest of the header (reverse or a colour).
        let frame = try #require(desk.frame)
        let bannerX = try #require(header.displayColumn(ofFirst: "TRAINING"))
        #expect(frame.styleAt(x: bannerX, y: 0) != frame.styleAt(x: 1, y: 0))
    }

    @Test("queue: title, counter and rows in the store's priority order")
    func queueRows() throws {
        let desk = try DeskHarness()
        let screen = desk.screen
        #expect(screen.contains("1 Approval queue"))
        let total = try desk.store.queueCount()
        #expect(total > 100)
        #expect(screen.contains("1/\(total)"), "queue counter 1/\(total) missing")
        #expect(screen.contains("ID") && screen.contains("Customer") && screen.contains("Line") && screen.contains("Claimed"))

        let expected = try desk.store.approvalQueue(limit: desk.state.queue.pageSize).rows.map(\.application.id)
        #expect(expected.count == desk.state.queue.pageSize)
        #expect(desk.state.queue.rows.map(\.application.id) == expected)
        // On screen, the ids appear one per line, in that order, on consecutive rows.
        let rowIndexes = expected.map { id in desk.lines.firstIndex { $0.contains(id) } }
        let found = rowIndexes.compactMap { $0 }
        #expect(found.count == expected.count, "ids on screen: \(found.count) of \(expected.count)")
        #expect(found == Array((found.first ?? 0)..<((found.first ?? 0) + found.count)), "rows not consecutive/in order: \(found)")
        // The first row shows its customer and its line formatted in full.
        let top = try #require(try desk.store.approvalQueue(limit: 1).rows.first)
        let topLine = try #require(desk.row(containing: top.application.id))
        #expect(topLine.contains(top.customerName))
        // At 120 columns the queue pane is narrower than 96, so lines are compact (¥19.5M) and flags are hidden.
        #expect(topLine.contains(top.application.requestedLine.formattedCompact), "top row: \(topLine)")
        #expect(topLine.contains(top.application.requestedLeverage.text))
    }

    @Test("profile: masked identity of the selected customer, score and reasons")
    func profile() throws {
        let desk = try DeskHarness()
        let selected = try #require(desk.state.queue.selectedRow)
        let detail = try #require(try desk.store.detail(of: selected.application.id))
        #expect(desk.state.detail?.application.id == selected.application.id)
        let screen = desk.screen
        #expect(screen.contains("2 Customer profile · \(detail.customer.name)"), "profile title missing")
        #expect(detail.customer.maskedPhone.contains("****"))
        #expect(screen.contains(detail.customer.maskedPhone), "masked phone \(detail.customer.maskedPhone) not shown")
        #expect(screen.contains(detail.customer.maskedNationalID), "masked national ID not shown")
        // The raw phone number and national ID never reach the screen.
        #expect(!screen.contains(detail.customer.phone))
        #expect(!screen.contains(detail.customer.nationalID))
        #expect(screen.contains("Score \(detail.score.points)"), "score line missing")
        #expect(screen.contains("KYC"))
        #expect(screen.contains("AML"))
    }

    @Test("alerts: severity as text tags, counts from the store, critical first")
    func alerts() throws {
        let desk = try DeskHarness()
        let counts = try desk.store.openAlertCounts()
        let screen = desk.screen
        #expect(screen.contains("3 Risk alerts"))
        let counter = "\(counts[.critical] ?? 0) crit · \(counts[.warning] ?? 0) warn · \(counts[.info] ?? 0) info"
        #expect(screen.contains(counter), "alert counter \(counter) missing")
        #expect((counts[.critical] ?? 0) > 0)
        #expect(screen.contains("CRIT"))
        // Critical first: the first alert row shown is a CRIT one; the header row says Sev.
        let alertsTitle = try #require(desk.lines.firstIndex { $0.contains("3 Risk alerts") })
        let header = desk.lines[alertsTitle + 1]
        #expect(header.contains("Sev") && header.contains("Rule") && header.contains("Explanation"), "alerts header: \(header)")
        #expect(desk.lines[alertsTitle + 2].contains("CRIT"), "first alert row: \(desk.lines[alertsTitle + 2])")
        // Move to the last alert: the window scrolls and shows a non-critical tag.
        desk.press(.character("3"), .character("G"))
        #expect(desk.state.alerts.selected == desk.state.alerts.rows.count - 1)
        #expect(desk.state.alerts.position + desk.state.alerts.selected == counts.values.reduce(0, +) - 1)
        let last = try #require(desk.state.alerts.selectedAlert)
        #expect(last.severity != .critical)
        #expect(desk.screen.contains(last.severity.tag))
    }

    @Test("pricing: grades A–E × four leverage bands, the selected application's cell bracketed")
    func pricing() throws {
        let desk = try DeskHarness()
        let screen = desk.screen
        #expect(screen.contains("4 Pricing table"))
        let headerRow = try #require(desk.lines.first { $0.contains("Grade") && $0.contains(Pricing.leverageBands[0].label) })
        for band in Pricing.leverageBands { #expect(headerRow.contains(band.label), "band \(band.label) missing") }

        let table = Pricing.table(parameters: try desk.store.pricingParameters(), sentiment: try desk.store.sentiment())
        let detail = try #require(desk.state.detail)
        let grade = try #require(detail.application.grade)
        let g = try #require(Grade.allCases.firstIndex(of: grade))
        let b = Pricing.bandIndex(for: detail.application.requestedLeverage)
        let frame = try #require(desk.frame)
        let rect = try #require(Layout(size: desk.state.size, zoomed: nil).panes[.pricing])
        let paneRows = (rect.y..<rect.maxY).map { frame.text(in: rect, row: $0) }
        let pricingTop = try #require(paneRows.firstIndex { $0.contains("Grade") && $0.contains(Pricing.leverageBands[0].label) })
        for (index, rowGrade) in Grade.allCases.enumerated() {
            let line = paneRows[pricingTop + 1 + index]
            #expect(line.hasPrefix("│ \(rowGrade.rawValue) ") || line.hasPrefix("│▸\(rowGrade.rawValue) "), "row \(index): \(line)")
            for (band, rate) in table[index].enumerated() {
                if index == g && band == b {
                    #expect(line.contains("[\(rate.percentText)]"), "selected cell \(rate.percentText) not bracketed: \(line)")
                } else {
                    #expect(line.contains(" \(rate.percentText)"), "rate \(rate.percentText) missing in \(line)")
                    #expect(!line.contains("[\(rate.percentText)]"))
                }
            }
        }
        #expect(paneRows.joined().components(separatedBy: "[").count == 2, "exactly one bracketed cell")
        #expect(screen.contains("\(detail.application.id) \(try #require(detail.quote).quote.rate.percentText)"), "pricing counter with the quote")

        // Enter on the pricing pane shows the component breakdown; Esc returns to the table.
        desk.press(.character("4"), .enter)
        #expect(desk.state.showsBreakdown)
        for component in ["Component", "funding", "expected loss", "clamp", "rate"] {
            #expect(desk.screen.contains(component), "\(component) missing")
        }
        desk.press(.escape)
        #expect(!desk.state.showsBreakdown)
        #expect(desk.screen.contains("[\(table[g][b].percentText)]"))
    }

    @Test("footer lists the focused pane's keys and changes with focus")
    func footer() throws {
        let desk = try DeskHarness()
        let footer = try #require(desk.lines.last)
        #expect(footer.contains("a approve") && footer.contains("x reject") && footer.contains("? help"), "footer: \(footer)")
        desk.press(.tab)
        #expect(desk.state.focus == .profile)
        let profileFooter = try #require(desk.lines.last)
        #expect(!profileFooter.contains("approve"), "profile footer: \(profileFooter)")
        #expect(profileFooter.contains("? help") && profileFooter.contains("q quit"))
        desk.press(.character("3"))
        #expect(desk.lines.last?.contains("A ack") == true)
        desk.press(.backTab, .backTab)
        #expect(desk.state.focus == .queue)
    }

    @Test("a CJK row and a Latin row line up: Line, Lev and PD end on the same display column")
    func cjkAlignment() throws {
        let desk = try DeskHarness()
        // Page until the window holds both a CJK and an ASCII customer name.
        var cjk: QueueRow?
        var latin: QueueRow?
        for _ in 0..<20 {
            cjk = desk.state.queue.rows.first { $0.customerName.hasCJK }
            latin = desk.state.queue.rows.first { $0.customerName.isASCII }
            if cjk != nil && latin != nil { break }
            desk.press(.pageDown)
        }
        let a = try #require(cjk, "no CJK customer found")
        let b = try #require(latin, "no Latin customer found")
        let lineA = try #require(desk.row(containing: a.application.id))
        let lineB = try #require(desk.row(containing: b.application.id))
        #expect(DisplayWidth.of(a.customerName) > a.customerName.count, "the CJK name is double width")

        for (valueA, valueB, what) in [
            (a.application.requestedLine.formattedCompact, b.application.requestedLine.formattedCompact, "Line"),
            (a.application.requestedLeverage.text, b.application.requestedLeverage.text, "Lev"),
        ] {
            let endA = try #require(lineA.displayColumn(afterFirst: " " + valueA), "\(what) \(valueA) in \(lineA)")
            let endB = try #require(lineB.displayColumn(afterFirst: " " + valueB), "\(what) \(valueB) in \(lineB)")
            #expect(endA == endB, "\(what) ends at column \(endA) on the CJK row and \(endB) on the Latin row:\n\(lineA)\n\(lineB)")
        }
        // The grade letter column too (found after the PD percentage).
        let gradeA = try #require(lineA.displayColumn(afterFirst: "% " + (a.application.grade?.rawValue ?? "—")))
        let gradeB = try #require(lineB.displayColumn(afterFirst: "% " + (b.application.grade?.rawValue ?? "—")))
        #expect(gradeA == gradeB)
        // Both rows are exactly as wide as each other up to the pane's right border.
        #expect(lineA.displayColumn(afterFirst: a.application.id) == lineB.displayColumn(afterFirst: b.application.id))
    }

    @Test("pricing breakdown lists every component down to the fee at 120×40")
    func pricingBreakdownShowsFee() throws {
        let desk = try DeskHarness()
        desk.press(.character("4"), .enter)
        let frame = try #require(desk.frame)
        let rect = try #require(Layout(size: desk.state.size, zoomed: nil).panes[.pricing])
        let pane = (rect.y..<rect.maxY).map { frame.text(in: rect, row: $0) }.joined(separator: "\n")
        let quote = try #require(desk.state.detail?.quote?.quote)
        for component in quote.components { #expect(pane.contains(component.name), "\(component.name) missing") }
        #expect(pane.contains("clamp"))
        #expect(pane.contains("fee"), "fee row missing from the breakdown:\n\(pane)")
        // Zoomed, the whole breakdown fits, fee included.
        desk.press(.character("z"))
        #expect(desk.screen.contains("fee"))
        #expect(desk.screen.contains("\(quote.fee.value) bp"))
    }
}
