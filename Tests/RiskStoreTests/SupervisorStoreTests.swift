import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Issue 9's supervisor steps in the store: four eyes across personas, rollback with its window, reveal audited.
@Suite("Supervisors in the store: four eyes, rollback, reveal")
struct SupervisorStoreTests {
    static func request(_ id: String, _ kind: DecisionKind = .approve, by actor: String, version: Int, note: String = "",
                        intent: ApprovalIntent = .first) -> DecisionRequest {
        DecisionRequest(applicationID: id, kind: kind, actor: actor, note: note, expectedVersion: version, intent: intent)
    }

    @Test("four eyes: the first approver's second approval is refused, the proposal names them and why; a different supervisor confirms")
    func fourEyesAcrossPersonas() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        // ¥3,000,000 is above the ¥1,000,000 four-eyes threshold.
        try store.apply(Self.request(Fixture.big, by: "zhao.min", version: 1, note: "strong collateral"), at: Fixture.later)
        #expect(try store.application(Fixture.big)?.stage == .awaitingSecondApproval)

        let proposals = try store.pendingProposals(for: [Fixture.big, Fixture.small])
        #expect(proposals.keys.sorted() == [Fixture.big], "APP-SMALL is not awaiting a second approval")
        let proposal = try #require(proposals[Fixture.big])
        #expect(proposal.decision.actor == "zhao.min")
        #expect(proposal.decision.note == "strong collateral")
        #expect(proposal.decision.decidedAt == Fixture.later)
        #expect(proposal.reason == .amount(line: Money(yuan: 3_000_000), threshold: Money(yuan: 1_000_000)))
        #expect(proposal.shortReason == "amount > ¥1,000,000")
        // 8.00% quoted, no override: the terms the second approver confirms.
        #expect(proposal.termsText == "¥3,000,000 · 2.0× · 8.00%")

        let audit = try store.rowCount("audit_log")
        let refused = storeError { try store.apply(Self.request(Fixture.big, by: "zhao.min", version: 2, intent: .second), at: Fixture.later) }
        #expect(refused == .refused(.fourEyes(user: "zhao.min")))
        #expect(refused?.description == "four eyes: you made the first approval (zhao.min → you): a second, different supervisor must approve")
        #expect(try store.rowCount("audit_log") == audit, "a refusal writes nothing")

        let done = try store.apply(Self.request(Fixture.big, by: "david.lin", version: 2, intent: .second), at: Fixture.later)
        #expect(done.to == .compliance)
        #expect(try store.pendingProposals(for: [Fixture.big]).isEmpty)
    }

    @Test("on real data the first approver cannot give the second approval under another name, nor can a trainer switch persona")
    func anotherNameIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let setup = try Fixture.store(in: dir)
        #expect(try setup.isTrainingData() == false)
        try setup.mapLogin("zmin", to: "zhao.min", at: Fixture.asOf)  // the bootstrap mapping, to a supervisor
        let zhao = try RiskStore.open(at: dir.path("fixture.sqlite"), login: "zmin")
        try zhao.mapLogin("tlead", to: "trainer", at: Fixture.asOf)
        try zhao.apply(Self.request(Fixture.big, by: try zhao.actingUser(requested: nil).name, version: 1), at: Fixture.later)
        // Typing the other supervisor's name: the login decides who is at the keyboard.
        #expect(storeError { try zhao.actingUser(requested: "david.lin") }
                == .refused(.notYourIdentity(login: "zmin", requested: "david.lin", allowed: ["zhao.min"])))
        // The trainer's persona switch works on training data only; as themselves they are read-only here.
        let trainer = try RiskStore.open(at: dir.path("fixture.sqlite"), login: "tlead")
        #expect(storeError { try trainer.actingUser(requested: "david.lin") }
                == .refused(.notYourIdentity(login: "tlead", requested: "david.lin", allowed: ["trainer"])))
        #expect(storeError { try trainer.apply(Self.request(Fixture.big, by: "trainer", version: 2, intent: .second), at: Fixture.later) }
                == .refused(.readOnly(user: "trainer")))
        #expect(try zhao.application(Fixture.big)?.stage == .awaitingSecondApproval)
    }

    @Test("rollback inside the window: the preview names the approval, the stage moves, the original rows stay and the reversal is its own audit entry")
    func rollbackInsideTheWindow() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try store.apply(Self.request(Fixture.small, by: "wang.fang", version: 1, note: "within limits"), at: Fixture.later)
        let original = try store.decisions(for: Fixture.small)
        #expect(original.count == 1)

        // An officer cannot undo what was approved: refused in the preview and in the store.
        #expect(try store.rollbackPreview(of: Fixture.small, by: "wang.fang", at: Fixture.later).refusal
                == .notPermitted(user: "wang.fang", role: .officer, action: "rollback"))
        #expect(storeError { try store.rollback(Fixture.small, by: "wang.fang", reason: "oops", expectedVersion: 2, at: Fixture.later) }
                == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "rollback")))

        let oneDayLater = Fixture.later.addingTimeInterval(86_400)
        let preview = try store.rollbackPreview(of: Fixture.small, by: "zhao.min", at: oneDayLater)
        #expect(preview.refusal == nil)
        #expect(preview.approvals == [ReversedApproval(actor: "wang.fang", decidedAt: Fixture.later, line: Money(yuan: 500_000),
                                                       leverage: Leverage(hundredths: 200), rate: BasisPoints(800), priceOverride: nil)])
        #expect(preview.windowCloses == Fixture.later.addingTimeInterval(5 * 86_400))
        let lines = preview.lines(now: oneDayLater)
        #expect(lines.contains("stage: compliance → rolled back"))
        #expect(lines.contains("reverses the approval by wang.fang 2026-11-27 11:30 UTC: ¥500,000 at 2.0×, 8.00%"), "\(lines)")
        #expect(lines.contains("rollback window: 4d 0h left (closes 2026-12-02 11:30 UTC)"), "\(lines)")

        #expect(storeError { try store.rollback(Fixture.small, by: "zhao.min", reason: "  ", expectedVersion: 2, at: oneDayLater) }
                == .refused(.noteRequired(action: "a rollback")))
        let audit = try store.rowCount("audit_log")
        let outcome = try store.rollback(Fixture.small, by: "zhao.min", reason: "collateral misvalued", expectedVersion: 2, at: oneDayLater)
        #expect(outcome.from == .compliance && outcome.to == .rolledBack)
        let app = try #require(try store.application(Fixture.small))
        #expect(app.stage == .rolledBack)
        #expect(app.version == 3)
        #expect(app.decidedAt == Fixture.later, "the approval's time stays; the rollback is in the history")

        let history = try store.decisions(for: Fixture.small)
        #expect(history.count == 2)
        #expect(history.first == original.first, "the original decision row is neither edited nor deleted")
        #expect(history.last?.kind == "rollback")
        #expect(history.last?.actor == "zhao.min")
        #expect(history.last?.note == "collateral misvalued")

        #expect(try store.rowCount("audit_log") == audit + 1)
        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.record.action == "decision.rollback")
        #expect(entry.record.actor == "zhao.min")
        #expect(entry.record.subject == "application:\(Fixture.small)")
        #expect(entry.record.before["stage"] == "compliance")
        #expect(entry.record.after["stage"] == "rolled_back")
        #expect(entry.record.reason == "collateral misvalued")
        #expect(try store.auditTail(count: 3).contains { $0.record.action == "decision.approve" && $0.record.actor == "wang.fang" })
        #expect(try store.verifyAuditChain() == .intact(entries: audit + 1))
    }

    @Test("rollback outside the window is refused with when it closed, and writes nothing")
    func rollbackOutsideTheWindow() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try store.apply(Self.request(Fixture.claimable, by: "wang.fang", version: 1), at: Fixture.later)
        let late = Fixture.later.addingTimeInterval(5 * 86_400 + 60)
        let expected = DecisionError.rollbackWindowClosed(decidedAt: Fixture.later, window: 5 * 86_400)
        #expect(expected.description == "the rollback window (5 days) closed 2026-12-02 11:30 UTC")
        #expect(try store.rollbackPreview(of: Fixture.claimable, by: "zhao.min", at: late).refusal == expected)
        let audit = try store.rowCount("audit_log")
        #expect(storeError { try store.rollback(Fixture.claimable, by: "zhao.min", reason: "too late", expectedVersion: 2, at: late) }
                == .refused(expected))
        #expect(try store.application(Fixture.claimable)?.stage == .compliance)
        #expect(try store.rowCount("audit_log") == audit)
        #expect(try store.decisions(for: Fixture.claimable).count == 1)
    }

    @Test("reveal: a supervisor gets the clear values and one pii.reveal entry without them; officers, auditors and trainers on real data are refused")
    func revealAudited() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let clearID = "110101199003074518"
        let clearPhone = "13812342210"
        let audit = try store.rowCount("audit_log")
        for (user, role) in [("wang.fang", Role.officer), ("zhou.qiang", .auditor), ("trainer", .trainer)] {
            #expect(storeError { try store.reveal(customerID: "C000001", by: user, reason: "curious", at: Fixture.later) }
                    == .refused(.notPermitted(user: user, role: role, action: "reveal personal data (supervisors only)")))
        }
        #expect(storeError { try store.reveal(customerID: "C000001", by: "zhao.min", reason: " ", at: Fixture.later) }
                == .refused(.noteRequired(action: "revealing personal data")))
        #expect(try store.rowCount("audit_log") == audit, "refusals write nothing")

        let shown = try store.reveal(customerID: "C000001", by: "zhao.min", reason: "customer on the phone: verify identity", at: Fixture.later)
        #expect(shown.nationalID == clearID)
        #expect(shown.phone == clearPhone)
        #expect(shown.until == Fixture.later.addingTimeInterval(30))
        #expect(try store.rowCount("audit_log") == audit + 1)
        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.record.action == "pii.reveal")
        #expect(entry.record.actor == "zhao.min")
        #expect(entry.record.subject == "customer:C000001")
        #expect(entry.record.reason == "customer on the phone: verify identity")
        #expect(entry.record.after == ["fields": "national_id,phone", "shown_seconds": "30"])
        let stored = try store.read { db in
            try String.fetchAll(db, sql: "SELECT actor || action || subject || before || after || reason FROM audit_log")
        }.joined()
        #expect(!stored.contains(clearID) && !stored.contains(clearPhone) && !stored.contains("13812342210"))
        #expect(try store.verifyAuditChain() == .intact(entries: audit + 1))
    }

    @Test("a trainer reveals on training data")
    func trainerOnTrainingData() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 20, training: true)
        let customer = try #require(try store.read { db in try String.fetchOne(db, sql: "SELECT id FROM customers ORDER BY id LIMIT 1") })
        let shown = try store.reveal(customerID: customer, by: "trainer", reason: "demo", at: Fixture.later)
        #expect(shown.nationalID == (try store.customer(customer)?.nationalID))
        #expect(try store.auditTail(count: 1).first?.record.action == "pii.reveal")
    }
}
