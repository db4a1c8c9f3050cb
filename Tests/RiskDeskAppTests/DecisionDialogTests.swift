import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// Each decision dialog as a supervisor on the sample data: what it says, Enter, Esc, and what lands in the store.
@Suite("Decision dialogs")
struct DecisionDialogTests {
    struct DialogCase: Sendable, CustomTestStringConvertible {
        var key: Character
        var kind: DecisionDialog.Kind
        var testDescription: String { "key \(key)" }
    }

    static let cases: [DialogCase] = [
        DialogCase(key: "a", kind: .approve), DialogCase(key: "c", kind: .conditions), DialogCase(key: "x", kind: .reject),
        DialogCase(key: "i", kind: .requestInfo), DialogCase(key: "e", kind: .escalate), DialogCase(key: "n", kind: .note),
    ]

    static func expectedTitle(_ kind: DecisionDialog.Kind, _ id: String) -> String {
        switch kind {
        case .approve: "Approve \(id)"
        case .conditions: "Approve \(id) with conditions"
        case .reject: "Reject \(id)"
        case .requestInfo: "Request information · \(id)"
        case .escalate: "Escalate \(id)"
        case .note: "Note on \(id)"
        }
    }

    /// The "what will happen" line, built independently of DecisionDialog.summary.
    static func expectedSummary(_ kind: DecisionDialog.Kind, _ row: QueueRow) -> String {
        let app = row.application
        let line = app.requestedLine.formattedWhole
        let lev = app.requestedLeverage.text
        let rate = app.quotedRate.map { ", \($0.percentText)/yr" } ?? ""
        switch kind {
        case .approve: return "approve \(line) at \(lev) for \(row.customerName)\(rate)"
        case .conditions: return "approve \(line) at \(lev) for \(row.customerName)\(rate) (requested \(line) at \(lev))"
        case .reject: return "reject \(line) for \(row.customerName): R01 Collateral is not enough for the requested line"
        case .requestInfo: return "send \(app.id) back to \(row.customerName) for more information"
        case .escalate: return "escalate \(line) for \(row.customerName) to a supervisor"
        case .note: return "add a note to \(app.id) (\(row.customerName))"
        }
    }

    @Test("each dialog opens with its title and what will happen; Esc cancels and writes no decision", arguments: cases)
    func opensAndCancels(_ c: DialogCase) throws {
        let desk = try DeskHarness()
        let row = try desk.freeManualReviewRow { $0 <= Money(yuan: 1_000_000) }
        desk.goTo(row.application.id)
        let before = try #require(try desk.store.application(row.application.id))
        let auditBefore = try desk.auditCount()
        let decisionsBefore = try desk.store.decisions(for: row.application.id).count

        desk.press(.character(c.key))
        let dialog = try #require(desk.state.dialog, "no dialog after \(c.key)")
        #expect(dialog.kind == c.kind)
        let screen = desk.screen
        #expect(screen.contains(Self.expectedTitle(c.kind, row.application.id)), "title missing:\n\(screen)")
        #expect(screen.contains(Self.expectedSummary(c.kind, row)), "summary \(Self.expectedSummary(c.kind, row)) missing:\n\(screen)")
        #expect(screen.contains("Enter confirm · Esc cancel"))
        if c.kind == .approve {
            #expect(screen.contains("approve ¥") && screen.contains(row.customerName) && screen.contains("%/yr"))
        }
        // Opening a decision claims the application (one audit entry); a note does not.
        let claimed = try #require(try desk.store.application(row.application.id))
        if c.kind == .note {
            #expect(try desk.auditCount() == auditBefore)
        } else {
            #expect(claimed.claimHolder(at: desk.now) == "zhao.min")
            #expect(try desk.auditCount() == auditBefore + 1)
            #expect(try desk.store.auditTail(count: 1).first?.record.action == "application.claim")
        }

        desk.press(.escape)
        #expect(desk.state.dialog == nil)
        #expect(!desk.screen.contains(Self.expectedTitle(c.kind, row.application.id)))
        #expect(desk.statusLine.contains("cancelled"), "status: \(desk.statusLine)")
        let after = try #require(try desk.store.application(row.application.id))
        #expect(after.stage == before.stage)
        #expect(after.version == before.version)
        #expect(try desk.store.decisions(for: row.application.id).count == decisionsBefore)
        #expect(try desk.store.auditTail(count: 5).allSatisfy { !$0.record.action.hasPrefix("decision.") || $0.record.subject != "application:\(row.application.id)" })
        if c.kind != .note {
            // The claim stays, shown as yours in the queue; u releases it (audited).
            #expect(desk.row(containing: row.application.id)?.contains("● you") == true)
            desk.press(.character("u"))
            #expect(desk.statusLine.contains("released \(row.application.id)"))
            #expect(try desk.store.application(row.application.id)?.claimHolder(at: desk.now) == nil)
            #expect(try desk.store.auditTail(count: 1).first?.record.action == "application.release")
        }
    }

    @Test("approve as a supervisor within limits: Enter moves it out of the queue and audits it")
    func approveConfirms() throws {
        let desk = try DeskHarness()
        let row = try desk.freeManualReviewRow { $0 <= Money(yuan: 1_000_000) }
        let id = row.application.id
        let totalBefore = try desk.store.queueCount()
        desk.goTo(id)
        desk.press(.character("a"))
        #expect(desk.state.dialog?.kind == .approve)
        let audit = try desk.auditCount()
        desk.press(.enter)

        #expect(desk.state.dialog == nil)
        #expect(desk.state.status?.isError == false)
        #expect(desk.statusLine.contains("\(id): approved"), "status: \(desk.statusLine)")
        #expect(desk.statusLine.contains("on to compliance"))
        #expect(!desk.state.queue.rows.contains { $0.application.id == id })
        #expect(!desk.lines.contains { $0.hasPrefix("│\(id) ") }, "the approved row is gone from the queue pane")
        #expect(desk.state.queue.total == totalBefore - 1)
        #expect(desk.screen.contains("/\(totalBefore - 1)"))
        let app = try #require(try desk.store.application(id))
        #expect(app.stage == .compliance)
        #expect(app.version == row.application.version + 1)
        #expect(try desk.auditCount() == audit + 1)
        let entry = try #require(try desk.store.auditTail(count: 1).first)
        #expect(entry.record.action == "decision.approve")
        #expect(entry.record.subject == "application:\(id)")
        #expect(entry.record.actor == "zhao.min")
        #expect(entry.record.after["approval"] == "sole")
        #expect(try desk.store.verifyAuditChain().isIntact)
    }

    @Test("reject: j picks the next reason, Enter records reason_code")
    func rejectWithReason() throws {
        let desk = try DeskHarness()
        let row = try desk.freeManualReviewRow { _ in true }
        let id = row.application.id
        desk.goTo(id)
        desk.press(.character("x"))
        #expect(desk.screen.contains("▸ R01"))
        desk.press(.character("j"))
        #expect(desk.state.dialog?.reasonIndex == 1)
        #expect(desk.screen.contains("▸ R02"), "the marker moves to R02")
        #expect(!desk.screen.contains("▸ R01"))
        #expect(desk.screen.contains("reject \(row.application.requestedLine.formattedWhole) for \(row.customerName): R02"))
        desk.press(.enter)

        #expect(desk.state.dialog == nil)
        #expect(desk.statusLine.contains("rejected: R02"), "status: \(desk.statusLine)")
        let entry = try #require(try desk.store.auditTail(count: 1).first)
        #expect(entry.record.action == "decision.reject")
        #expect(entry.record.subject == "application:\(id)")
        #expect(entry.record.after["reason_code"] == "R02")
        #expect(try desk.store.application(id)?.stage == .rejected)
        #expect(try desk.store.decisions(for: id).last?.reasonCode == "R02")
        #expect(!desk.state.queue.rows.contains { $0.application.id == id })
    }

    @Test("approve with conditions: an invalid line shows a field error and writes nothing; a lower line approves")
    func conditionsValidation() throws {
        let desk = try DeskHarness()
        let row = try desk.freeManualReviewRow { $0 >= Money(yuan: 200_000) && $0 <= Money(yuan: 1_000_000) }
        let id = row.application.id
        desk.goTo(id)
        desk.press(.character("c"))
        let audit = try desk.auditCount()
        #expect(desk.screen.contains("Line:"))
        #expect(desk.screen.contains("Leverage:"))
        #expect(desk.state.dialog?.fields[0].input.text == String(row.application.requestedLine.fen / 100))

        desk.press(.control("u"))
        desk.type("abc")
        desk.press(.enter)
        #expect(desk.state.dialog != nil, "an invalid dialog stays open")
        #expect(desk.screen.contains("not an amount: try 500000, 500k or 1.2m"), "field error missing:\n\(desk.screen)")
        #expect(try desk.auditCount() == audit)
        #expect(try desk.store.application(id)?.version == row.application.version)

        // Above the request is refused by the dialog too.
        desk.press(.control("u"))
        desk.type(String(row.application.requestedLine.fen / 100 + 1))
        desk.press(.enter)
        #expect(desk.screen.contains("must not exceed \(row.application.requestedLine.formattedWhole)"))
        #expect(try desk.auditCount() == audit)

        // Unchanged terms are not "conditions".
        desk.press(.control("u"))
        desk.type(String(row.application.requestedLine.fen / 100))
        desk.press(.enter)
        #expect(desk.screen.contains("lower the line or the leverage"))
        #expect(try desk.auditCount() == audit)

        // Half the line: approved with conditions.
        let half = row.application.requestedLine.fen / 200
        desk.press(.control("u"))
        desk.type(String(half))
        #expect(desk.screen.contains("approve \(Money(yuan: half).formattedWhole) at"), "the summary follows the field")
        desk.press(.enter)
        #expect(desk.state.dialog == nil)
        let entry = try #require(try desk.store.auditTail(count: 1).first)
        #expect(entry.record.action == "decision.approve-with")
        #expect(entry.record.after["line"] == String(half * 100))
        #expect(try desk.store.application(id)?.approvedLine == Money(yuan: half))
    }

    @Test("escalate: an empty note shows 'a note is required' and writes nothing; with a note it escalates")
    func escalateNeedsNote() throws {
        let desk = try DeskHarness()
        let row = try desk.freeManualReviewRow { _ in true }
        let id = row.application.id
        desk.goTo(id)
        desk.press(.character("e"))
        let audit = try desk.auditCount()
        desk.press(.enter)
        #expect(desk.state.dialog != nil)
        #expect(desk.screen.contains("a note is required"))
        #expect(try desk.auditCount() == audit)
        desk.type("   ")
        desk.press(.enter)
        #expect(desk.screen.contains("a note is required"), "blank notes are empty notes")
        #expect(try desk.auditCount() == audit)

        desk.type("collateral is concentrated")
        #expect(!desk.screen.contains("a note is required"), "typing clears the error")
        desk.press(.enter)
        #expect(desk.state.dialog == nil)
        #expect(desk.statusLine.contains("escalated to a supervisor"), "status: \(desk.statusLine)")
        let entry = try #require(try desk.store.auditTail(count: 1).first)
        #expect(entry.record.action == "decision.escalate")
        #expect(entry.record.reason == "collateral is concentrated")
        #expect(try desk.store.application(id)?.stage == .escalated)
    }

    @Test("request information needs a note and sends the application back")
    func requestInfo() throws {
        let desk = try DeskHarness()
        let row = try desk.freeManualReviewRow { _ in true }
        let id = row.application.id
        desk.goTo(id)
        desk.press(.character("i"))
        #expect(desk.screen.contains("what the customer must provide"), "placeholder shown while empty")
        desk.press(.enter)
        #expect(desk.screen.contains("a note is required"))
        desk.type("latest brokerage statement")
        desk.press(.enter)
        #expect(desk.state.dialog == nil)
        #expect(try desk.store.application(id)?.stage == .infoRequested)
        #expect(try desk.store.auditTail(count: 1).first?.record.action == "decision.request-info")
        #expect(!desk.state.queue.rows.contains { $0.application.id == id })
    }

    @Test("note: adds an audited note without claiming or changing the stage")
    func note() throws {
        let desk = try DeskHarness()
        let row = try desk.freeManualReviewRow { _ in true }
        let id = row.application.id
        desk.goTo(id)
        let audit = try desk.auditCount()
        desk.press(.character("n"))
        desk.press(.enter)
        #expect(desk.screen.contains("a note is required"))
        desk.type("called the customer 张先生")
        desk.press(.enter)
        #expect(desk.state.dialog == nil)
        #expect(desk.statusLine.contains("note added to \(id)"))
        #expect(try desk.auditCount() == audit + 1)
        let entry = try #require(try desk.store.auditTail(count: 1).first)
        #expect(entry.record.action == "application.note")
        #expect(entry.record.reason == "called the customer 张先生")
        let app = try #require(try desk.store.application(id))
        #expect(app.stage == .manualReview)
        #expect(app.version == row.application.version)
        #expect(try desk.store.decisions(for: id).last?.note == "called the customer 张先生")
    }
}
