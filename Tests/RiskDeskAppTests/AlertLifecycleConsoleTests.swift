import Foundation
import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// The alerts pane's lifecycle keys against a real store (a scratch copy of the sample database).
@Suite("console: alert lifecycle keys", .serialized)
struct AlertLifecycleConsoleTests {
    @Test("an officer acknowledges, takes and resolves a warning alert: it leaves the list and the audit log has the three steps")
    func acknowledgeAssignResolve() throws {
        let desk = try DeskHarness(user: "wang.fang")
        // The unassigned filter, then down to the first warning alert (critical ones come first).
        desk.command("alerts unassigned")
        #expect(desk.screen.contains("3 Risk alerts · unassigned"))
        var presses = 0
        while desk.state.alerts.selectedAlert?.severity != .warning && presses < 200 {
            desk.press(.character("j"))
            presses += 1
        }
        let alert = try #require(desk.state.alerts.selectedAlert)
        #expect(alert.severity == .warning)
        #expect(alert.state == .open)
        let before = try desk.auditCount()

        desk.press(.character("A"))
        #expect(desk.statusLine.contains("alert \(alert.id) acknowledged"), "\(desk.statusLine)")
        // Acknowledged and still unassigned: it stays in this view, marked ✓.
        #expect(desk.state.alerts.selectedAlert?.id == alert.id)
        #expect(desk.state.alerts.selectedAlert?.state == .acknowledged)
        #expect(desk.state.alerts.selectedAlert?.version == alert.version + 1)

        // Taken: it leaves the unassigned view; `:alerts mine` shows it with the cursor on it.
        desk.press(.character("o"))
        #expect(desk.statusLine.contains("alert \(alert.id) assigned to wang.fang"), "\(desk.statusLine)")
        #expect(!desk.state.alerts.rows.contains { $0.alert.id == alert.id })
        desk.command("alerts mine")
        #expect(desk.state.alerts.rows.map(\.alert.id) == [alert.id], "the sample assigns nothing to wang.fang")
        let row = try #require(desk.row(containing: "✓ wang.fang"), "\(desk.screen)")
        #expect(row.contains("WARN"))

        desk.press(.character("R"))
        #expect(desk.screen.contains("Resolve alert \(alert.id)"))
        desk.press(.down, .enter)  // customer topped up
        #expect(desk.state.alertDialog == nil)
        #expect(desk.statusLine.contains("alert \(alert.id) resolved: customer topped up"), "\(desk.statusLine)")
        #expect(desk.state.alerts.rows.isEmpty)
        #expect(desk.screen.contains("no open alerts (mine)"))

        let stored = try #require(try desk.store.alert(alert.id))
        #expect(stored.state == .resolved)
        #expect(stored.resolvedBy == "wang.fang")
        #expect(stored.disposition == "topped_up")
        #expect(stored.version == alert.version + 3)
        #expect(try desk.auditCount() == before + 3)
        let steps = try desk.store.auditTail(count: 3, subject: "alert:\(alert.id)").map(\.record)
        #expect(Set(steps.map(\.action)) == ["alert.acknowledge", "alert.assign", "alert.resolve"])
        #expect(steps.allSatisfy { $0.actor == "wang.fang" })
        #expect(desk.state.live.pending.isEmpty)
    }

    @Test("a step on an alert changed by someone else since it was shown is refused inside the dialog, nothing written")
    func staleVersionRefused() throws {
        let desk = try DeskHarness(user: "wang.fang")
        desk.command("alerts unassigned")
        while desk.state.alerts.selectedAlert?.severity == .critical { desk.press(.character("j")) }
        let alert = try #require(desk.state.alerts.selectedAlert)
        desk.press(.character("e"))
        // li.na acknowledges it from another connection while the dialog is open.
        let other = try RiskStore.open(at: desk.path)
        try other.acknowledgeAlert(alert.id, by: "li.na", at: desk.now)
        let before = try desk.auditCount()
        desk.type("needs a supervisor")
        desk.press(.enter)
        let failure = try #require(desk.state.alertDialog?.failure)
        #expect(failure == "alert \(alert.id) changed since you read it (version \(alert.version), now \(alert.version + 1)): reload and try again")
        #expect(desk.screen.contains("✗ alert \(alert.id) changed since you read it"))
        #expect(try desk.auditCount() == before)
        #expect(try desk.store.alert(alert.id)?.state == .acknowledged)
    }

    @Test(":calls on the sample after a margin-call review lists every live call with its customer's name from the store")
    func callsFromTheStore() throws {
        let desk = try DeskHarness(user: "wang.fang")
        _ = try desk.store.reviewMarginCalls(at: desk.now)
        let calls = try desk.store.openMarginCalls()
        try #require(!calls.isEmpty, "the sample has accounts under the warning line")
        desk.command("calls")
        let view = try #require(desk.state.callsOverlay)
        #expect(view.lines.map(\.open) == calls, "the same calls in the same order (soonest deadline first)")
        for line in view.lines.prefix(5) {
            #expect(line.customerName == (try desk.store.customer(line.open.customerID))?.name)
        }
        #expect(desk.screen.contains("Margin calls — \(calls.count) live"))
        desk.press(.escape)
        #expect(desk.state.callsOverlay == nil)
    }
}
