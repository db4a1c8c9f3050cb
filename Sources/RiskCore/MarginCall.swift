import Foundation

/// Where a margin call is in its life: live (`open`, `overdue`) or finished (`met`, `closedOut`).
public enum MarginCallState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Opened below the warning line, deadline not yet passed.
    case open
    /// The deadline passed with the ratio between the close-out and the recovery line: still owed, and the next
    /// review that finds the ratio under the close-out line turns it into a close-out instruction.
    case overdue
    /// The ratio is back at the recovery line.
    case met
    /// The deadline passed with the ratio under the close-out line: the desk must sell (强制平仓).
    case closedOut = "closed_out"

    /// Open or overdue: the account still owes the call.
    public var isLive: Bool { self == .open || self == .overdue }
}

/// How a call was met.
public enum MarginCallMet: String, Hashable, Sendable, Codable, CaseIterable {
    /// The customer paid in cash.
    case topUp = "top_up"
    /// Securities were sold and the proceeds repaid financing.
    case reduction
    /// Prices alone brought the ratio back to the recovery line.
    case recovered
}

/// A margin call (追保通知) on one account: what it takes to restore the recovery line and by when.
public struct MarginCall: Hashable, Sendable, Codable {
    /// The store's id; nil before it is written.
    public var id: Int64?
    public var accountID: String
    public var openedAt: Date
    /// The maintenance ratio when the call opened, in basis points (rounded down).
    public var ratioAtOpen: BasisPoints
    /// The cash top-up asked when the call opened.
    public var amountAtOpen: Money
    /// The latest ratio the call was reviewed at.
    public var ratio: BasisPoints
    /// Cash that restores the recovery line now.
    public var topUp: Money
    /// Securities to sell and repay that restore the recovery line now; nil when selling cannot (recovery ≤ 100%).
    public var reduction: Money?
    public var deadline: Date
    public var state: MarginCallState
    public var metAt: Date?
    public var metHow: MarginCallMet?
    /// How many times a supervisor extended the deadline; the last extension's author and reason.
    public var extensions: Int
    public var extendedBy: String?
    public var extensionReason: String?
    public var closedOutAt: Date?
    /// Opened while the sentiment policy was tightened with a protection period: no close-out before this time.
    public var protectedUntil: Date?

    public init(id: Int64? = nil, accountID: String, openedAt: Date, ratioAtOpen: BasisPoints, amountAtOpen: Money,
                ratio: BasisPoints, topUp: Money, reduction: Money?, deadline: Date, state: MarginCallState = .open,
                metAt: Date? = nil, metHow: MarginCallMet? = nil, extensions: Int = 0, extendedBy: String? = nil,
                extensionReason: String? = nil, closedOutAt: Date? = nil, protectedUntil: Date? = nil) {
        self.id = id
        self.accountID = accountID
        self.openedAt = openedAt
        self.ratioAtOpen = ratioAtOpen
        self.amountAtOpen = amountAtOpen
        self.ratio = ratio
        self.topUp = topUp
        self.reduction = reduction
        self.deadline = deadline
        self.state = state
        self.metAt = metAt
        self.metHow = metHow
        self.extensions = extensions
        self.extendedBy = extendedBy
        self.extensionReason = extensionReason
        self.closedOutAt = closedOutAt
        self.protectedUntil = protectedUntil
    }

    /// True while the call's protection period runs: past its deadline it stays owed but is not closed out.
    public func isProtected(at now: Date) -> Bool { protectedUntil.map { now < $0 } ?? false }

    /// When the call stopped being live (met or closed out); nil while it is live.
    public var endedAt: Date? { metAt ?? closedOutAt }
}

/// The margin-call policy the desk tunes: how many trading days a call gives, and how far a supervisor may extend it.
public struct MarginCallPolicy: Hashable, Sendable {
    /// T+N: trading days from the opening day to the deadline (2 by default).
    public var deadlineDays: Int
    /// The most trading days one extension may add (3 by default).
    public var maximumExtensionDays: Int
    /// Seconds a call opened now is protected from close-out (0 unless the sentiment policy is tightened).
    public var protection: TimeInterval

    public init(deadlineDays: Int = 2, maximumExtensionDays: Int = 3, protection: TimeInterval = 0) {
        self.deadlineDays = deadlineDays
        self.maximumExtensionDays = maximumExtensionDays
        self.protection = protection
    }
}
