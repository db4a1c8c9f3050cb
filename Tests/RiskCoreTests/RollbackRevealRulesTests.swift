import Foundation
@testable import RiskCore
import Testing

/// The pure rules behind rollback and reveal: who, when, and what the preview says.
@Suite("Rollback and reveal rules")
struct RollbackRevealRulesTests {
    @Test("rollback refusals follow the pipeline: role, stage, window; a trainer only on training data")
    func rollbackRefusal() {
        let now = Fixture.now
        let decided = now.addingTimeInterval(-86_400)
        let active = Fixture.application(stage: .active, decidedAt: decided)
        let policy = ApprovalPolicy()
        #expect(RollbackRules.refusal(of: active, by: Fixture.supervisor, onTrainingData: false, policy: policy, now: now) == nil)
        #expect(RollbackRules.refusal(of: active, by: Fixture.trainer, onTrainingData: true, policy: policy, now: now) == nil)
        #expect(RollbackRules.refusal(of: active, by: Fixture.trainer, onTrainingData: false, policy: policy, now: now) == .readOnly(user: "tina"))
        #expect(RollbackRules.refusal(of: active, by: Fixture.officer, onTrainingData: false, policy: policy, now: now)
                == .notPermitted(user: "olga", role: .officer, action: "rollback"))
        #expect(RollbackRules.refusal(of: active, by: Fixture.auditor, onTrainingData: false, policy: policy, now: now) == .readOnly(user: "ada"))
        #expect(RollbackRules.refusal(of: Fixture.application(stage: .manualReview), by: Fixture.supervisor, onTrainingData: false,
                                      policy: policy, now: now) == .illegalTransition(from: .manualReview, action: "rollback"))
        // 2025-12-31 00:00 UTC decided; the 5-day window closes 2026-01-05 00:00 UTC.
        let old = Fixture.application(stage: .active, decidedAt: now.addingTimeInterval(-6 * 86_400))
        let closed = RollbackRules.refusal(of: old, by: Fixture.supervisor, onTrainingData: false, policy: policy, now: now)
        #expect(closed == .rollbackWindowClosed(decidedAt: now.addingTimeInterval(-6 * 86_400), window: 5 * 86_400))
        #expect(closed?.description == "the rollback window (5 days) closed 2025-12-31 00:00 UTC")
    }

    @Test("the preview of an active application names the approvals of the cycle, the account and the time left")
    func activePreview() {
        let now = Fixture.now
        var app = Fixture.application(stage: .active, approvedLine: Money(yuan: 300_000), approvedLeverage: Leverage(hundredths: 200),
                                      decidedAt: now.addingTimeInterval(-3_600))
        app.approvedRate = BasisPoints(785)
        let history = [
            PastDecision(actor: "olga", kind: "escalate", from: .manualReview, to: .escalated),
            PastDecision(actor: "sam", kind: "approve", from: .escalated, to: .awaitingSecondApproval,
                         line: Money(yuan: 300_000), leverage: Leverage(hundredths: 200), priceOverride: BasisPoints(60)),
            PastDecision(actor: "sue", kind: "approve", from: .awaitingSecondApproval, to: .compliance,
                         line: Money(yuan: 300_000), leverage: Leverage(hundredths: 200), priceOverride: BasisPoints(60)),
        ]
        let times = [now.addingTimeInterval(-9_000), now.addingTimeInterval(-7_200), now.addingTimeInterval(-3_600)]
        let approvals = RollbackRules.reversedApprovals(history, decidedAt: times, rates: [nil, BasisPoints(785), BasisPoints(785)])
        #expect(approvals.map(\.actor) == ["sam", "sue"])
        let preview = RollbackPreview(application: app, customerName: "张三", approvals: approvals, accounts: ["A000123"],
                                      windowCloses: now.addingTimeInterval(-3_600 + 5 * 86_400), refusal: nil)
        #expect(preview.lines(now: now) == [
            "APP-000123 · 张三 · ¥400,000 requested",
            "stage: active → rolled back",
            "approved terms withdrawn: ¥300,000 at 2.0×, 7.85%",
            "reverses the approval by sam 2025-12-31 22:00 UTC: ¥300,000 at 2.0×, 7.85% (override +60 bp)",
            "reverses the approval by sue 2025-12-31 23:00 UTC: ¥300,000 at 2.0×, 7.85% (override +60 bp)",
            "active: the line in account A000123 is withdrawn",
            "rollback window: 4d 23h left (closes 2026-01-05 23:00 UTC)",
            "the original decisions stay on record; the rollback is its own audit entry",
        ])
    }

    @Test("reveal: supervisors, and trainers on training data; the audit record names who, whom, why and never the values")
    func revealRules() throws {
        #expect(RevealRules.refusal(by: Fixture.supervisor, onTrainingData: false) == nil)
        #expect(RevealRules.refusal(by: Fixture.trainer, onTrainingData: true) == nil)
        for user in [Fixture.officer, Fixture.auditor] {
            #expect(RevealRules.refusal(by: user, onTrainingData: true)
                    == .notPermitted(user: user.name, role: user.role, action: "reveal personal data (supervisors only)"))
        }
        #expect(RevealRules.refusal(by: Fixture.trainer, onTrainingData: false) != nil)
        #expect(throws: DecisionError.noteRequired(action: "revealing personal data")) {
            try RevealRules.audit(by: Fixture.supervisor, onTrainingData: false, customerID: "C-0001", reason: "  ")
        }
        let record = try RevealRules.audit(by: Fixture.supervisor, onTrainingData: false, customerID: "C-0001", reason: " call-back check ")
        #expect(record.action == "pii.reveal")
        #expect(record.actor == "sam")
        #expect(record.subject == "customer:C-0001")
        #expect(record.reason == "call-back check")
        #expect(record.before.isEmpty)
        #expect(record.after == ["fields": "national_id,phone", "shown_seconds": "30"])
        let shown = RevealedIdentity(customerID: "C-0001", nationalID: "x", phone: "y", revealedAt: Fixture.now)
        #expect(shown.secondsLeft(at: Fixture.now.addingTimeInterval(2.5)) == 28)
        #expect(shown.isShown(at: Fixture.now.addingTimeInterval(29.9)))
        #expect(!shown.isShown(at: Fixture.now.addingTimeInterval(30)))
    }
}
