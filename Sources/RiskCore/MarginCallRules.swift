import Foundation

/// What a review of one account decided about its margin call.
public enum MarginCallReview: Hashable, Sendable {
    /// Nothing to do: no call is needed, or the live call's figures are unchanged.
    case unchanged
    /// A new call, below the warning line.
    case opened(MarginCall)
    /// The live call's ratio and amounts moved (a further drop raises the amount; no second call opens).
    case updated(MarginCall)
    /// Back at the recovery line.
    case met(MarginCall)
    /// Deadline passed between the close-out and the recovery line: stays owed, marked overdue.
    case overdue(MarginCall)
    /// Deadline passed under the close-out line: a close-out instruction.
    case closedOut(MarginCall)

    /// The call after the review, when there is one to write.
    public var call: MarginCall? {
        switch self {
        case .unchanged: nil
        case let .opened(c), let .updated(c), let .met(c), let .overdue(c), let .closedOut(c): c
        }
    }

    /// The audit action and the event's name (`margin_call.opened` …); nil for `unchanged`.
    public var action: String? {
        switch self {
        case .unchanged: nil
        case .opened: "margin_call.open"
        case .updated: "margin_call.update"
        case .met: "margin_call.met"
        case .overdue: "margin_call.overdue"
        case .closedOut: "margin_call.close_out"
        }
    }
}

/// How far the ratio and the market value can fall before one line is crossed.
public struct MarginCushion: Hashable, Sendable {
    public var line: BasisPoints
    /// Current ratio minus the line, in basis points (negative when already under it).
    public var points: Int
    /// How much the securities' market value may fall with the ratio still at or above the line (negative: the
    /// shortfall already there).
    public var collateralFall: Money
    /// `collateralFall` as a share of the market value; nil when nothing is held.
    public var fallShare: Double?
}

/// The margin-call rules (追保, 强制平仓) as pure functions: amounts, opening, review, extension, top-up and reduction.
public enum MarginCallRules {
    // MARK: Figures

    /// The maintenance ratio in basis points, rounded down; nil when nothing is owed.
    public static func ratio(of account: MarginAccount) -> BasisPoints? {
        let debt = Int128(account.debt.fen)
        guard debt > 0 else { return nil }
        let scaled = Int128(account.assets.fen) * 10_000
        var quotient = scaled / debt
        if scaled % debt != 0 && scaled < 0 { quotient -= 1 }
        return BasisPoints(Int(clamping: quotient))
    }

    /// Exactly whether the ratio is under `line` (assets × 10000 < line × debt); false when nothing is owed.
    public static func isBelow(_ account: MarginAccount, _ line: BasisPoints) -> Bool {
        let debt = Int128(account.debt.fen)
        guard debt > 0 else { return false }
        return Int128(account.assets.fen) * 10_000 < Int128(line.value) * debt
    }

    /// The cash top-up T with (assets + T) / debt = recovery, rounded up to the fen; zero at or above the line.
    public static func topUp(for account: MarginAccount) throws(MarginCallError) -> Money {
        let gap = shortfall(account)
        guard gap > 0 else { return .zero }
        return try money(ceilingDivide(gap, 10_000), "the top-up of account \(account.id)")
    }

    /// The reduction R (sell R of securities, repay R) with (assets − R) / (debt − R) = recovery, rounded up;
    /// zero at or above the line, nil when the recovery line is not above 100% (selling to repay cannot raise it).
    public static func reduction(for account: MarginAccount) throws(MarginCallError) -> Money? {
        let recovery = account.lines.recovery.value
        guard recovery > 10_000 else { return nil }
        let gap = shortfall(account)
        guard gap > 0 else { return .zero }
        return try money(ceilingDivide(gap, Int128(recovery - 10_000)), "the reduction of account \(account.id)")
    }

    /// recovery × debt − 10000 × assets: positive when the account is under the recovery line.
    private static func shortfall(_ account: MarginAccount) -> Int128 {
        Int128(account.lines.recovery.value) * Int128(account.debt.fen) - 10_000 * Int128(account.assets.fen)
    }

    private static func ceilingDivide(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return r > 0 ? q + 1 : q
    }

    private static func money(_ value: Int128, _ what: String) throws(MarginCallError) -> Money {
        guard let fen = Int64(exactly: value) else { throw .outOfRange(what) }
        return Money(fen: fen)
    }

    /// The cushion to the warning and to the close-out line, in that order (for the `:calls` view).
    public static func cushions(of account: MarginAccount) -> [MarginCushion] {
        [account.lines.warning, account.lines.closeOut].map { line in cushion(of: account, to: line) }
    }

    /// How far the market value may fall before the ratio is under `line`: assets − ⌈line × debt ÷ 10000⌉.
    public static func cushion(of account: MarginAccount, to line: BasisPoints) -> MarginCushion {
        let needed = ceilingDivide(Int128(line.value) * Int128(account.debt.fen), 10_000)
        let fall = Int128(account.assets.fen) - needed
        let fallFen = Int64(clamping: fall)
        let market = account.marketValue.fen
        let points = ratio(of: account).map { $0.value - line.value } ?? Int.max
        return MarginCushion(line: line, points: points, collateralFall: Money(fen: fallFen),
                             fallShare: market > 0 ? Double(fallFen) / Double(market) : nil)
    }

    // MARK: Review

    /// Reviews one account against its call (nil or a finished one when it has none live) at `now`:
    /// - no live call and the ratio under the warning line → a call opens (T+N deadline);
    /// - a live call at or above the recovery line (or owing nothing) → met, by `how` (`recovered` for prices alone);
    /// - past the deadline under the close-out line → a close-out instruction (overdue while protected);
    /// - past the deadline between the close-out and the recovery line → overdue (still owed; checked again each review);
    /// - otherwise the amounts follow the ratio (`updated` when they changed).
    public static func review(_ call: MarginCall?, account: MarginAccount, at now: Date, policy: MarginCallPolicy,
                              metBy how: MarginCallMet = .recovered) throws(MarginCallError) -> MarginCallReview {
        let ratio = ratio(of: account)
        guard var call, call.state.isLive else {
            guard let ratio, isBelow(account, account.lines.warning) else { return .unchanged }
            guard let deadline = MarginCallDeadline.deadline(from: now, tradingDays: policy.deadlineDays) else {
                throw .outOfRange("the deadline from \(now)")
            }
            let topUp = try topUp(for: account)
            return .opened(MarginCall(accountID: account.id, openedAt: now, ratioAtOpen: ratio, amountAtOpen: topUp, ratio: ratio,
                                      topUp: topUp, reduction: try reduction(for: account), deadline: deadline,
                                      protectedUntil: policy.protection > 0 ? now.addingTimeInterval(policy.protection) : nil))
        }
        guard let ratio, isBelow(account, account.lines.recovery) else {
            call.state = .met
            call.metAt = now
            call.metHow = how
            call.ratio = ratio ?? call.ratio
            call.topUp = .zero
            call.reduction = call.reduction.map { _ in .zero }
            return .met(call)
        }
        let before = call
        call.ratio = ratio
        call.topUp = try topUp(for: account)
        call.reduction = try reduction(for: account)
        if now >= call.deadline {
            // A call opened under the tightened sentiment policy is not closed out before its protection ends.
            if isBelow(account, account.lines.closeOut), !call.isProtected(at: now) {
                call.state = .closedOut
                call.closedOutAt = now
                return .closedOut(call)
            }
            if call.state == .open {
                call.state = .overdue
                return .overdue(call)
            }
        }
        return call == before ? .unchanged : .updated(call)
    }

    // MARK: Desk actions

    /// Whether `user` may record a top-up or a reduction: anyone who writes (officers and supervisors).
    public static func checkMayRecord(_ user: User, onTrainingData isTraining: Bool, action: String) throws(MarginCallError) {
        guard !Access.isReadOnly(user.role, onTrainingData: isTraining), user.may(.decide, onTrainingData: isTraining) else {
            throw .notPermitted(user: user.name, role: user.role, action: action)
        }
    }

    /// A supervisor extends a live call by `days` trading days (1…policy maximum) with a reason; the new deadline
    /// counts from the later of the current deadline and now, so it is always later than the current one.
    /// The call is open again (no longer overdue) until the new deadline.
    public static func extend(_ call: MarginCall, by user: User, onTrainingData isTraining: Bool, days: Int, reason: String,
                              policy: MarginCallPolicy, at now: Date) throws(MarginCallError) -> MarginCall {
        guard user.actsAsSupervisor(onTrainingData: isTraining) else {
            throw .notPermitted(user: user.name, role: user.role, action: "extend a margin call (supervisors only)")
        }
        guard call.state.isLive else { throw .notLive(id: call.id, state: call.state) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .reasonRequired }
        guard days >= 1 else { throw .extensionNotLater(days: days) }
        guard days <= policy.maximumExtensionDays else { throw .extensionTooLong(days: days, maximum: policy.maximumExtensionDays) }
        guard let deadline = MarginCallDeadline.deadline(from: max(call.deadline, now), tradingDays: days), deadline > call.deadline else {
            throw .extensionNotLater(days: days)
        }
        var extended = call
        extended.deadline = deadline
        extended.state = .open
        extended.extensions += 1
        extended.extendedBy = user.name
        extended.extensionReason = reason
        return extended
    }

    /// The account after the customer pays `amount` in cash.
    public static func toppedUp(_ account: MarginAccount, amount: Money) throws(MarginCallError) -> MarginAccount {
        guard amount.fen > 0 else { throw .amountNotPositive(amount) }
        let (cash, overflow) = account.cash.fen.addingReportingOverflow(amount.fen)
        guard !overflow, !account.assets.fen.addingReportingOverflow(amount.fen).overflow else { throw .amountTooLarge(amount) }
        var result = account
        result.cash = Money(fen: cash)
        return result
    }

    /// What selling `quantity` of `code` at its last price does: the proceeds repay financing first (up to what is
    /// financed), the rest is cash; the position's financed cost shrinks in proportion.
    public struct Reduction: Hashable, Sendable {
        public var account: MarginAccount
        public var proceeds: Money
        public var repaid: Money
        public var price: Money
    }

    public static func reduced(_ account: MarginAccount, code: String, quantity: Int64) throws(MarginCallError) -> Reduction {
        guard quantity > 0 else { throw .quantityNotPositive(quantity) }
        guard let index = account.positions.firstIndex(where: { $0.instrument.code == code }), account.positions[index].quantity > 0 else {
            throw .notHeld(accountID: account.id, code: code)
        }
        let position = account.positions[index]
        guard quantity <= position.quantity else {
            throw .quantityExceedsHolding(code: code, held: position.quantity, requested: quantity)
        }
        let price = position.instrument.lastPrice
        guard price.fen > 0 else { throw .noPrice(code: code) }
        let proceeds = try money(Int128(price.fen) * Int128(quantity), "the proceeds of selling \(quantity) \(code)")
        let repaid = Money(fen: min(proceeds.fen, account.financed.fen))
        var result = account
        result.financed = account.financed - repaid
        result.cash = try money(Int128(account.cash.fen) + Int128(proceeds.fen - repaid.fen), "the cash of account \(account.id)")
        let left = position.quantity - quantity
        if left == 0 {
            result.positions.remove(at: index)
        } else {
            result.positions[index].quantity = left
            result.positions[index].financedCost = try money(Int128(position.financedCost.fen) * Int128(left) / Int128(position.quantity),
                                                              "the financed cost of \(code)")
        }
        return Reduction(account: result, proceeds: proceeds, repaid: repaid, price: price)
    }
}
