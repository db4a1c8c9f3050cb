import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// The guided tour's steps as data: each predicate false before and true after the store shows the step done.
@Suite("training mode: the guided tour")
struct TourTests {
    static let steps = Tour.steps()

    static func record(_ actor: String, _ action: String, _ subject: String, before: [String: String] = [:],
                       after: [String: String] = [:]) -> AuditRecord {
        AuditRecord(actor: actor, action: action, subject: subject, before: before, after: after, reason: "")
    }

    /// For each step: records that do not complete it (near misses), and one that does.
    static let cases: [(misses: [AuditRecord], done: [AuditRecord])] = [
        // 1. approve as the officer: an approval by zhao.min, or a rejection by wang.fang, is not it.
        ([record("zhao.min", "decision.approve", "application:APP-1", after: ["stage": "active"]),
          record("wang.fang", "decision.reject", "application:APP-1")],
         [record("wang.fang", "decision.approve", "application:APP-2", after: ["stage": "compliance"])]),
        // 2. escalate.
        ([record("wang.fang", "application.note", "application:APP-3")],
         [record("wang.fang", "decision.escalate", "application:APP-3")]),
        // 3. a second approval: a first approval that only moves to awaiting_second_approval is not it.
        ([record("wang.fang", "decision.approve", "application:APP-4", before: ["stage": "manual_review"],
                 after: ["stage": "awaiting_second_approval"])],
         [record("zhao.min", "decision.approve", "application:APP-4", before: ["stage": "awaiting_second_approval"],
                 after: ["stage": "compliance"])]),
        // 4. an alert acknowledged and resolved: resolving another alert than the one acknowledged is not it.
        ([record("zhao.min", "alert.acknowledge", "alert:5"), record("zhao.min", "alert.resolve", "alert:6")],
         [record("zhao.min", "alert.acknowledge", "alert:5"), record("zhao.min", "alert.resolve", "alert:5")]),
        // 5. a margin call met: a top-up that leaves it open is not it.
        ([record("zhao.min", "account.top_up", "account:A1", after: ["cash_fen": "100"]),
          record("zhao.min", "margin_call.update", "account:A1", after: ["state": "open"])],
         [record("zhao.min", "margin_call.met", "account:A1", after: ["state": "met"])]),
        // 6. a rollback.
        ([record("zhao.min", "decision.reject", "application:APP-7")],
         [record("zhao.min", "decision.rollback", "application:APP-7")]),
    ]

    @Test("every step is incomplete on nothing and on its near misses, complete once its record is there")
    func predicates() {
        #expect(Self.steps.count == 6)
        #expect(Self.steps.map(\.title) == ["Approve as the officer", "Escalate a hard case", "Second approval (four eyes)",
                                            "Acknowledge and resolve an alert", "Meet a margin call", "Roll a decision back"])
        for (index, step) in Self.steps.enumerated() {
            let (misses, done) = Self.cases[index]
            #expect(!step.isDone(TourSnapshot()), "step \(index + 1) on an empty snapshot")
            #expect(!step.isDone(TourSnapshot(actions: misses)), "step \(index + 1) on its near misses")
            #expect(step.isDone(TourSnapshot(actions: misses + done)), "step \(index + 1) once done")
        }
    }

    @Test("the tour advances in order: a later step done early counts once the ones before it are; the strip follows")
    func advancesInOrder() {
        var tour = TourState(stepCount: Self.steps.count)
        tour.mark = 10
        tour.update(TourSnapshot(actions: Self.cases[1].done), steps: Self.steps)
        #expect(tour.reached == 0 && tour.viewing == 0, "escalating first does not skip the approval")
        tour.update(TourSnapshot(actions: Self.cases[1].done + Self.cases[0].done), steps: Self.steps)
        #expect(tour.reached == 2 && tour.viewing == 2)
        tour.viewing = 0  // looking back at step 1
        tour.update(TourSnapshot(actions: Self.cases.flatMap(\.done)), steps: Self.steps)
        #expect(tour.reached == 6 && tour.isComplete)
        #expect(tour.viewing == 0, "the strip stays where the trainer looked back")
    }

    @Test(":tour next is refused until the store shows the step done; :tour back, :tour and Esc hide and show")
    func navigation() {
        var state = Desk.state(Desk.officer)
        #expect(state.runCommand("tour") == [.startTour])
        _ = state.reduce(.tourStarted(mark: 42))
        #expect(state.tour?.mark == 42)
        _ = state.runCommand("tour next")
        #expect(state.tour?.viewing == 0)
        #expect(state.status?.text == "not done yet: the store does not show step 1 done")
        state.status = nil  // the trainer's next key clears the refusal
        _ = state.reduce(.tourChecked(TourSnapshot(actions: Self.cases[0].done), through: 50))
        #expect(state.tour?.checkedThrough == 50)
        _ = state.reduce(.finished(.checkTour(after: 42)))
        #expect(state.checkTour() == [.checkTour(after: 50)], "the next look reads only what came after")
        #expect(state.tour?.reached == 1 && state.tour?.viewing == 1)
        #expect(state.status?.text == "1 of 6 steps done: next, escalate a hard case")
        _ = state.runCommand("tour back")
        #expect(state.tour?.viewing == 0)
        _ = state.runCommand("tour next")
        #expect(state.tour?.viewing == 1)
        _ = state.reduce(.key(.escape))
        #expect(state.tour?.isVisible == false)
        _ = state.runCommand("tour")
        #expect(state.tour?.isVisible == true)
        #expect(state.tour?.reached == 1, "hiding keeps the progress")
    }

    @Test("in a demo: the strip shows the step beside the queue, and approving as the officer completes step 1 from the store")
    func storeCompletesStep() throws {
        let desk = try TrainingHarness()
        desk.command("tour")
        #expect(desk.state.tour?.mark != nil)
        #expect(desk.state.tour?.reached == 0)
        #expect(desk.screen.contains("Tour 1/6 — Approve as the officer"))
        #expect(desk.screen.contains("Approval queue"), "the queue being taught stays in sight")
        let id = try desk.freeApplication(upTo: Money(yuan: 900_000))
        desk.command("as zhao.min")
        desk.command("goto \(id)")
        desk.press(.character("a"), .enter)  // the supervisor's approval is not the officer's
        desk.poll()
        #expect(desk.state.tour?.reached == 0)
        let other = try desk.freeApplication(upTo: Money(yuan: 900_000), skipping: [id])
        desk.command("as wang.fang")
        desk.command("goto \(other)")
        desk.press(.character("a"), .enter)
        desk.poll()
        #expect(desk.state.tour?.reached == 1)
        #expect(desk.screen.contains("Tour 2/6 — Escalate a hard case"))
    }
}
