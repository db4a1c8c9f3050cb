import Foundation

/// The automatic part of the pipeline for a new application: assessment (score and quote), prescreen, and routing.
/// The sample generator and the market feed both take applications through it.
public enum ApplicationIntake {
    /// What the automatic stages made of an application.
    public struct Assessment: Hashable, Sendable {
        /// The application scored, priced and flagged (its stage unchanged; `route` says where it goes).
        public var application: Application
        public var score: ScoreResult
        public var quote: Quote
        /// Prescreen failures; non-empty means the application is rejected.
        public var failures: [Flag]
    }

    /// The most an applicant may ask for: what Art. 40 allows under the policy's ratio and what the leverage cap leaves.
    /// (total assets + line) ÷ own assets ≤ cap ⇔ line ≤ own assets × cap − total assets.
    public static func requestableLine(_ account: MarginSnapshot, policy: ScreeningPolicy) -> Money {
        let allowed = account.maximumFinancing(ratio: policy.financingMarginRatio)
        let ownAssets = max(Money.zero, account.ownAssets)
        let leverageRoom = max(Money.zero, Money(fen: ownAssets.fen / 100 * Int64(policy.maximumLeverage.hundredths)) - account.totalAssets)
        return min(allowed, leverageRoom)
    }

    /// Scores `app` with `card` (the champion of `default_12m`) and prices it, runs the prescreen at `submitted` and the
    /// review flags at `reviewedAt`.
    public static func assess(_ app: Application, card: Scorecard, customer: Customer, account: MarginSnapshot, policy: ScreeningPolicy,
                              parameters: PricingParameters, sentiment: Double, board: Board, volatility: Double,
                              submitted: Date, reviewedAt: Date) -> Assessment {
        var app = app
        let score = card.score(ScoreInput(customer: customer, application: app))
        app.score = score.points
        app.probabilityOfDefault = (score.probabilityOfDefault * 1_000_000).rounded() / 1_000_000
        app.grade = score.grade
        let quote = Pricing.quote(PricingInput(probabilityOfDefault: score.probabilityOfDefault, leverage: app.requestedLeverage,
                                               board: board, volatility: volatility,
                                               marginCallsLast12Months: customer.behaviour.marginCallsLast12Months,
                                               maxDaysPastDue: customer.behaviour.maxDaysPastDue, tenureMonths: customer.tenureMonths,
                                               sentiment: sentiment, line: app.requestedLine), parameters: parameters)
        app.quotedRate = quote.rate
        let failures = Screening.prescreen(app, customer: customer, account: account, policy: policy, now: submitted)
        app.flags = failures.isEmpty ? Screening.reviewFlags(app, customer: customer, score: score, policy: policy, now: reviewedAt) : failures
        return Assessment(application: app, score: score, quote: quote, failures: failures)
    }

    /// Where an assessed application goes: rejected on a prescreen failure, straight through to compliance with no
    /// flags, else manual review with the flags that caused it.
    public static func route(_ assessment: Assessment) -> Stage {
        if !assessment.failures.isEmpty { return .rejected }
        return assessment.application.flags.isEmpty ? .compliance : .manualReview
    }
}
