import Foundation
import Testing
@testable import RiskCore

/// The sentiment policy: its switch with hysteresis, and what it tightens (routing, margin calls), with pricing's
/// premium starting at the same band.
@Suite struct SentimentPolicyTests {
    @Test func theIndexBeyondTheBandTightensAndOnlyComesBackPastTheHysteresis() {
        let band = 0.6, h = 0.05
        #expect(SentimentPolicy.next(after: .normal, index: -0.60, band: band, hysteresis: h) == .normal)   // at the band: inside
        #expect(SentimentPolicy.next(after: .normal, index: -0.61, band: band, hysteresis: h) == .tightenedFear)
        #expect(SentimentPolicy.next(after: .normal, index: 0.72, band: band, hysteresis: h) == .tightenedEuphoria)
        // Hovering just inside the band keeps the policy: no switch back and forth at every timer.
        #expect(SentimentPolicy.next(after: .tightenedFear, index: -0.58, band: band, hysteresis: h) == .tightenedFear)
        #expect(SentimentPolicy.next(after: .tightenedFear, index: -0.56, band: band, hysteresis: h) == .tightenedFear)
        #expect(SentimentPolicy.next(after: .tightenedFear, index: -0.55, band: band, hysteresis: h) == .normal)
        #expect(SentimentPolicy.next(after: .normal, index: -0.58, band: band, hysteresis: h) == .normal)
        // Straight from fear to euphoria, and a NaN changes nothing.
        #expect(SentimentPolicy.next(after: .tightenedFear, index: 0.7, band: band, hysteresis: h) == .tightenedEuphoria)
        #expect(SentimentPolicy.next(after: .tightenedFear, index: .nan, band: band, hysteresis: h) == .tightenedFear)
        // A sequence crossing out, wobbling, and back: two switches.
        var policy = SentimentPolicy.normal, switches = 0
        for index in [-0.5, -0.62, -0.59, -0.61, -0.57, -0.58, -0.50, -0.52, -0.45] {
            let next = SentimentPolicy.next(after: policy, index: index, band: band, hysteresis: h)
            if next != policy { switches += 1 }
            policy = next
        }
        #expect(switches == 2 && policy == .normal)
    }

    @Test func tightenedTheAutoApproveThresholdIsTheSettingDefaultHalfTheNormalOne() throws {
        let normal = try DeskSettings.screeningPolicy(from: [:])
        #expect(normal.autoApprovePD == 0.02)
        let tight = try DeskSettings.screeningPolicy(from: [SentimentPolicy.settingKey: "tightened_fear"])
        #expect(tight.autoApprovePD == 0.01)
        let custom = try DeskSettings.screeningPolicy(from: [SentimentPolicy.settingKey: "tightened_euphoria",
                                                             DeskSettings.Key.sentimentAutoApprovePD: "0.005"])
        #expect(custom.autoApprovePD == 0.005)
        // Never looser than the normal threshold.
        let lowNormal = try DeskSettings.screeningPolicy(from: [SentimentPolicy.settingKey: "tightened_fear",
                                                                DeskSettings.Key.autoApprovePD: "0.004"])
        #expect(lowNormal.autoApprovePD == 0.004)
        #expect(try DeskSettings.screeningPolicy(from: [SentimentPolicy.settingKey: "garbage"]).autoApprovePD == 0.02)
    }

    @Test func routingUnderTheTightenedThresholdSendsAGradeBApplicationToAPerson() throws {
        // PD 1.5%, grade B, a small line, no other flag: straight through at 2%, to a person at 1%.
        let app = Fixture.application(line: Money(yuan: 300_000), leverage: Leverage(hundredths: 130), stage: .assessment)
        let customer = Fixture.customer()
        let score = ScoreResult(points: 640, probabilityOfDefault: 0.015, grade: .b, reasons: [], contributions: [:])
        let normal = try DeskSettings.screeningPolicy(from: [:])
        let tight = try DeskSettings.screeningPolicy(from: [SentimentPolicy.settingKey: "tightened_fear"])
        #expect(Screening.reviewFlags(app, customer: customer, score: score, policy: normal, now: Fixture.now).isEmpty)
        let flags = Screening.reviewFlags(app, customer: customer, score: score, policy: tight, now: Fixture.now)
        #expect(flags.map(\.code) == ["PD"])
        #expect(flags.first?.text == "1.50% is at or above the 1.00% auto-approve threshold")
    }

    @Test func pricingAddsItsSentimentPremiumBeyondTheSameBand() {
        // Band ±0.6 and 60 bp at most: index −0.72 is 0.12 of the 0.4 beyond the band → 0.3 × 60 = 18 bp; −0.5 adds
        // nothing. The same index tightens the policy.
        let p = PricingParameters()
        func quote(_ index: Double) -> Quote {
            Pricing.quote(PricingInput(probabilityOfDefault: 0.015, leverage: Leverage(hundredths: 130), board: .main, volatility: 0.3,
                                       marginCallsLast12Months: 0, maxDaysPastDue: 0, tenureMonths: 24, sentiment: index), parameters: p)
        }
        let calm = quote(-0.5), fear = quote(-0.72)
        #expect(fear.rate.value - calm.rate.value == 18)
        #expect(fear.components.first { $0.name == "sentiment" }?.amount == BasisPoints(18))
        #expect(SentimentPolicy.next(after: .normal, index: -0.72, band: p.sentimentBand, hysteresis: 0.05) == .tightenedFear)
        #expect(SentimentPolicy.next(after: .normal, index: -0.5, band: p.sentimentBand, hysteresis: 0.05) == .normal)
    }

    @Test func aCallOpenedUnderTheTightenedPolicyIsNotClosedOutBeforeItsProtectionEnds() throws {
        let stored = [SentimentPolicy.settingKey: "tightened_fear", DeskSettings.Key.marginCallProtectionMinutes: "7200"]
        let policy = try DeskSettings.marginCallPolicy(from: stored)
        #expect(policy.protection == 432_000)  // 5 days
        #expect(try DeskSettings.marginCallPolicy(from: [DeskSettings.Key.marginCallProtectionMinutes: "7200"]).protection == 0)
        let opened = try MarginCallRules.review(nil, account: MarginCallRulesTests.account(), at: MarginCallRulesTests.now, policy: policy)
        guard case let .opened(call) = opened else { Issue.record("expected a call, got \(opened)"); return }
        #expect(call.protectedUntil == MarginCallRulesTests.now.addingTimeInterval(432_000))
        // Past the deadline (Monday 5 Jan 07:00Z), under the close-out line (¥9.00: 126% < 130%), still protected:
        // overdue, not closed out.
        let crashed = MarginCallRulesTests.account(price: Money(yuan: 9))
        let afterDeadline = MarginCallRulesTests.deadline.addingTimeInterval(3_600)
        let during = try MarginCallRules.review(call, account: crashed, at: afterDeadline, policy: policy)
        guard case let .overdue(overdue) = during else { Issue.record("expected overdue, got \(during)"); return }
        // Once the protection ends (Tuesday 6 Jan 00:00Z), the next review closes it out.
        let after = try MarginCallRules.review(overdue, account: crashed, at: MarginCallRulesTests.now.addingTimeInterval(432_000), policy: policy)
        guard case let .closedOut(closed) = after else { Issue.record("expected a close-out, got \(after)"); return }
        #expect(closed.closedOutAt == MarginCallRulesTests.now.addingTimeInterval(432_000))
        // Without the protection the same call is closed out at the first review past the deadline.
        var plain = call
        plain.protectedUntil = nil
        if case .closedOut = try MarginCallRules.review(plain, account: crashed, at: afterDeadline, policy: policy) {} else {
            Issue.record("an unprotected call past its deadline under the close-out line must be closed out")
        }
    }

    @Test func theSwitchSummaryNamesBothPoliciesTheIndexAndTheBand() {
        let change = SentimentPolicySwitch(from: .normal, to: .tightenedFear, index: -0.72, band: 0.6)
        #expect(change.summary == "NORMAL → TIGHT fear: index -0.72 beyond ±0.60")
        #expect(SentimentPolicySwitch(from: .tightenedFear, to: .normal, index: -0.5, band: 0.6).summary
                == "TIGHT fear → NORMAL: index -0.50 back inside ±0.60")
    }
}
