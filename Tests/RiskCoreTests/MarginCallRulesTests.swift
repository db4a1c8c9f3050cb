import Foundation
import Testing
@testable import RiskCore

/// Margin calls: amounts, opening, review, extension, top-up, reduction and cushions, on crafted accounts.
@Suite struct MarginCallRulesTests {
    /// 140,000 shares at ¥10.00 = ¥1,400,000 against ¥1,000,000 financed: ratio 140% (under the 150% warning line).
    static func account(price: Money = Money(yuan: 10), cash: Money = .zero, financed: Money = Money(yuan: 1_000_000)) -> MarginAccount {
        MarginAccount(id: "ACC1", customerID: "C-0001", cash: cash,
                      positions: [Position(instrument: Fixture.instrument(price: price), quantity: 140_000, financedCost: Money(yuan: 1_000_000))],
                      financed: financed, accruedInterest: .zero)
    }

    static let policy = MarginCallPolicy()
    /// 2026-01-01T00:00Z is Thursday 08:00 in Shanghai.
    static let now = Fixture.now
    /// T+2 from Thursday 1 Jan: Friday 2, Monday 5 (weekend skipped) → Monday 5 Jan 15:00 UTC+8 = 07:00Z.
    static let deadline = Date(timeIntervalSince1970: 1_767_225_600 + 4 * 86_400 + 7 * 3_600)

    @Test func amountsRestoreTheRecoveryLineExactly() throws {
        let a = Self.account()
        #expect(MarginCallRules.ratio(of: a) == BasisPoints(14_000))
        // T: 1.6 × 1,000,000 − 1,400,000 = ¥200,000.
        #expect(try MarginCallRules.topUp(for: a) == Money(yuan: 200_000))
        // R: (1.6 × 100,000,000 − 140,000,000) fen ÷ 0.6 = 33,333,333.3… → rounded up 33,333,334 fen.
        #expect(try MarginCallRules.reduction(for: a) == Money(fen: 33_333_334))
        // After selling and repaying R: 106,666,666 / 66,666,666 ≥ 1.6; one fen less would fall short.
        let after = MarginAccount(id: "x", customerID: "c", cash: Money(fen: 106_666_666), positions: [], financed: Money(fen: 66_666_666), accruedInterest: .zero)
        #expect(!MarginCallRules.isBelow(after, BasisPoints(16_000)))
        let short = MarginAccount(id: "x", customerID: "c", cash: Money(fen: 106_666_667), positions: [], financed: Money(fen: 66_666_667), accruedInterest: .zero)
        #expect(MarginCallRules.isBelow(short, BasisPoints(16_000)))
        // A ratio of 150.00% exactly is not under the warning line: no call.
        let atLine = Self.account(price: Money(fen: 1_072)) // 140,000 × 10.72 = 1,500,800 → 150.08%
        #expect(try MarginCallRules.review(nil, account: atLine, at: Self.now, policy: Self.policy) == .unchanged)
    }

    @Test func aCallOpensBelowTheWarningLineWithATPlusNDeadline() throws {
        let review = try MarginCallRules.review(nil, account: Self.account(), at: Self.now, policy: Self.policy)
        guard case let .opened(call) = review else { Issue.record("expected opened, got \(review)"); return }
        #expect(call.ratioAtOpen == BasisPoints(14_000))
        #expect(call.amountAtOpen == Money(yuan: 200_000))
        #expect(call.deadline == Self.deadline)
        #expect(call.state == .open)
        // Opened Friday 2 Jan 10:00 (+08) with T+2 → Tuesday 6 Jan 15:00 (+08).
        let friday = Self.now.addingTimeInterval(86_400 + 2 * 3_600)
        #expect(MarginCallDeadline.deadline(from: friday, tradingDays: 2) == Self.deadline.addingTimeInterval(86_400))
        #expect(MarginCallDeadline.day(of: Self.now) == "2026-01-01")
        #expect(MarginCallDeadline.bounds(ofDay: "2026-02-30") == nil)
        #expect(MarginCallDeadline.bounds(ofDay: "2026-01-01")?.start == Self.now.addingTimeInterval(-8 * 3_600))
    }

    @Test func aFurtherDropUpdatesTheAmountAndOpensNoSecondCall() throws {
        guard case let .opened(call) = try MarginCallRules.review(nil, account: Self.account(), at: Self.now, policy: Self.policy) else {
            Issue.record("no call"); return
        }
        // ¥9.50: 1,330,000 → 133%; T = 1,600,000 − 1,330,000 = ¥270,000.
        let review = try MarginCallRules.review(call, account: Self.account(price: Money(fen: 950)), at: Self.now.addingTimeInterval(60), policy: Self.policy)
        guard case let .updated(updated) = review else { Issue.record("expected updated, got \(review)"); return }
        #expect(updated.topUp == Money(yuan: 270_000))
        #expect(updated.ratio == BasisPoints(13_300))
        #expect(updated.amountAtOpen == Money(yuan: 200_000))
        // The same figures again: nothing to write.
        #expect(try MarginCallRules.review(updated, account: Self.account(price: Money(fen: 950)), at: Self.now.addingTimeInterval(120), policy: Self.policy) == .unchanged)
    }

    @Test func metByRecoveryTopUpOrReduction() throws {
        guard case let .opened(call) = try MarginCallRules.review(nil, account: Self.account(), at: Self.now, policy: Self.policy) else { return }
        // ¥11.43 → 1,600,200 = 160.02%: recovered by prices alone.
        let risen = try MarginCallRules.review(call, account: Self.account(price: Money(fen: 1_143)), at: Self.now, policy: Self.policy)
        #expect(risen.call?.state == .met && risen.call?.metHow == .recovered)
        // Topped up by ¥199,999.99: still 1 fen short, stays open asking for ¥0.01.
        let almost = try MarginCallRules.toppedUp(Self.account(), amount: Money(fen: 19_999_999))
        let stillOpen = try MarginCallRules.review(call, account: almost, at: Self.now, policy: Self.policy, metBy: .topUp)
        #expect(stillOpen.call?.state == .open && stillOpen.call?.topUp == Money(fen: 1))
        let paid = try MarginCallRules.toppedUp(Self.account(), amount: Money(yuan: 200_000))
        let met = try MarginCallRules.review(call, account: paid, at: Self.now, policy: Self.policy, metBy: .topUp)
        #expect(met.call?.state == .met && met.call?.metHow == .topUp && met.call?.metAt == Self.now)
        // Selling 33,334 shares at ¥10 = ¥333,340 repays financing: 1,066,660 / 666,660 = 160.0006%.
        let sold = try MarginCallRules.reduced(Self.account(), code: "600000", quantity: 33_334)
        #expect(sold.proceeds == Money(yuan: 333_340) && sold.repaid == Money(yuan: 333_340))
        #expect(sold.account.financed == Money(yuan: 666_660))
        // Financed cost shrinks in proportion: 1,000,000 × 106,666 / 140,000 = 761,900 (fen-exact 76,190,000).
        #expect(sold.account.positions.first?.financedCost == Money(fen: 76_190_000))
        let reduced = try MarginCallRules.review(call, account: sold.account, at: Self.now, policy: Self.policy, metBy: .reduction)
        #expect(reduced.call?.metHow == .reduction)
    }

    @Test func atTheDeadlineUnderCloseOutAnInstructionBetweenTheLinesOverdue() throws {
        guard case let .opened(call) = try MarginCallRules.review(nil, account: Self.account(), at: Self.now, policy: Self.policy) else { return }
        // Before the deadline at 129%: still only updated.
        let low = Self.account(price: Money(fen: 922)) // 1,290,800 → 129.08%
        #expect(try MarginCallRules.review(call, account: low, at: Self.deadline.addingTimeInterval(-1), policy: Self.policy).call?.state == .open)
        let closed = try MarginCallRules.review(call, account: low, at: Self.deadline, policy: Self.policy)
        guard case let .closedOut(instruction) = closed else { Issue.record("expected close-out, got \(closed)"); return }
        #expect(instruction.closedOutAt == Self.deadline)
        // At 140% (between 130% and 160%) the deadline leaves it overdue, still owed …
        let overdue = try MarginCallRules.review(call, account: Self.account(), at: Self.deadline, policy: Self.policy)
        guard case let .overdue(late) = overdue else { Issue.record("expected overdue, got \(overdue)"); return }
        #expect(late.topUp == Money(yuan: 200_000))
        // … and a later drop under 130% turns it into a close-out instruction.
        #expect(try MarginCallRules.review(late, account: low, at: Self.deadline.addingTimeInterval(3_600), policy: Self.policy).call?.state == .closedOut)
    }

    @Test func onlyASupervisorExtendsWithAReasonToALaterBoundedDate() throws {
        guard case let .opened(call) = try MarginCallRules.review(nil, account: Self.account(), at: Self.now, policy: Self.policy) else { return }
        let extended = try MarginCallRules.extend(call, by: Fixture.supervisor, onTrainingData: false, days: 1, reason: "customer wiring funds",
                                                  policy: Self.policy, at: Self.now)
        // Monday 5 Jan + 1 trading day → Tuesday 6 Jan 15:00 (+08).
        #expect(extended.deadline == Self.deadline.addingTimeInterval(86_400))
        #expect(extended.extensions == 1 && extended.extendedBy == "sam" && extended.extensionReason == "customer wiring funds")
        func refusal(_ user: User, days: Int = 1, reason: String = "why", call: MarginCall = call) -> MarginCallError? {
            do throws(MarginCallError) {
                _ = try MarginCallRules.extend(call, by: user, onTrainingData: false, days: days, reason: reason, policy: Self.policy, at: Self.now)
                return nil
            } catch { return error }
        }
        #expect(refusal(Fixture.officer) == .notPermitted(user: "olga", role: .officer, action: "extend a margin call (supervisors only)"))
        #expect(refusal(Fixture.trainer) != nil)
        #expect(refusal(Fixture.supervisor, reason: "  ") == .reasonRequired)
        #expect(refusal(Fixture.supervisor, days: 0) == .extensionNotLater(days: 0))
        #expect(refusal(Fixture.supervisor, days: -2) == .extensionNotLater(days: -2))
        #expect(refusal(Fixture.supervisor, days: 4) == .extensionTooLong(days: 4, maximum: 3))
        var met = call
        met.state = .met
        #expect(refusal(Fixture.supervisor, call: met) == .notLive(id: nil, state: .met))
        // An overdue call extended after its deadline counts from now and is open again.
        var overdue = call
        overdue.state = .overdue
        let later = Self.deadline.addingTimeInterval(3_600) // Monday 16:00 (+08)
        let reopened = try MarginCallRules.extend(overdue, by: Fixture.supervisor, onTrainingData: false, days: 1, reason: "r", policy: Self.policy, at: later)
        #expect(reopened.state == .open && reopened.deadline == Self.deadline.addingTimeInterval(86_400))
    }

    @Test func topUpsAndReductionsAreCheckedBeforeAnythingChanges() {
        func refusal(_ body: () throws(MarginCallError) -> Void) -> MarginCallError? {
            do throws(MarginCallError) { try body(); return nil } catch { return error }
        }
        let a = Self.account()
        #expect(refusal { () throws(MarginCallError) in _ = try MarginCallRules.toppedUp(a, amount: .zero) } == .amountNotPositive(.zero))
        #expect(refusal { () throws(MarginCallError) in _ = try MarginCallRules.toppedUp(a, amount: Money(fen: -5)) } == .amountNotPositive(Money(fen: -5)))
        #expect(refusal { () throws(MarginCallError) in _ = try MarginCallRules.toppedUp(a, amount: Money(fen: Int64.max)) } == .amountTooLarge(Money(fen: Int64.max)))
        #expect(refusal { () throws(MarginCallError) in _ = try MarginCallRules.reduced(a, code: "000001", quantity: 1) } == .notHeld(accountID: "ACC1", code: "000001"))
        #expect(refusal { () throws(MarginCallError) in _ = try MarginCallRules.reduced(a, code: "600000", quantity: 0) } == .quantityNotPositive(0))
        #expect(refusal { () throws(MarginCallError) in _ = try MarginCallRules.reduced(a, code: "600000", quantity: 140_001) }
                == .quantityExceedsHolding(code: "600000", held: 140_000, requested: 140_001))
        #expect(refusal { () throws(MarginCallError) in try MarginCallRules.checkMayRecord(Fixture.auditor, onTrainingData: false, action: "record a top-up") }
                == .notPermitted(user: "ada", role: .auditor, action: "record a top-up"))
        #expect(refusal { () throws(MarginCallError) in try MarginCallRules.checkMayRecord(Fixture.officer, onTrainingData: false, action: "record a top-up") } == nil)
    }

    @Test func cushionsToEachLine() {
        // ¥12.00: 1,680,000 / 1,000,000 = 168%. Warning: 1,680,000 − 1,500,000 = ¥180,000 (10.71% of the market value);
        // close-out: 1,680,000 − 1,300,000 = ¥380,000.
        let cushions = MarginCallRules.cushions(of: Self.account(price: Money(yuan: 12)))
        #expect(cushions.map(\.line) == [BasisPoints(15_000), BasisPoints(13_000)])
        #expect(cushions.map(\.points) == [1_800, 3_800])
        #expect(cushions.map(\.collateralFall) == [Money(yuan: 180_000), Money(yuan: 380_000)])
        #expect(abs((cushions[0].fallShare ?? 0) - 180_000.0 / 1_680_000.0) < 1e-12)
        // Under the warning line the cushion is the shortfall: 140% → −¥100,000 to 150%.
        #expect(MarginCallRules.cushion(of: Self.account(), to: BasisPoints(15_000)).collateralFall == Money(yuan: -100_000))
    }
}
