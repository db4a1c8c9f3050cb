import Foundation
import Testing
@testable import RiskCore

/// Runs one decision against `app` at the fixture clock with the default policy
/// (four eyes above ¥1,000,000, overrides beyond ±50 bp, 5-day rollback window, 30-minute claims).
func decide(_ kind: DecisionKind, by actor: User, on app: Application, note: String = "",
             version: Int? = nil, override: BasisPoints? = nil, priorApprovers: [String] = [],
             history: [PastDecision]? = nil, intent: ApprovalIntent? = nil,
             training: Bool = false, now: Date = Fixture.now) throws(DecisionError) -> DecisionOutcome {
    // Without an explicit intent, a test means the approval the stage calls for (the console does the same).
    let request = DecisionRequest(applicationID: app.id, kind: kind, actor: actor.name, note: note,
                                  expectedVersion: version ?? app.version, priceOverride: override,
                                  intent: intent ?? (app.stage == .awaitingSecondApproval ? .second : .first))
    let past = history ?? priorApprovers.map {
        PastDecision(actor: $0, kind: "approve", from: .manualReview, to: .awaitingSecondApproval)
    }
    let context = DecisionContext(application: app, actor: actor, history: past,
                                  isTrainingData: training, policy: ApprovalPolicy(), now: now)
    return try Pipeline.decide(request, in: context)
}

@Suite("Pipeline.decide: approvals")
struct PipelineApprovalTests {
    @Test("officer approving within limit sends the application to compliance with a full audit record")
    func officerApproves() throws {
        // ¥400,000 requested at 2.5×, officer limit ¥500,000, version 4
        let app = Fixture.application()
        let out = try decide(.approve, by: Fixture.officer, on: app, note: "collateral fine")
        #expect(out.from == .manualReview)
        #expect(out.to == .compliance)
        #expect(out.approvedLine == Money(yuan: 400_000))
        #expect(out.approvedLeverage == Leverage(hundredths: 250))
        #expect(out.audit.actor == "olga")
        #expect(out.audit.action == "decision.approve")
        #expect(out.audit.subject == "application:APP-000123")
        #expect(out.audit.before == ["stage": "manual_review", "version": "4"])
        // line in fen: 400,000 × 100 = 40,000,000; version bumped 4 -> 5
        #expect(out.audit.after == ["stage": "compliance", "version": "5", "line": "40000000",
                                    "leverage": "2.5×", "approval": "sole"])
        #expect(out.audit.reason == "collateral fine")
        #expect(out.summary == "approved ¥400,000.00 at 2.5×; on to compliance")
    }

    @Test("officer approving above their limit is refused, naming both amounts")
    func officerAboveLimit() {
        let app = Fixture.application(line: Money(yuan: 800_000))
        #expect(throws: DecisionError.limitExceeded(user: "olga", line: Money(yuan: 800_000), limit: Money(yuan: 500_000))) {
            try decide(.approve, by: Fixture.officer, on: app)
        }
        let message = DecisionError.limitExceeded(user: "olga", line: Money(yuan: 800_000), limit: Money(yuan: 500_000)).description
        #expect(message == "¥800,000.00 exceeds olga's approval limit of ¥500,000.00: escalate to a supervisor")
    }

    @Test("an officer approving exactly their limit is allowed")
    func officerAtLimit() throws {
        let out = try decide(.approve, by: Fixture.officer, on: Fixture.application(line: Money(yuan: 500_000)))
        #expect(out.to == .compliance)
    }

    @Test("supervisor approving above the four-eyes threshold waits for a second approver")
    func supervisorAboveFourEyes() throws {
        // ¥1,500,000 > ¥1,000,000 threshold
        let app = Fixture.application(line: Money(yuan: 1_500_000))
        let out = try decide(.approve, by: Fixture.supervisor, on: app)
        #expect(out.to == .awaitingSecondApproval)
        #expect(out.audit.after["approval"] == "first")
        #expect(out.audit.after["stage"] == "awaiting_second_approval")
        #expect(out.summary == "approved ¥1,500,000.00 at 2.5×; awaiting a second approver (¥1,500,000 is above the ¥1,000,000 four-eyes threshold)")
        // exactly at the threshold is not "above" it
        let atThreshold = try decide(.approve, by: Fixture.supervisor, on: Fixture.application(line: Money(yuan: 1_000_000)))
        #expect(atThreshold.to == .compliance)
    }

    @Test("the same supervisor cannot give the second approval")
    func fourEyes() {
        let app = Fixture.application(line: Money(yuan: 1_500_000), stage: .awaitingSecondApproval)
        #expect(throws: DecisionError.fourEyes(user: "sam")) {
            try decide(.approve, by: Fixture.supervisor, on: app, priorApprovers: ["sam"])
        }
    }

    @Test("a different supervisor's second approval moves on to compliance")
    func secondApproval() throws {
        let app = Fixture.application(line: Money(yuan: 1_500_000), stage: .awaitingSecondApproval)
        let out = try decide(.approve, by: Fixture.supervisor2, on: app, priorApprovers: ["sam"])
        #expect(out.from == .awaitingSecondApproval)
        #expect(out.to == .compliance)
        #expect(out.audit.actor == "sue")
        #expect(out.audit.after["approval"] == "second")
        #expect(out.summary == "second approval of ¥1,500,000.00 at 2.5×; on to compliance")
    }

    @Test("the second approval confirms the terms the first approver set, not the requested ones")
    func secondApprovalKeepsConditions() throws {
        // First approver cut ¥1,500,000 @ 2.5× to ¥1,200,000 @ 2.0× (still above ¥1M, so four eyes).
        let app = Fixture.application(line: Money(yuan: 1_500_000), stage: .awaitingSecondApproval,
                                      approvedLine: Money(yuan: 1_200_000), approvedLeverage: Leverage(hundredths: 200))
        let out = try decide(.approve, by: Fixture.supervisor2, on: app, priorApprovers: ["sam"])
        #expect(out.approvedLine == Money(yuan: 1_200_000))
        #expect(out.approvedLeverage == Leverage(hundredths: 200))
    }

    @Test("an officer cannot approve in second approval or escalated")
    func officerNeedsSupervisor() {
        let second = Fixture.application(line: Money(yuan: 300_000), stage: .awaitingSecondApproval)
        #expect(throws: DecisionError.supervisorRequired(action: "approve", stage: .awaitingSecondApproval)) {
            try decide(.approve, by: Fixture.officer, on: second, priorApprovers: ["sam"])
        }
        let escalated = Fixture.application(line: Money(yuan: 300_000), stage: .escalated)
        #expect(throws: DecisionError.supervisorRequired(action: "approve", stage: .escalated)) {
            try decide(.approve, by: Fixture.officer, on: escalated)
        }
        #expect(DecisionError.supervisorRequired(action: "approve", stage: .awaitingSecondApproval).description
                == "only a supervisor may approve an application in 2nd approval")
    }

    @Test("a supervisor may approve an escalated application")
    func supervisorApprovesEscalated() throws {
        let out = try decide(.approve, by: Fixture.supervisor, on: Fixture.application(stage: .escalated))
        #expect(out.to == .compliance)
    }

    @Test("approving outside the manual stages is an illegal transition")
    func approveInCompliance() {
        #expect(throws: DecisionError.illegalTransition(from: .compliance, action: "approve")) {
            try decide(.approve, by: Fixture.supervisor, on: Fixture.application(stage: .compliance))
        }
    }

    @Test("approve-with-conditions may lower the line or leverage")
    func conditionsLower() throws {
        let app = Fixture.application() // ¥400,000 @ 2.5×
        let lowerLine = try decide(.approveWithConditions(line: Money(yuan: 300_000), leverage: Leverage(hundredths: 250)),
                                   by: Fixture.officer, on: app)
        #expect(lowerLine.to == .compliance)
        #expect(lowerLine.approvedLine == Money(yuan: 300_000))
        #expect(lowerLine.audit.action == "decision.approve-with")
        #expect(lowerLine.audit.after["line"] == "30000000")   // 300,000 × 100 fen
        let lowerLeverage = try decide(.approveWithConditions(line: Money(yuan: 400_000), leverage: Leverage(hundredths: 200)),
                                       by: Fixture.officer, on: app)
        #expect(lowerLeverage.approvedLeverage == Leverage(hundredths: 200))
        #expect(lowerLeverage.audit.after["leverage"] == "2.0×")
    }

    @Test("approve-with-conditions checks the officer's limit against the lowered line")
    func conditionsBringUnderLimit() throws {
        // ¥800,000 requested is above olga's ¥500,000 limit; approving ¥450,000 is within it
        let app = Fixture.application(line: Money(yuan: 800_000))
        let out = try decide(.approveWithConditions(line: Money(yuan: 450_000), leverage: Leverage(hundredths: 250)),
                             by: Fixture.officer, on: app)
        #expect(out.approvedLine == Money(yuan: 450_000))
    }

    @Test("conditions must lower something and raise nothing")
    func conditionsNotLower() {
        let app = Fixture.application() // ¥400,000 @ 2.5×
        let refusal = DecisionError.conditionsNotLower(requested: Money(yuan: 400_000), leverage: Leverage(hundredths: 250))
        #expect(throws: refusal) {   // same terms
            try decide(.approveWithConditions(line: Money(yuan: 400_000), leverage: Leverage(hundredths: 250)), by: Fixture.officer, on: app)
        }
        #expect(throws: refusal) {   // lower line but higher leverage
            try decide(.approveWithConditions(line: Money(yuan: 300_000), leverage: Leverage(hundredths: 300)), by: Fixture.officer, on: app)
        }
        #expect(throws: refusal) {   // higher line, lower leverage
            try decide(.approveWithConditions(line: Money(yuan: 450_000), leverage: Leverage(hundredths: 200)), by: Fixture.officer, on: app)
        }
        #expect(throws: DecisionError.invalidConditions("the approved line must be above zero")) {
            try decide(.approveWithConditions(line: .zero, leverage: Leverage(hundredths: 200)), by: Fixture.officer, on: app)
        }
        #expect(throws: DecisionError.invalidConditions("leverage must be at least 1.0×")) {
            try decide(.approveWithConditions(line: Money(yuan: 100_000), leverage: Leverage(hundredths: 90)), by: Fixture.officer, on: app)
        }
        #expect(refusal.description
                == "conditions must lower the line (requested ¥400,000.00) or the leverage (requested 2.5×) and raise neither")
    }

    @Test("a price override up to ±50 bp is fine alone; beyond it needs a second approval")
    func priceOverride() throws {
        var app = Fixture.application()
        app.quotedRate = BasisPoints(800)
        let within = try decide(.approve, by: Fixture.officer, on: app, override: BasisPoints(50))
        #expect(within.to == .compliance)
        #expect(within.audit.after["price_override_bp"] == "50")
        #expect(within.audit.after["approval"] == "sole")
        let beyond = try decide(.approve, by: Fixture.officer, on: app, override: BasisPoints(-51))
        #expect(beyond.to == .awaitingSecondApproval)
        #expect(beyond.audit.after["price_override_bp"] == "-51")
        let none = try decide(.approve, by: Fixture.officer, on: app, override: .zero)
        #expect(none.audit.after["price_override_bp"] == nil)
    }
}

@Suite("Pipeline.decide: guards")
struct PipelineGuardTests {
    @Test("a stale version is refused")
    func stale() {
        let app = Fixture.application(version: 4)
        #expect(throws: DecisionError.staleVersion(applicationID: "APP-000123", expected: 3, actual: 4)) {
            try decide(.approve, by: Fixture.officer, on: app, version: 3)
        }
        #expect(DecisionError.staleVersion(applicationID: "APP-000123", expected: 3, actual: 4).description
                == "APP-000123 changed since you opened it (version 3, now 4): reload and decide again")
    }

    @Test("a live claim by someone else blocks; an expired one or one's own does not")
    func claims() throws {
        let now = Fixture.now
        let held = Fixture.application(claimedBy: "sue", claimExpiresAt: now.addingTimeInterval(600))
        #expect(throws: DecisionError.claimedByOther(holder: "sue")) {
            try decide(.approve, by: Fixture.officer, on: held)
        }
        let expired = Fixture.application(claimedBy: "sue", claimExpiresAt: now.addingTimeInterval(-1))
        #expect(try decide(.approve, by: Fixture.officer, on: expired).to == .compliance)
        let own = Fixture.application(claimedBy: "olga", claimExpiresAt: now.addingTimeInterval(600))
        #expect(try decide(.approve, by: Fixture.officer, on: own).to == .compliance)
    }

    @Test("the auditor is read-only")
    func auditor() {
        #expect(throws: DecisionError.readOnly(user: "ada")) {
            try decide(.approve, by: Fixture.auditor, on: Fixture.application())
        }
        #expect(throws: DecisionError.readOnly(user: "ada")) {
            try decide(.reject(ReasonCode.rejection("R01")!), by: Fixture.auditor, on: Fixture.application(), training: true)
        }
    }

    @Test("a trainer is read-only on real data and a supervisor on training data")
    func trainer() throws {
        let big = Fixture.application(line: Money(yuan: 1_500_000))
        #expect(throws: DecisionError.readOnly(user: "tina")) {
            try decide(.approve, by: Fixture.trainer, on: big, training: false)
        }
        // on training data: approves above the four-eyes threshold like a supervisor
        #expect(try decide(.approve, by: Fixture.trainer, on: big, training: true).to == .awaitingSecondApproval)
        // and may decide in escalated, which an officer may not
        let escalated = Fixture.application(stage: .escalated)
        #expect(try decide(.approve, by: Fixture.trainer, on: escalated, training: true).to == .compliance)
        // and may roll back
        let active = Fixture.application(stage: .active, decidedAt: Fixture.now.addingTimeInterval(-3_600))
        #expect(try decide(.rollback, by: Fixture.trainer, on: active, note: "drill", training: true).to == .rolledBack)
    }
}

@Suite("Pipeline.decide: reject, escalate, request info, rollback, withdraw")
struct PipelineOtherDecisionTests {
    @Test("a rejection needs a reason code, which lands in the audit record")
    func reject() throws {
        let app = Fixture.application()
        #expect(throws: DecisionError.reasonRequired) {
            try decide(.reject(ReasonCode(code: "", text: "")), by: Fixture.officer, on: app)
        }
        let out = try decide(.reject(ReasonCode.rejection("R03")!), by: Fixture.officer, on: app, note: "62% in one name")
        #expect(out.to == .rejected)
        #expect(out.audit.action == "decision.reject")
        #expect(out.audit.after["reason_code"] == "R03")
        #expect(out.audit.after["stage"] == "rejected")
        #expect(out.audit.after["line"] == nil)
        #expect(out.summary == "rejected: R03 Portfolio is too concentrated in one holding")
    }

    @Test("an officer cannot reject an escalated application")
    func rejectEscalated() throws {
        let app = Fixture.application(stage: .escalated)
        #expect(throws: DecisionError.supervisorRequired(action: "reject", stage: .escalated)) {
            try decide(.reject(ReasonCode.rejection("R02")!), by: Fixture.officer, on: app)
        }
        #expect(try decide(.reject(ReasonCode.rejection("R02")!), by: Fixture.supervisor, on: app).to == .rejected)
    }

    @Test("escalation needs a note and starts from manual review")
    func escalate() throws {
        let app = Fixture.application()
        #expect(throws: DecisionError.noteRequired(action: "escalation")) {
            try decide(.escalate, by: Fixture.officer, on: app, note: "   \n")
        }
        let out = try decide(.escalate, by: Fixture.officer, on: app, note: "PEP, needs a supervisor")
        #expect(out.to == .escalated)
        #expect(out.audit.reason == "PEP, needs a supervisor")
        #expect(throws: DecisionError.illegalTransition(from: .escalated, action: "escalate")) {
            try decide(.escalate, by: Fixture.supervisor, on: Fixture.application(stage: .escalated), note: "again")
        }
        #expect(DecisionError.noteRequired(action: "escalation").description == "escalation needs a note")
    }

    @Test("requesting information needs a note")
    func requestInfo() throws {
        let app = Fixture.application()
        #expect(throws: DecisionError.noteRequired(action: "requesting information")) {
            try decide(.requestInfo, by: Fixture.officer, on: app)
        }
        let out = try decide(.requestInfo, by: Fixture.officer, on: app, note: "bank statements")
        #expect(out.to == .infoRequested)
        #expect(out.audit.action == "decision.request-info")
        #expect(throws: DecisionError.supervisorRequired(action: "request-info", stage: .escalated)) {
            try decide(.requestInfo, by: Fixture.officer, on: Fixture.application(stage: .escalated), note: "x")
        }
    }

    @Test("rollback: supervisor only, with a note, from compliance/contract/active, within the window")
    func rollback() throws {
        let now = Fixture.now
        let decided = now.addingTimeInterval(-86_400)   // one day ago, window is 5 days
        let active = Fixture.application(stage: .active, decidedAt: decided)
        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "rollback")) {
            try decide(.rollback, by: Fixture.officer, on: active, note: "mistake")
        }
        #expect(throws: DecisionError.noteRequired(action: "a rollback")) {
            try decide(.rollback, by: Fixture.supervisor, on: active)
        }
        #expect(throws: DecisionError.illegalTransition(from: .manualReview, action: "rollback")) {
            try decide(.rollback, by: Fixture.supervisor, on: Fixture.application(decidedAt: decided), note: "x")
        }
        for stage in [Stage.compliance, .contract, .active] {
            let out = try decide(.rollback, by: Fixture.supervisor, on: Fixture.application(stage: stage, decidedAt: decided),
                                 note: "collateral misvalued")
            #expect(out.to == .rolledBack)
            #expect(out.audit.action == "decision.rollback")
            #expect(out.audit.before["stage"] == stage.rawValue)
        }
        // 5 days exactly is still inside; 5 days + 1 s is outside
        let edge = Fixture.application(stage: .active, decidedAt: now.addingTimeInterval(-5 * 86_400))
        #expect(try decide(.rollback, by: Fixture.supervisor, on: edge, note: "x").to == .rolledBack)
        let lateDate = now.addingTimeInterval(-5 * 86_400 - 1)
        let late = Fixture.application(stage: .active, decidedAt: lateDate)
        #expect(throws: DecisionError.rollbackWindowClosed(decidedAt: lateDate, window: 5 * 86_400)) {
            try decide(.rollback, by: Fixture.supervisor, on: late, note: "x")
        }
    }

    @Test("withdraw follows the stage graph")
    func withdraw() throws {
        #expect(try decide(.withdraw, by: Fixture.officer, on: Fixture.application(stage: .manualReview)).to == .withdrawn)
        #expect(try decide(.withdraw, by: Fixture.supervisor, on: Fixture.application(stage: .contract)).to == .withdrawn)
        #expect(throws: DecisionError.illegalTransition(from: .active, action: "withdraw")) {
            try decide(.withdraw, by: Fixture.supervisor, on: Fixture.application(stage: .active))
        }
    }
}

@Suite("Pipeline.claim")
struct PipelineClaimTests {
    @Test("a claim lasts the policy's 30 minutes")
    func claim() throws {
        let now = Fixture.now
        let until = try Pipeline.claim(Fixture.application(), by: Fixture.officer, isTrainingData: false,
                                       policy: ApprovalPolicy(), now: now)
        #expect(until == now.addingTimeInterval(1_800))   // 30 × 60 s
    }

    @Test("claims are refused for read-only users, other holders and automatic stages")
    func refused() {
        let now = Fixture.now
        #expect(throws: DecisionError.readOnly(user: "ada")) {
            try Pipeline.claim(Fixture.application(), by: Fixture.auditor, isTrainingData: false, policy: ApprovalPolicy(), now: now)
        }
        let held = Fixture.application(claimedBy: "sue", claimExpiresAt: now.addingTimeInterval(60))
        #expect(throws: DecisionError.claimedByOther(holder: "sue")) {
            try Pipeline.claim(held, by: Fixture.officer, isTrainingData: false, policy: ApprovalPolicy(), now: now)
        }
        #expect(throws: DecisionError.illegalTransition(from: .compliance, action: "claim")) {
            try Pipeline.claim(Fixture.application(stage: .compliance), by: Fixture.officer, isTrainingData: false,
                               policy: ApprovalPolicy(), now: now)
        }
    }

    @Test("escalated work and second approvals are claimed by supervisors only")
    func supervisorStages() throws {
        let now = Fixture.now
        for stage in [Stage.escalated, .awaitingSecondApproval] {
            #expect(throws: DecisionError.supervisorRequired(action: "claim", stage: stage)) {
                try Pipeline.claim(Fixture.application(stage: stage), by: Fixture.officer, isTrainingData: false,
                                   policy: ApprovalPolicy(), now: now)
            }
            let until = try Pipeline.claim(Fixture.application(stage: stage), by: Fixture.supervisor, isTrainingData: false,
                                           policy: ApprovalPolicy(), now: now)
            #expect(until == now.addingTimeInterval(1_800))
        }
    }
}
