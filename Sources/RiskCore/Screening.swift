import Foundation

/// Thresholds of the automatic stages; stored as settings.
public struct ScreeningPolicy: Hashable, Sendable, Codable {
    public var minimumAssets: Money = Money(yuan: 500_000)
    public var minimumSuitability: Suitability = .c3
    public var financingMarginRatio: BasisPoints = BasisPoints(5_000)
    /// Below this PD, with grade ≤ B, no flags and an amount under the officer limit, an application goes straight through.
    public var autoApprovePD: Double = 0.02
    public var officerLimit: Money = Money(yuan: 1_000_000)
    public var maximumLeverage: Leverage = Leverage(hundredths: 300)

    public init() {}
}

/// The automatic stages: prescreen checks and routing after assessment.
public enum Screening {
    /// Prescreen failures as flags (empty when the application passes).
    public static func prescreen(_ app: Application, customer: Customer, policy: ScreeningPolicy, now: Date) -> [Flag] {
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
        let allowed = maximumFinancing(assets: customer.securitiesAssets, policy: policy)
        if app.requestedLine > allowed {
            failures.append(Flag(code: "RATIO", text: "requested \(app.requestedLine.formattedWhole) exceeds the \(allowed.formattedWhole) the margin ratio allows"))
        }
        if app.requestedLeverage > policy.maximumLeverage {
            failures.append(Flag(code: "LEV", text: "leverage \(app.requestedLeverage.text) is above the \(policy.maximumLeverage.text) cap"))
        }
        return failures
    }

    /// assets ÷ financing margin ratio.
    public static func maximumFinancing(assets: Money, policy: ScreeningPolicy) -> Money {
        guard policy.financingMarginRatio.value > 0 else { return .zero }
        return Money(fen: assets.fen * 10_000 / Int64(policy.financingMarginRatio.value))
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
