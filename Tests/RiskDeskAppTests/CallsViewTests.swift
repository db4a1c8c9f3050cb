import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// Hand-built margin calls for the `:calls` view (no database).
enum CallsDesk {
    static func line(id: Int64, account: String, customer: String, ratio: Int, cushions: [(line: Int, points: Int, fall: Int64)],
                     topUpYuan: Int64, deadline: Date, state: MarginCallState) -> MarginCallLine {
        let call = MarginCall(id: id, accountID: account, openedAt: fixedNow.addingTimeInterval(-86_400), ratioAtOpen: BasisPoints(ratio),
                              amountAtOpen: Money(yuan: topUpYuan), ratio: BasisPoints(ratio), topUp: Money(yuan: topUpYuan),
                              reduction: nil, deadline: deadline, state: state)
        let open = OpenMarginCall(call: call, customerID: "C" + account.dropFirst(), ratio: BasisPoints(ratio),
                                  cushions: cushions.map { MarginCushion(line: BasisPoints($0.line), points: $0.points,
                                                                         collateralFall: Money(yuan: $0.fall), fallShare: nil) })
        return MarginCallLine(open: open, customerName: customer)
    }

    /// An overdue call (deadline two hours ago) for 张伟 and an open one for Alice Chen (26 hours left).
    static let lines = [
        // 135.00%: 5 points under the 140% warning line (the collateral is ¥12,345 short of it), 5 above the 130% close-out.
        line(id: 12, account: "A000101", customer: "张伟", ratio: 13_500, cushions: [(14_000, -500, -12_345), (13_000, 500, 30_000)],
             topUpYuan: 48_000, deadline: fixedNow.addingTimeInterval(-7_200), state: .overdue),
        line(id: 13, account: "A000202", customer: "Alice Chen", ratio: 13_850, cushions: [(14_000, -150, -4_000), (13_000, 850, 61_000)],
             topUpYuan: 15_500, deadline: fixedNow.addingTimeInterval(26 * 3_600), state: .open),
    ]
}

@Suite("console: margin calls view")
struct CallsViewTests {
    @Test(":calls loads off the UI thread and opens; j/k move within the calls; Esc closes")
    func opensScrollsCloses() {
        var state = Desk.state(Desk.officer)
        #expect(state.runCommand("calls") == [.loadCalls(refresh: false)])
        #expect(Effect.loadCalls(refresh: false).holdsKeys && !Effect.loadCalls(refresh: false).isWrite)
        #expect(!Effect.loadCalls(refresh: true).holdsKeys, "a refresh in the background holds no key")
        _ = state.reduce(.callsLoaded(CallsDesk.lines, opens: true))
        #expect(state.callsOverlay?.lines.count == 2)
        let queueSelected = state.queue.selected
        #expect(state.reduce(.key(.character("j"))).isEmpty)
        #expect(state.callsOverlay?.selected == 1)
        _ = state.reduce(.key(.character("j")))
        #expect(state.callsOverlay?.selected == 1, "j at the last call stays")
        _ = state.reduce(.key(.pageUp))
        #expect(state.callsOverlay?.selected == 0)
        #expect(state.queue.selected == queueSelected, "keys go to the view, not the queue behind it")
        _ = state.reduce(.key(.escape))
        #expect(state.callsOverlay == nil)
    }

    @Test("a margin_call or account entry refreshes the open view (cursor kept on its call); nothing when it is closed")
    func refreshOnChange() {
        var state = Desk.state(Desk.officer)
        let entries = [ChangeEntry(seq: 5, at: fixedNow, kind: "margin_call", subject: "12")]
        #expect(!state.scopedReloads(for: entries).contains(.loadCalls(refresh: true)))
        _ = state.reduce(.callsLoaded(CallsDesk.lines, opens: true))
        _ = state.reduce(.key(.character("j")))
        #expect(state.scopedReloads(for: entries) == [.loadCalls(refresh: true)])
        #expect(state.scopedReloads(for: [ChangeEntry(seq: 6, at: fixedNow, kind: "account", subject: "A000999")])
                == [.loadCalls(refresh: true)])
        #expect(state.scopedReloads(for: [ChangeEntry(seq: 7, at: fixedNow, kind: "pricing", subject: "x")]) == [.loadPricing])
        // Call 12 was met: the refresh drops it and the cursor stays on call 13 (now the first).
        _ = state.reduce(.callsLoaded([CallsDesk.lines[1]], opens: false))
        #expect(state.callsOverlay?.selected == 0)
        #expect(state.callsOverlay?.lines.map(\.open.call.id) == [13])
        // A refresh arriving after Esc does not reopen it.
        _ = state.reduce(.key(.escape))
        _ = state.reduce(.callsLoaded(CallsDesk.lines, opens: false))
        #expect(state.callsOverlay == nil)
    }

    @Test("golden: the calls view at 120×30, the overdue call highlighted, CJK and Latin names lining up")
    func golden() throws {
        let theme = try Desk.theme()
        var state = Desk.state(Desk.officer)
        state.size = Size(width: 120, height: 30)
        _ = state.reduce(.callsLoaded(CallsDesk.lines, opens: true))
        _ = state.reduce(.key(.character("j")))  // the cursor on the open call, so the overdue one shows its own colours
        let grid = Screen.render(state, theme: theme)
        // The view's own frame: x 1…118 (the panes' borders show at 0 and 119 around it).
        let rows = (1...5).map { y in grid.text(in: Rect(x: 1, y: y, width: 118, height: 1), row: y) }
        #expect(rows == CallsGolden.rows)
        // The overdue call's deadline, time left and state are drawn in the critical role; the open call's are not.
        let overdueY = 3, openY = 4
        let leftColumn = 1 + (try #require(rows[overdueY - 1].displayColumn(ofFirst: "over 2h")))
        #expect(grid[x: leftColumn, y: overdueY].style == theme.style("severity.critical"))
        #expect(grid[x: leftColumn, y: openY].style != theme.style("severity.critical"))
        // 张伟 is two columns per character: the Ratio column ends on the same display column in both rows.
        #expect(rows[2].displayColumn(afterFirst: "135.00%") == rows[3].displayColumn(afterFirst: "138.50%"))
        #expect(rows[2].displayColumn(ofFirst: "135.00%") != nil)
    }
}

/// fixedNow is 09:31Z = 17:31 exchange time: call 12's deadline two hours before reads 11-27 15:31 and `over 2h`;
/// call 13's, 26 hours after, 11-28 19:31 and `1d2h`. Cushions: 135.00% − 140% = −5.00 points, 135.00% − 130% = +5.00;
/// the ¥15,500 top-up reads ¥16K in the compact form.
enum CallsGolden {
    static let rows: [String] = [
        "┌─ Margin calls — 2 live, 1 overdue ─────────────────────────────────────────────────────────────────────────────────┐",
        "│ Call Account  Customer                 Ratio      To warning    To close-out   Top-up Deadline         Left State  │",
        "│   12 A000101  张伟                   135.00%    -5.00% -¥12K     +5.00% ¥30K     ¥48K 11-27 15:31   over 2h overdue│",
        "│   13 A000202  Alice Chen             138.50%   -1.50% -¥4000     +8.50% ¥61K     ¥16K 11-28 19:31      1d2h open   │",
        "│                                                                                                                    │",
    ]
}
