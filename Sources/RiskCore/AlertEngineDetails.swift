import Foundation

/// The figures a maintenance-ratio alert carries: the ratio, the line it crossed, and the price of the largest
/// position at which the next line is hit (close-out for a warning; recovery for a close-out).
public struct MarginAlertDetails: Hashable, Sendable {
    /// The maintenance ratio in basis points, rounded down (14_999 = 149.99%).
    public var ratio: BasisPoints
    /// The line the ratio is below (warning or close-out).
    public var line: BasisPoints
    /// The largest position, whose price the trigger is about.
    public var triggerCode: String?
    /// The line the trigger price reaches (close-out under a warning, recovery under a close-out).
    public var triggerLine: BasisPoints?
    /// The price at which `triggerCode` takes the ratio to `triggerLine`; nil when no price of it alone does.
    public var triggerPrice: Money?

    public init(ratio: BasisPoints, line: BasisPoints, triggerCode: String?, triggerLine: BasisPoints?, triggerPrice: Money?) {
        self.ratio = ratio
        self.line = line
        self.triggerCode = triggerCode
        self.triggerLine = triggerLine
        self.triggerPrice = triggerPrice
    }

    /// The details for an account below its warning or close-out line; nil when it is above both or owes nothing.
    public init?(_ account: MarginAccount) {
        guard account.debt.fen > 0 else { return nil }
        // ratio in bp = assets × 10_000 ÷ debt, rounded down, in integers (no Double on balances).
        let (product, overflow) = account.assets.fen.multipliedReportingOverflow(by: 10_000)
        let ratioBP = overflow ? Int.max : Int(clamping: product / account.debt.fen)
        let lines = account.lines
        let crossed: BasisPoints, next: BasisPoints
        if ratioBP < lines.closeOut.value {
            (crossed, next) = (lines.closeOut, lines.recovery)
        } else if ratioBP < lines.warning.value {
            (crossed, next) = (lines.warning, lines.closeOut)
        } else {
            return nil
        }
        let largest = account.positions.max(by: { $0.marketValue < $1.marketValue })
        self.init(ratio: BasisPoints(ratioBP), line: crossed, triggerCode: largest?.instrument.code, triggerLine: next,
                  triggerPrice: largest.flatMap { account.triggerPrice(for: $0.instrument.code, at: next) })
    }
}

/// An alert a rule wants open, with the structured details some rules carry.
public struct EngineCandidate: Hashable, Sendable {
    public var candidate: AlertCandidate
    public var margin: MarginAlertDetails?

    public init(_ candidate: AlertCandidate, margin: MarginAlertDetails? = nil) {
        self.candidate = candidate
        self.margin = margin
    }
}

extension AlertEngine {
    /// The account rules (maintenance ratio, concentration, limit-down) for one account; margin alerts carry details.
    public static func candidates(for account: MarginAccount, thresholds: AlertThresholds) -> [EngineCandidate] {
        let details = MarginAlertDetails(account)
        return AlertRules.evaluate(account, thresholds: thresholds).map { candidate in
            switch candidate.rule {
            case .marginWarning, .marginCloseOut: EngineCandidate(candidate, margin: details)
            default: EngineCandidate(candidate)
            }
        }
    }

    /// The rules `candidates(for:thresholds:)` evaluates: an account's open alert under one of them clears when gone.
    public static let accountRules: Set<AlertRule> = [.marginWarning, .marginCloseOut, .positionConcentration, .limitDown]
    /// The instrument rules a tick evaluates.
    public static let instrumentRules: Set<AlertRule> = [.volatilityMove, .floatConcentration]
    /// The AML rules a transfer evaluates.
    public static let amlRules: Set<AlertRule> = [.amlStructuring, .amlFunnel, .amlDormant, .amlVelocity]
    /// The customer rules the KYC timer evaluates.
    public static let kycRules: Set<AlertRule> = [.kycExpiring, .kycExpired]
}
