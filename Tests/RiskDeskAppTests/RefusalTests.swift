import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// Refusals from the core show in the status bar and change nothing; read-only people cannot decide.
@Suite("Refusals and read-only")
struct RefusalTests {
    @Test("an officer approving above the limit sees 'exceeds' on a, before any dialog or claim, and nothing is written")
    func officerLimit() throws {
        let desk = try DeskHarness(user: "wang.fang")
        let row = try desk.freeManualReviewRow { $0 > Money(yuan: 1_000_000) }
        let id = row.application.id
        desk.goTo(id)
        let audit = try desk.auditCount()
        let decisions = try desk.store.decisions(for: id).count
        desk.press(.character("a"))

        #expect(desk.state.dialog == nil, "the key says why instead of opening a dialog")
        #expect(try desk.store.application(id)?.claimHolder(at: desk.now) == nil, "nothing was claimed")
        #expect(desk.state.status?.isError == true)
        #expect(desk.statusLine.contains("exceeds"), "status: \(desk.statusLine)")
        #expect(desk.statusLine.contains("wang.fang"))
        #expect(try desk.auditCount() == audit, "a refused decision writes no audit entry")
        let app = try #require(try desk.store.application(id))
        #expect(app.stage == .manualReview)
        #expect(app.version == row.application.version)
        #expect(try desk.store.decisions(for: id).count == decisions)
        #expect(desk.state.queue.rows.contains { $0.application.id == id }, "still in the queue")
    }

    @Test("stale version: another console decides while the dialog is open; Enter says 'changed since you opened it'")
    func staleVersion() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let row = try desk.freeManualReviewRow { $0 <= Money(yuan: 1_000_000) }
        let id = row.application.id
        desk.goTo(id)
        desk.press(.character("a"))
        #expect(desk.state.dialog?.application.version == row.application.version)

        // A second console on the same file: a supervisor takes the claim over and rejects it.
        let other = try RiskStore.open(at: desk.path)
        try other.releaseClaim(id, by: "david.lin", at: desk.now)
        let current = try #require(try other.application(id))
        try other.apply(DecisionRequest(applicationID: id, kind: .reject(ReasonCode.rejectionReasons[0]), actor: "david.lin",
                                        expectedVersion: current.version), at: desk.now)
        let audit = try desk.auditCount()

        desk.press(.enter)
        #expect(desk.state.dialog?.failure?.contains("changed since you opened it") == true, "the dialog stays open with the message")
        #expect(desk.statusLine.contains("changed since you opened it"), "status: \(desk.statusLine)")
        #expect(try desk.auditCount() == audit, "nothing from this console is written")
        let last = try #require(try desk.store.auditTail(count: 1).first)
        #expect(last.record.actor == "david.lin")
        let app = try #require(try desk.store.application(id))
        #expect(app.stage == .rejected)
        #expect(try desk.store.decisions(for: id).filter { $0.actor == "zhao.min" }.isEmpty)
    }

    @Test("a claim held by someone else is shown in the queue and blocks the dialog")
    func claimedByOther() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let row = try #require(try desk.wholeQueue().first { row in
            row.application.stage == .manualReview && (row.application.claimHolder(at: desk.now).map { $0 != "zhao.min" } ?? false)
        }, "the sample has live claims at its as-of time")
        let holder = try #require(row.application.claimHolder(at: desk.now))
        desk.goTo(row.application.id)
        let line = try #require(desk.lines.first { $0.hasPrefix("│\(row.application.id) ") })
        // The Claimed column is 10 wide: every sample user name fits whole.
        #expect(line.contains(holder), "Claimed column: \(line)")
        let audit = try desk.auditCount()

        for key in ["a", "x", "e"] as [Character] {
            desk.press(.character(key))
            #expect(desk.state.dialog == nil, "\(key) opened a dialog on a claimed application")
            #expect(desk.statusLine.contains("claimed by \(holder)"), "status: \(desk.statusLine)")
            #expect(desk.state.status?.isError == true)
        }
        #expect(try desk.auditCount() == audit)
        #expect(try desk.store.application(row.application.id)?.claimHolder(at: desk.now) == holder)
    }

    @Test("the auditor cannot decide: a shows 'read-only' and opens no dialog", arguments: ["a", "c", "x", "i", "e", "n", "u"] as [Character])
    func auditorReadOnly(_ key: Character) throws {
        let desk = try DeskHarness(user: "zhou.qiang")
        #expect(desk.lines[0].contains("zhou.qiang (auditor) · read-only"), "header: \(desk.lines[0])")
        let audit = try desk.auditCount()
        desk.press(.character(key))
        #expect(desk.state.dialog == nil)
        #expect(desk.statusLine.contains("read-only"), "status: \(desk.statusLine)")
        #expect(desk.statusLine.contains("zhou.qiang (auditor)"))
        #expect(try desk.auditCount() == audit)
        // Everything is still shown.
        #expect(desk.screen.contains("1 Approval queue") && desk.screen.contains("2 Customer profile"))
    }

    @Test("--readonly: a supervisor can look but a shows 'read-only' and opens no dialog")
    func readOnlyFlag() throws {
        let desk = try DeskHarness(user: "zhao.min", readOnly: true)
        #expect(desk.lines[0].contains("read-only"))
        // Before any key, the status line already says the session writes nothing.
        #expect(desk.statusLine.contains("read-only session (--readonly)"), "status: \(desk.statusLine)")
        let audit = try desk.auditCount()
        desk.press(.character("a"))
        #expect(desk.state.dialog == nil)
        #expect(desk.statusLine.contains("read-only"))
        desk.press(.character("3"), .character("A"))
        #expect(desk.statusLine.contains("read-only"), "acknowledging an alert is refused too")
        #expect(try desk.auditCount() == audit)
        // A supervisor without the flag does get the dialog (the flag is what blocks it).
        let writer = try DeskHarness(user: "zhao.min")
        writer.goTo(try writer.freeManualReviewRow { _ in true }.application.id)
        writer.press(.character("a"))
        #expect(writer.state.dialog != nil)
    }

    @Test("four eyes: the first approver of a large line cannot give the second approval")
    func fourEyes() throws {
        let desk = try DeskHarness(user: "zhao.min")
        // above the four-eyes threshold and within a supervisor's ¥20,000,000 limit
        let row = try desk.freeManualReviewRow { $0 > Money(yuan: 1_000_000) && $0 <= Money(yuan: 20_000_000) }
        let id = row.application.id
        desk.goTo(id)
        desk.press(.character("a"))
        desk.press(.enter)
        #expect(desk.statusLine.contains("awaiting a second approver"), "status: \(desk.statusLine)")
        #expect(try desk.store.application(id)?.stage == .awaitingSecondApproval)
        // Still in the queue, now tagged for a second approval, and still selected.
        #expect(desk.state.queue.selectedRow?.application.id == id)
        #expect(desk.lines.first { $0.hasPrefix("│\(id) ") }?.contains("2nd appr") == true)

        // The key already knows (issue 9): no dialog, no claim, the reason in the status line.
        let audit = try desk.auditCount()
        let version = try #require(try desk.store.application(id)?.version)
        desk.press(.character("a"))
        #expect(desk.state.dialog == nil)
        #expect(desk.statusLine.contains("four eyes"), "status: \(desk.statusLine)")
        #expect(desk.state.status?.isError == true)
        #expect(try desk.auditCount() == audit)
        #expect(try desk.store.application(id)?.version == version)
        #expect(try desk.store.application(id)?.stage == .awaitingSecondApproval)
    }
}
