import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// A real store written through a second connection (as another console, the CLI or the feed would): the
/// console picks the change up from the change log on its next poll, with no key pressed.
@Suite("Live console (change log)")
struct LiveConsoleTests {
    @Test("another connection's claim and new critical alert show after a poll, selection kept, the alert marked")
    func foreignWritesShowWithoutAKey() throws {
        let desk = try DeskHarness()
        desk.press(.character("j"), .character("j"))
        let selected = try #require(desk.state.queue.selectedRow)
        let other = try RiskStore.open(at: desk.path)
        let target = try #require(desk.state.queue.rows.first { $0.application.claimHolder(at: desk.now) == nil && $0.application.stage == .manualReview })
        _ = try other.claim(target.application.id, by: "wang.fang", at: desk.now)
        let alertID = try #require(try other.raise(AlertCandidate(rule: .marginCloseOut, severity: .critical, subject: "account:A000001",
                                                                  message: "maintenance ratio 120.0% is below the close-out line"),
                                                   at: desk.now.addingTimeInterval(-90 * 86_400)))  // the oldest: first in the pane
        try other.appendChange(kind: "market", subject: "batch 1", at: desk.now.addingTimeInterval(-3))
        // (Another row of the sample may be claimed by wang.fang already: look at the target's row.)
        let targetLine = { desk.screen.split(separator: "\n").first { $0.contains(target.application.id) }.map(String.init) ?? "" }
        #expect(!targetLine().isEmpty && !targetLine().contains("wang.f"), "nothing shows before the poll")

        desk.runtime.send(.pollDue)
        desk.runtime.settle()
        desk.runtime.redraw()
        #expect(desk.state.queue.rows.first { $0.application.id == target.application.id }?.application.claimedBy == "wang.fang")
        #expect(desk.state.queue.selectedRow?.application.id == selected.application.id, "the selection stayed on its row")
        #expect(desk.state.alerts.unseen == [alertID])
        #expect(desk.state.alerts.counts[.critical].map { $0 > 0 } == true)
        #expect(desk.lines[0].contains("market 3s"))
        #expect(desk.state.live.pending.isEmpty)

        // The reload kept the alerts window where it was (the new alert sorts before it); g brings it into view
        // in the focused pane with the cursor on it: seen.
        desk.press(.character("3"), .character("g"))
        #expect(desk.state.alerts.rows.first?.alert.id == alertID)
        #expect(desk.state.alerts.unseen.isEmpty)
    }

    @Test("a poll with nothing committed confirms the data and reloads nothing")
    func quietPoll() throws {
        let desk = try DeskHarness()
        let rows = desk.state.queue.rows.map(\.application.id)
        desk.runtime.send(.pollDue)
        desk.runtime.settle()
        #expect(desk.state.queue.rows.map(\.application.id) == rows)
        #expect(desk.state.live.pending.isEmpty)
        #expect(desk.lines[0].contains("data live"))
    }
}
