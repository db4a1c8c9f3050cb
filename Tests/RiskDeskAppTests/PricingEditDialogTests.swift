import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// The pricing pane's `E` dialog: reducer steps from hand-built states, the preview's golden screen, and one
/// change end to end on a copy of the sample database.
@Suite("console: pricing edits")
struct PricingEditDialogTests {
    /// A supervisor with the pricing pane focused and the dialog opened on the default parameters.
    static func opened(_ user: User = Desk.supervisor) -> (AppState, [Effect]) {
        var state = Desk.state(user)
        state.focus = .pricing
        let effects = state.reduce(.key(.character("E")))
        for effect in effects { _ = state.reduce(.finished(effect)) }
        return (state, effects)
    }

    /// A preview of funding 250 → 300 (or another change) over two pending quotes, worked out by the pure core.
    static func review(_ name: String = "funding", to value: String = "300") throws -> PricingChangeReview {
        let edit = try PricingEdit.make(name, to: value, from: PricingParameters()).get()
        let pending = [
            PendingPricing(applicationID: "APP-000101", input: PricingInput(probabilityOfDefault: 0.01, leverage: Leverage(hundredths: 100)),
                           currentRate: BasisPoints(471), currentFee: BasisPoints(10)),
            PendingPricing(applicationID: "APP-000102", input: PricingInput(probabilityOfDefault: 0.05, leverage: Leverage(hundredths: 150)),
                           currentRate: BasisPoints(700), currentFee: BasisPoints(10)),
        ]
        return PricingChangeReview(preview: PricingChange.plan(edit, pending: pending, sentiment: 0, maximumLeverage: Leverage(hundredths: 170)).preview,
                                   pricingVersion: 4)
    }

    @Test func aSupervisorPicksTypesPreviewsAndConfirms() throws {
        var (state, effects) = Self.opened()
        #expect(effects == [.loadPricingEditor])
        _ = state.reduce(.pricingEditorOpened(PricingParameters()))
        #expect(state.pricingEditDialog?.step == .pick)
        _ = state.reduce(.key(.character("j")))
        _ = state.reduce(.key(.character("k")))
        #expect(state.pricingEditDialog?.info.name == "funding_cost_bp")
        _ = state.reduce(.key(.enter))
        #expect(state.pricingEditDialog?.step == .edit)
        #expect(state.isEnteringText)
        // validated as you type
        for c in "3e" { _ = state.reduce(.key(.character(c))) }
        #expect(state.pricingEditDialog?.fields[0].error == "funding_cost_bp: '3e' is not a number; funding_cost_bp takes 0–10000 bp")
        _ = state.reduce(.key(.backspace))
        for c in "00" { _ = state.reduce(.key(.character(c))) }
        #expect(state.pricingEditDialog?.fields[0].error == nil)
        // the reason is required
        #expect(state.reduce(.key(.enter)).isEmpty)
        #expect(state.pricingEditDialog?.fields[1].error == "a reason is required: the audit log must say why the price moved")
        #expect(state.pricingEditDialog?.focusedField == 1)
        for c in "treasury" { _ = state.reduce(.key(.character(c))) }
        let preview = state.reduce(.key(.enter))
        #expect(preview == [.previewPricingChange(name: "funding_cost_bp", value: "300")])
        #expect(preview.allSatisfy { $0.runsInBackground && !$0.holdsKeys })
        #expect(state.pricingEditDialog?.step == .previewing)
        #expect(state.reduce(.key(.enter)).isEmpty)   // nothing to confirm before the preview arrives
        _ = state.reduce(.pricingPreviewed(try Self.review()))
        #expect(state.pricingEditDialog?.step == .preview)
        let write = state.reduce(.key(.enter))
        #expect(write == [.changePricing(name: "funding_cost_bp", value: "300", reason: "treasury", expectedVersion: 4)])
        for effect in write { _ = state.reduce(.finished(effect)) }
        // a refusal stays inside the dialog, on the preview
        _ = state.reduce(.pricingEditFailed("the pricing changed since this preview (version 4, now 5): nothing was written"))
        #expect(state.pricingEditDialog?.step == .preview)
        #expect(state.pricingEditDialog?.failure?.hasPrefix("the pricing changed since this preview") == true)
        let after = state.reduce(.pricingChanged(summary: "funding_cost_bp 250 → 300 bp: pricing version 5, 2 pending quotes re-priced"))
        #expect(state.pricingEditDialog == nil)
        #expect(after.contains(.loadPricing) && after.contains(.loadQueue(.reload)))
        #expect(state.status?.text == "funding_cost_bp 250 → 300 bp: pricing version 5, 2 pending quotes re-priced")
    }

    @Test func escCancelsAndNoChangeIsRefusedAsYouType() {
        var (state, _) = Self.opened()
        _ = state.reduce(.pricingEditorOpened(PricingParameters()))
        _ = state.reduce(.key(.enter))
        for c in "250" { _ = state.reduce(.key(.character(c))) }
        #expect(state.pricingEditDialog?.fields[0].error == "funding_cost_bp is already 250 bp: nothing to change")
        _ = state.reduce(.key(.escape))
        #expect(state.pricingEditDialog == nil)
        #expect(state.status?.text == "cancelled: pricing unchanged")
    }

    @Test func officersAndAuditorsAreToldWhyAndTheFooterLeavesTheKeyOut() {
        for (user, message) in [(Desk.officer, "wang.fang (officer) may not edit pricing"),
                                (Desk.auditor, "zhou.qiang (auditor) may not edit pricing")] {
            let (state, effects) = Self.opened(user)
            #expect(effects.isEmpty)
            #expect(state.status?.text == message)
            #expect(state.availability(of: .editPricing) == .unavailable(message))
            #expect(!KeyMap.standard.footer(for: state).contains { $0.key == "E" })
        }
        var supervisor = Desk.state(Desk.supervisor)
        supervisor.focus = .pricing
        #expect(KeyMap.standard.footer(for: supervisor).contains { $0.key == "E" && $0.text == "edit" && !$0.isDisabled })
        let readOnly = Desk.state(Desk.supervisor, readOnly: true)
        #expect(readOnly.availability(of: .editPricing) == .unavailable("read-only session (--readonly): nothing is written"))
    }

    @Test("golden: the preview dialog shows the table old → new with changed cells marked and the pending quotes that move")
    func previewScreen() throws {
        let theme = try Desk.theme()
        var (state, _) = Self.opened()
        _ = state.reduce(.pricingEditorOpened(PricingParameters()))
        var dialog = try #require(state.pricingEditDialog)
        // The floor 450 → 500: only grade A's cells (454–480 bp) move; APP-000101 (471) rises to the floor, and
        // APP-000102 (stored at 700, priced 675 today under either floor) is not the change's to re-price.
        dialog.pickIndex = try #require(PricingParameterCatalog.all.firstIndex { $0.name == "floor_bp" })
        dialog.step = .preview
        dialog.fields[0].input = TextField(text: "500", maxLength: 40)
        dialog.review = try Self.review("floor", to: "500")
        state.pricingEditDialog = dialog
        let grid = Screen.render(state, theme: theme)
        let screen = AlertScreensTests.rows(grid, 0...39)
        let top = try #require(screen.firstIndex { $0.contains("┌─ Edit pricing") })
        let x = try #require(screen[top].displayColumn(ofFirst: "┌─ Edit pricing"))
        let width = try #require(screen[top].displayColumn(afterFirst: "┐")) - x
        let bottom = try #require(screen.indices.first { $0 > top && grid[x: x, y: $0].text == "└" })
        let rows = (top...bottom).map { y in grid.text(in: Rect(x: x, y: y, width: width, height: 1), row: y) }
        #expect(rows == PricingEditGolden.preview)
    }
}

/// One change end to end: the real runtime on a copy of the sample database.
@Suite("console: pricing edit on the sample database", .serialized)
struct PricingEditConsoleTests {
    @Test func aSupervisorsChangeRepricesThePendingQuotesAndThePaneFollows() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let audit = try desk.auditCount()
        let before = try desk.store.pricingParameters().fundingCost.value
        desk.press(.character("4"), .character("E"))
        #expect(desk.state.pricingEditDialog?.step == .pick)
        #expect(desk.screen.contains("▸ funding_cost_bp"))
        desk.press(.enter)
        desk.type(String(before + 25))
        desk.press(.tab)
        desk.type("treasury raised the cost of funds")
        desk.press(.enter)
        #expect(desk.state.pricingEditDialog?.step == .preview)
        let review = try #require(desk.state.pricingEditDialog?.review)
        #expect(review.preview.changedCells.count == 20)
        #expect(desk.screen.contains("pending quote"))
        desk.press(.enter)
        #expect(desk.state.pricingEditDialog == nil)
        #expect(try desk.store.pricingParameters().fundingCost.value == before + 25)
        #expect(try desk.auditCount() == audit + 1)
        let entry = try #require(try desk.store.auditTail(count: 1).last)
        #expect(entry.record.action == "pricing.change")
        #expect(entry.record.after["repriced_quotes"] == String(review.preview.changedCount))
        // the pane shows the new table
        #expect(desk.state.pricingTable == review.preview.newTable)
        #expect(desk.statusLine.contains("pending quote"))
        #expect(try desk.store.verifyAuditChain() == .intact(entries: audit + 1))
    }
}

enum PricingEditGolden {
    static let preview: [String] = [
        "┌─ Edit pricing ─────────────────────────────────────────────────────────────────────────┐",
        "│ floor_bp 450 → 500 bp                                                                  │",
        "│                                                                                        │",
        "│ Grade          ≤1.2×      1.2–1.4×      1.4–1.6×      1.6–1.7×                         │",
        "│  A        4.54→5.00*    4.63→5.00*    4.73→5.00*    4.80→5.00*                         │",
        "│  B             5.10          5.19          5.29          5.36                          │",
        "│  C             6.00          6.09          6.19          6.26                          │",
        "│  D             7.69          7.78          7.88          7.95                          │",
        "│  E            11.06         11.15         11.25         11.32                          │",
        "│ * 4 cells change                                                                       │",
        "│                                                                                        │",
        "│ 1 of 2 pending quotes changes; largest: APP-000101 4.71% → 5.00%                       │",
        "│                                                                                        │",
        "│ Enter re-price and save · b back · Esc cancel                                          │",
        "└────────────────────────────────────────────────────────────────────────────────────────┘",
    ]
}
