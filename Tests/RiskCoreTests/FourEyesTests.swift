import Foundation
import Testing
@testable import RiskCore

/// Four eyes without gaps: each test tries one way around the rule (issue 6 §2).
@Suite("Four eyes without gaps")
struct FourEyesGapTests {
    /// ¥5,000,000 at 1.5×, quoted 8.00%, first approved by sam (supervisor) with the given override.
    func awaiting(firstOverride: BasisPoints? = nil) -> (Application, [PastDecision]) {
        var app = Fixture.application(line: Money(yuan: 5_000_000), leverage: Leverage(hundredths: 150),
                                      stage: .awaitingSecondApproval, approvedLine: Money(yuan: 5_000_000),
                                      approvedLeverage: Leverage(hundredths: 150))
        app.quotedRate = BasisPoints(800)
        let history = [PastDecision(actor: "sam", kind: "approve", from: .manualReview, to: .awaitingSecondApproval,
                                    line: Money(yuan: 5_000_000), leverage: Leverage(hundredths: 150), priceOverride: firstOverride)]
        return (app, history)
    }

    @Test("a second approver who adds a price cut beyond ±50 bp does not send it to compliance: another supervisor must confirm")
    func secondApproverOverride() throws {
        let (app, history) = awaiting()
        // sue gives the second approval but cuts the rate by 200 bp: 8.00% − 2.00% = 6.00%.
        let out = try decide(.approve, by: Fixture.supervisor2, on: app, override: BasisPoints(-200), history: history)
        #expect(out.to == .awaitingSecondApproval)
        #expect(out.audit.after["approval"] == "re-proposed")
        #expect(out.audit.after["price_override_bp"] == "-200")
        #expect(out.audit.after["rate_bp"] == "600")
        #expect(out.approvedRate == BasisPoints(600))
        // sue cannot confirm her own price…
        let reproposed = history + [PastDecision(actor: "sue", kind: "approve", from: .awaitingSecondApproval,
                                                 to: .awaitingSecondApproval, line: Money(yuan: 5_000_000),
                                                 leverage: Leverage(hundredths: 150), priceOverride: BasisPoints(-200))]
        var next = app
        next.version += 1
        #expect(throws: DecisionError.fourEyes(user: "sue")) {
            try decide(.approve, by: Fixture.supervisor2, on: next, history: reproposed)
        }
        // …sam, who did not set it, can: the line was approved by two people and the price by a second one.
        let confirmed = try decide(.approve, by: Fixture.supervisor, on: next, history: reproposed)
        #expect(confirmed.to == .compliance)
        #expect(confirmed.approvedRate == BasisPoints(600))
        #expect(confirmed.audit.after["rate_bp"] == "600")
    }

    @Test("a second approver may change the price within ±50 bp alone, as any single approver may")
    func smallChangeAtSecondStep() throws {
        let (app, history) = awaiting()
        let out = try decide(.approve, by: Fixture.supervisor2, on: app, override: BasisPoints(-30), history: history)
        #expect(out.to == .compliance)
        #expect(out.approvedRate == BasisPoints(770))
    }

    @Test("the override the first approver set is what the second approver confirms, and what the decision records")
    func overrideCarried() throws {
        let (app, history) = awaiting(firstOverride: BasisPoints(-120))
        let out = try decide(.approve, by: Fixture.supervisor2, on: app, history: history)
        #expect(out.to == .compliance)
        #expect(out.priceOverride == BasisPoints(-120))
        #expect(out.approvedRate == BasisPoints(680))   // 800 − 120
        #expect(out.summary == "second approval of ¥5,000,000.00 at 1.5×, 6.80%/yr; on to compliance")
    }

    @Test("an approval's rate is the quote plus the override, within floor and cap")
    func overrideApplied() throws {
        var app = Fixture.application()   // ¥400,000 at 2.5×, officer olga
        app.quotedRate = BasisPoints(800)
        let out = try decide(.approve, by: Fixture.officer, on: app, override: BasisPoints(-40))
        #expect(out.approvedRate == BasisPoints(760))
        #expect(out.audit.after["rate_bp"] == "760")
        let plain = try decide(.approve, by: Fixture.officer, on: app)
        #expect(plain.approvedRate == BasisPoints(800))
        #expect(plain.priceOverride == .zero)
        // 8.00% + 3.00% = 11.00% is within the 12.00% cap; from 10.00%, +3.00% = 13.00% is not.
        app.quotedRate = BasisPoints(1_000)
        #expect(throws: DecisionError.rateOutOfBounds(rate: BasisPoints(1_300), floor: BasisPoints(450), cap: BasisPoints(1_200))) {
            try decide(.approve, by: Fixture.supervisor, on: app, override: BasisPoints(300))
        }
        app.quotedRate = nil
        #expect(throws: DecisionError.noQuote(applicationID: "APP-000123")) {
            try decide(.approve, by: Fixture.supervisor, on: app, override: BasisPoints(10))
        }
    }

    @Test("overrides are bounded, and the extreme integers are refused, not trapped")
    func overrideBounds() throws {
        var app = Fixture.application()
        app.quotedRate = BasisPoints(800)
        for value in [301, -301, Int.max, Int.min] {
            #expect(throws: DecisionError.overrideOutOfRange(BasisPoints(value), limit: BasisPoints(300))) {
                try decide(.approve, by: Fixture.supervisor, on: app, override: BasisPoints(value))
            }
        }
        #expect(DecisionError.overrideOutOfRange(BasisPoints(Int.min), limit: BasisPoints(300)).description
                == "a price override of -9223372036854775808 bp is outside the allowed ±300 bp")
        #expect(try decide(.approve, by: Fixture.supervisor, on: app, override: BasisPoints(-300)).to == .awaitingSecondApproval)
        #expect(BasisPoints(50).contains(BasisPoints(Int.min)) == false)
        #expect(BasisPoints(50).contains(BasisPoints(-50)))
    }

    @Test("an officer cannot undo what was approved: reject in compliance or second approval, withdraw a contract")
    func officerCannotUndo() {
        let r02 = ReasonCode(code: "R02", text: "Credit score is below the policy minimum")
        #expect(throws: DecisionError.supervisorRequired(action: "reject", stage: .compliance)) {
            try decide(.reject(r02), by: Fixture.officer, on: Fixture.application(stage: .compliance))
        }
        #expect(throws: DecisionError.supervisorRequired(action: "reject", stage: .awaitingSecondApproval)) {
            try decide(.reject(r02), by: Fixture.officer, on: Fixture.application(stage: .awaitingSecondApproval),
                       priorApprovers: ["sam"])
        }
        #expect(throws: DecisionError.supervisorRequired(action: "withdraw", stage: .contract)) {
            try decide(.withdraw, by: Fixture.officer, on: Fixture.application(stage: .contract))
        }
        // The automatic stages reject through their own checks, not through anybody's key.
        #expect(throws: DecisionError.illegalTransition(from: .prescreen, action: "reject")) {
            try decide(.reject(r02), by: Fixture.supervisor, on: Fixture.application(stage: .prescreen))
        }
        // A supervisor may still reject from compliance's manual queue.
        #expect((try? decide(.reject(r02), by: Fixture.supervisor, on: Fixture.application(stage: .compliance)))?.to == .rejected)
    }

    @Test("two supervisors racing to give the first approval never make four eyes by accident")
    func raceForFirstApproval() throws {
        let (app, history) = awaiting()
        // sue meant a first approval too, but sam's landed first: a plain approve is refused, naming sam.
        #expect(throws: DecisionError.alreadyApproved(by: "sam")) {
            try decide(.approve, by: Fixture.supervisor2, on: app, history: history, intent: .first)
        }
        // Naming a second approval where there is no first one is refused as well.
        #expect(throws: DecisionError.nothingToConfirm(stage: .manualReview)) {
            try decide(.approve, by: Fixture.supervisor2, on: Fixture.application(line: Money(yuan: 5_000_000)), intent: .second)
        }
        #expect(try decide(.approve, by: Fixture.supervisor2, on: app, history: history, intent: .second).to == .compliance)
    }

    @Test("approvals before a request for information or a return from compliance no longer count")
    func cycles() {
        let history = [
            PastDecision(actor: "sam", kind: "approve", from: .manualReview, to: .awaitingSecondApproval),
            PastDecision(actor: "sue", kind: "reject", from: .awaitingSecondApproval, to: .infoRequested),
            PastDecision(actor: "olga", kind: "note", from: .prescreen, to: .prescreen),
            PastDecision(actor: "tom", kind: "approve", from: .manualReview, to: .awaitingSecondApproval),
        ]
        #expect(FourEyes.approvers(history) == ["tom"])
        #expect(FourEyes.pendingProposal(history)?.actor == "tom")
        #expect(FourEyes.approvers(Array(history.prefix(3))) == [])
    }

    @Test("the four-eyes reason names the amount or the override")
    func reasons() {
        let policy = ApprovalPolicy()
        #expect(FourEyes.reason(line: Money(yuan: 1_000_000), priceOverride: BasisPoints(50), policy: policy) == nil)
        #expect(FourEyes.reason(line: Money(yuan: 1_000_001), priceOverride: .zero, policy: policy)?.description
                == "¥1,000,001 is above the ¥1,000,000 four-eyes threshold")
        #expect(FourEyes.reason(line: Money(yuan: 10), priceOverride: BasisPoints(-51), policy: policy)?.description
                == "a price override of -51 bp is beyond ±50 bp")
    }
}

@Suite("Note limit in the pipeline")
struct PipelineNoteLimitTests {
    @Test("a decision's note longer than 2,000 characters is refused with both figures; 2,000 CJK characters pass")
    func limit() throws {
        let app = Fixture.application()
        #expect(throws: DecisionError.noteTooLong(length: 2_001, maximum: 2_000)) {
            try decide(.escalate, by: Fixture.officer, on: app, note: String(repeating: "x", count: 2_001))
        }
        let out = try decide(.escalate, by: Fixture.officer, on: app, note: String(repeating: "张", count: 2_000))
        #expect(out.audit.reason.count == 2_000)
        #expect(DecisionError.noteTooLong(length: 2_001, maximum: 2_000).description
                == "a note may hold at most 2,000 characters; this one has 2,001")
    }
}
