import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// Issue 9 in the console: the second-approval view and its disabled approve key, rollback, reveal.
@Suite("Supervisors in the console", .serialized)
struct SupervisorConsoleTests {
    static let fourEyesReason = "four eyes: you made the first approval (zhao.min → you): a second, different supervisor must approve"

    @Test("four eyes across two personas: the first approver's a and c are dimmed with the reason; another supervisor sees the first approval and confirms it")
    func fourEyesAcrossPersonas() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let row = try desk.freeManualReviewRow { $0 > Money(yuan: 1_000_000) && $0 <= Money(yuan: 20_000_000) }
        let id = row.application.id
        desk.goTo(id)
        desk.press(.character("a"))
        desk.press(.enter)
        #expect(try desk.store.application(id)?.stage == .awaitingSecondApproval)

        // The first approver: approve and conditions are disabled with the reason (footer dimmed, help, status line).
        #expect(desk.state.availability(of: .approve) == .disabled(Self.fourEyesReason))
        #expect(desk.state.availability(of: .approveWithConditions) == .disabled(Self.fourEyesReason))
        let footer = KeyMap.standard.footer(for: desk.state)
        #expect(footer.first { $0.key == "a" }?.isDisabled == true)
        #expect(footer.first { $0.key == "c" }?.isDisabled == true)
        let help = KeyMap.standard.helpSections(for: desk.state).flatMap(\.entries)
        #expect(help.contains { $0.0 == "a" && $0.1 == "approve — \(Self.fourEyesReason)" })
        let audit = try desk.auditCount()
        desk.press(.character("a"))
        #expect(desk.state.dialog == nil, "no dialog, no claim")
        #expect(desk.statusLine.contains("four eyes: you made the first approval (zhao.min → you)"), "\(desk.statusLine)")
        #expect(try desk.auditCount() == audit)

        // The second-approval view: the first approver, their terms and why four eyes apply.
        desk.press(.character("S"))
        #expect(desk.state.queue.filter.stages == [.awaitingSecondApproval])
        let proposal = try #require(desk.state.proposals[id])
        #expect(proposal.decision.actor == "zhao.min")
        let line = try #require(desk.row(containing: id), "\(desk.screen)")
        #expect(line.contains("you"), "the first approver sees themselves: \(line)")
        #expect(line.contains(row.application.requestedLine.formattedCompact), "\(line)")
        #expect(desk.screen.contains("1st appr."))

        let second = try DeskHarness(user: "david.lin", sharing: desk.path)
        second.command("stage second")
        second.goTo(id)
        #expect(second.state.queue.filter.stages == [.awaitingSecondApproval])
        let secondLine = try #require(second.row(containing: id), "\(second.screen)")
        #expect(secondLine.contains("zhao.min"), "\(secondLine)")
        #expect(secondLine.contains("amount > ¥1M"), "\(secondLine)")
        // The profile shows the first decision and the four-eyes reason.
        #expect(second.screen.contains("First approval"), "\(second.screen)")
        #expect(second.lines.contains { $0.contains("Four eyes   ") && $0.contains("is above the") }, "\(second.screen)")
        #expect(second.screen.contains("four-eyes threshold"), "\(second.screen)")
        #expect(second.state.availability(of: .approve) == .available)
        second.press(.character("a"))
        second.press(.enter)
        #expect(try second.store.application(id)?.stage == .compliance)
    }

    @Test("S toggles between the second-approval view and the stage filter that was on before")
    func toggle() throws {
        let desk = try DeskHarness(user: "zhao.min")
        desk.command("stage escalated")
        #expect(desk.state.queue.filter.stages == [.escalated])
        desk.press(.character("S"))
        #expect(desk.state.queue.filter.stages == [.awaitingSecondApproval])
        #expect(desk.screen.contains("1st appr.") && desk.screen.contains("Four eyes"))
        desk.press(.character("S"))
        #expect(desk.state.queue.filter.stages == [.escalated])
    }

    /// A ¥1,000,000-or-less application zhao.min approves at the harness's clock: it goes on to compliance.
    static func approvedApplication(_ desk: DeskHarness, skipping: Set<String> = []) throws -> String {
        let row = try desk.freeManualReviewRow(skipping: skipping) { $0 <= Money(yuan: 1_000_000) }
        desk.goTo(row.application.id)
        desk.press(.character("a"))
        desk.press(.enter)
        #expect(try desk.store.application(row.application.id)?.stage == .compliance)
        return row.application.id
    }

    @Test("rollback inside the window: the dialog shows what is reversed, needs a reason, writes through the pipeline")
    func rollbackInside() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let id = try Self.approvedApplication(desk)
        desk.command("rollback \(id)")
        let dialog = try #require(desk.state.reasonDialog)
        guard case let .rollback(preview) = dialog.purpose else { Issue.record("not a rollback dialog"); return }
        #expect(preview.approvals.map(\.actor) == ["zhao.min"])
        #expect(desk.screen.contains("Roll back \(id)"))
        #expect(desk.screen.contains("stage: compliance → rolled back"))
        #expect(desk.screen.contains("rollback window: 5d 0h left"), "\(desk.screen)")
        let audit = try desk.auditCount()
        desk.press(.enter)
        #expect(desk.state.reasonDialog?.field.error == "a reason is required")
        #expect(try desk.auditCount() == audit)
        desk.type("wrong customer file")
        desk.press(.enter)
        #expect(desk.state.reasonDialog == nil)
        #expect(try desk.store.application(id)?.stage == .rolledBack)
        #expect(desk.statusLine.contains("approval rolled back"), "\(desk.statusLine)")
        #expect(try desk.auditCount() == audit + 1)
        let history = try desk.store.decisions(for: id)
        #expect(history.map(\.kind) == ["approve", "rollback"], "the approval row is still there")
    }

    @Test("rollback outside the window: B is dimmed with when it closed; Esc cancels a dialog without writing")
    func rollbackOutsideAndCancel() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let id = try Self.approvedApplication(desk)
        desk.goTo(id)  // decided: it left the queue of work, :goto shows it under its stage
        #expect(desk.state.queue.filter.stages == [.compliance])
        desk.press(.character("B"))
        #expect(desk.state.reasonDialog != nil)
        let audit = try desk.auditCount()
        desk.press(.escape)
        #expect(desk.state.reasonDialog == nil)
        #expect(try desk.auditCount() == audit)

        let later = try DeskHarness(user: "zhao.min", now: fixedNow.addingTimeInterval(6 * 86_400), sharing: desk.path)
        later.goTo(id)
        let closes = RollbackRules.minuteText(fixedNow.addingTimeInterval(5 * 86_400))
        let reason = "the rollback window (5 days) closed \(closes)"
        #expect(later.state.availability(of: .rollback) == .disabled(reason))
        later.press(.character("B"))
        #expect(later.state.reasonDialog == nil)
        #expect(later.statusLine.contains(reason), "\(later.statusLine)")
        let help = KeyMap.standard.helpSections(for: later.state).flatMap(\.entries)
        #expect(help.contains { $0.0 == "B" && $0.1 == "roll back a decided application (reason required) — \(reason)" })
    }

    @Test("an officer cannot roll back what a supervisor approved: B is left out and :rollback says why")
    func officerRefused() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let id = try Self.approvedApplication(desk)
        let officer = try DeskHarness(user: "wang.fang", sharing: desk.path)
        officer.goTo(id)
        let reason = "wang.fang (officer) may not rollback"
        #expect(officer.state.availability(of: .rollback) == .unavailable(reason))
        officer.command("rollback \(id)")
        #expect(officer.state.reasonDialog == nil)
        #expect(officer.statusLine.contains(reason), "\(officer.statusLine)")
        #expect(try officer.store.application(id)?.stage == .compliance)
    }

    @Test("reveal: v asks a reason, shows the clear ID and phone with a countdown, audits, and masks again after 30 s or on leaving the customer")
    func reveal() throws {
        let desk = try DeskHarness(user: "zhao.min")
        desk.press(.character("2"))
        let customer = try #require(desk.state.detail?.customer)
        #expect(!desk.screen.contains(customer.nationalID))
        desk.press(.character("v"))
        #expect(desk.state.reasonDialog != nil)
        #expect(desk.screen.contains("Reveal ID and phone · \(customer.id)"))
        let audit = try desk.auditCount()
        desk.press(.enter)
        #expect(desk.state.reasonDialog?.field.error == "a reason is required")
        desk.type("customer called: verify identity")
        desk.press(.enter)
        #expect(desk.state.reasonDialog == nil)
        #expect(desk.state.revealed?.customerID == customer.id)
        #expect(desk.screen.contains(customer.nationalID), "\(desk.screen)")
        #expect(desk.screen.contains(customer.phone))
        #expect(desk.screen.contains("revealed · 30 s"))
        #expect(try desk.auditCount() == audit + 1)
        let entry = try #require(try desk.store.auditTail(count: 1).first)
        #expect(entry.record.action == "pii.reveal")
        #expect(entry.record.actor == "zhao.min")
        #expect(entry.record.subject == "customer:\(customer.id)")
        #expect(entry.record.reason == "customer called: verify identity")

        // The clock's ticks count down, and at 30 s the mask is back.
        desk.runtime.send(.tick(fixedNow.addingTimeInterval(3)))
        desk.runtime.redraw()
        #expect(desk.screen.contains("revealed · 27 s"))
        desk.runtime.send(.tick(fixedNow.addingTimeInterval(30)))
        desk.runtime.redraw()
        #expect(desk.state.revealed == nil)
        #expect(!desk.screen.contains(customer.nationalID))
        #expect(desk.screen.contains(customer.maskedNationalID))
        #expect(desk.statusLine.contains("masked again"))
    }

    @Test("leaving the customer masks the revealed values at once")
    func leavingMasks() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let first = try #require(desk.state.detail?.customer)
        desk.press(.character("2"), .character("v"))
        desk.type("check")
        desk.press(.enter)
        #expect(desk.state.revealed?.customerID == first.id)
        desk.press(.character("1"))
        // Move to a row of another customer.
        for _ in 0..<10 where desk.state.detail?.customer.id == first.id { desk.press(.character("j")) }
        #expect(desk.state.detail?.customer.id != first.id)
        #expect(desk.state.revealed == nil)
        #expect(!desk.screen.contains(first.nationalID))
    }

    @Test("officers and auditors: v is left out of the footer and refused with the reason")
    func revealRefused() throws {
        for (name, role) in [("wang.fang", "officer"), ("zhou.qiang", "auditor")] {
            let desk = try DeskHarness(user: name)
            desk.press(.character("2"))
            let reason = "\(name) (\(role)) may not reveal personal data (supervisors only)"
            #expect(desk.state.availability(of: .reveal) == .unavailable(reason))
            #expect(!KeyMap.standard.footer(for: desk.state).contains { $0.key == "v" })
            let audit = try desk.auditCount()
            desk.press(.character("v"))
            #expect(desk.state.reasonDialog == nil)
            #expect(desk.statusLine.contains(reason), "\(desk.statusLine)")
            desk.command("reveal")
            #expect(desk.state.reasonDialog == nil)
            #expect(try desk.auditCount() == audit)
        }
    }

    @Test("the 30-second mask is the timer's doing: a pure reducer test with no store and no sleeping")
    func timerMasks() throws {
        let user = User(name: "sam", displayName: "Sam", role: .supervisor, approvalLimit: Money(yuan: 1_000_000))
        var state = AppState(user: user, databaseName: "x.sqlite", isTrainingData: false, readOnly: false,
                             size: Size(width: 120, height: 40), now: fixedNow, themeName: "default", canSwitchUser: false)
        let shown = RevealedIdentity(customerID: "C1", nationalID: "110101199003074518", phone: "13812342210", revealedAt: fixedNow)
        _ = state.reduce(.revealed(shown))
        #expect(state.revealed == shown)
        _ = state.reduce(.tick(fixedNow.addingTimeInterval(29.5)))
        #expect(state.revealed == shown)
        #expect(shown.secondsLeft(at: fixedNow.addingTimeInterval(29.5)) == 1)
        _ = state.reduce(.tick(fixedNow.addingTimeInterval(30)))
        #expect(state.revealed == nil)
        #expect(state.status?.text == "C1: ID and phone masked again")
    }
}
