import Foundation

/// Thresholds of the automatic stages; stored as settings.
public struct ScreeningPolicy: Hashable, Sendable, Codable {
    public var minimumAssets: Money = Money(yuan: 500_000)
    public var minimumSuitability: Suitability = .c3
    /// The financing margin ratio for new contracts (setting `policy.financing_margin_ratio_bp`, 100% by default).
    public var financingMarginRatio: BasisPoints = MarginRules.defaultFinancingMarginRatio
    /// Below this PD, with grade ≤ B, no flags and an amount under the officer limit, an application goes straight through.
    public var autoApprovePD: Double = 0.02
    public var officerLimit: Money = Money(yuan: 1_000_000)
    /// The leverage cap follows from the ratio and the best share haircut: 1.70× at 100%, 1.87× at 80%.
    public var maximumLeverage: Leverage { MarginRules.maximumLeverage(ratio: financingMarginRatio) }

    public init() {}
}

/// The automatic stages: prescreen checks and routing after assessment.
public enum Screening {
    /// Prescreen failures as flags (empty when the application passes).
    /// `account` is the applicant's account as it stands (cash, securities, what is already financed).
    public static func prescreen(_ app: Application, customer: Customer, account: MarginSnapshot, policy: ScreeningPolicy,
                                 now: Date) -> [Flag] {
        var failures: [Flag] = []
        if !customer.hasValidKYC(on: now) {
            failures.append(Flag(code: "KYC", text: "KYC is \(customer.kycStatus == .valid ? "expired" : customer.kycStatus.rawValue)"))
        }
        if customer.amlStatus != .clear {
            failures.append(Flag(code: "AML", text: "AML screening is \(customer.amlStatus.rawValue)"))
        }
        if customer.suitability < policy.minimumSuitability {
            failures.append(Flag(code: "SUIT", text: "suitability \(customer.suitability.label) is below \(policy.minimumSuitability.label)"))
        }
        if customer.securitiesAssets < policy.minimumAssets {
            failures.append(Flag(code: "ASSETS", text: "securities assets \(customer.securitiesAssets.formattedWhole) are below \(policy.minimumAssets.formattedWhole)"))
        }
        let ratio = policy.financingMarginRatio
        let allowed = maximumFinancing(account, ratio: ratio)
        let ratioText = ratio.value % 100 == 0 ? "\(ratio.value / 100)%" : ratio.percentText
        if app.requestedLine > allowed {
            failures.append(Flag(code: "RATIO", text: "requested \(app.requestedLine.formattedWhole) exceeds the \(allowed.formattedWhole) the \(ratioText) margin ratio allows"))
        }
        if app.requestedLeverage > policy.maximumLeverage {
            failures.append(Flag(code: "LEV", text: "leverage \(app.requestedLeverage.text) is above the \(policy.maximumLeverage.text) cap"))
        }
        return failures
    }

    /// The most the applicant may newly finance: Art. 40 available margin of `account` ÷ `ratio`.
    public static func maximumFinancing(_ account: MarginSnapshot, ratio: BasisPoints) -> Money {
        account.maximumFinancing(ratio: ratio)
    }

    /// Reasons a scored application needs a person; empty means straight-through to compliance.
    public static func reviewFlags(_ app: Application, customer: Customer, score: ScoreResult,
                                   policy: ScreeningPolicy, now: Date) -> [Flag] {
        var flags: [Flag] = []
        if score.grade > .b { flags.append(Flag(code: "GRADE", text: "grade \(score.grade.rawValue)")) }
        if score.probabilityOfDefault >= policy.autoApprovePD {
            flags.append(Flag(code: "PD", text: String(format: "%.2f%% is at or above the %.2f%% auto-approve threshold",
                                                        score.probabilityOfDefault * 100, policy.autoApprovePD * 100)))
        }
        if app.requestedLine > policy.officerLimit {
            flags.append(Flag(code: "AMOUNT", text: "line above the \(policy.officerLimit.formattedWhole) officer limit"))
        }
        if customer.isPEP { flags.append(Flag(code: "PEP", text: "politically exposed person")) }
        if customer.behaviour.largestPositionShare > 0.30 {
            flags.append(Flag(code: "CONC", text: "largest position \(Int((customer.behaviour.largestPositionShare * 100).rounded()))% of portfolio"))
        }
        if customer.kycExpiry.timeIntervalSince(now) < 30 * 86_400 {
            flags.append(Flag(code: "KYCEXP", text: "KYC expires within 30 days"))
        }
        return flags
    }
}
