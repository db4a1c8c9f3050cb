import Foundation

/// What the desk's scorecards read about an applicant.
public struct ScoreInput: Hashable, Sendable {
    public var tenureMonths: Int
    public var largestPositionShare: Double
    public var marginCallsLast12Months: Int
    public var maxDaysPastDue: Int
    public var requestedLeverage: Leverage
    public var annualTurnover: Double
    public var averageHoldingDays: Int
    /// Requested line divided by securities assets.
    public var lineToAssets: Double
    public var suitability: Suitability
    /// How the application came in; nil where unknown.
    public var channel: Channel?

    public init(tenureMonths: Int, largestPositionShare: Double, marginCallsLast12Months: Int,
                maxDaysPastDue: Int, requestedLeverage: Leverage, annualTurnover: Double,
                averageHoldingDays: Int, lineToAssets: Double, suitability: Suitability, channel: Channel? = nil) {
        self.tenureMonths = tenureMonths
        self.largestPositionShare = largestPositionShare
        self.marginCallsLast12Months = marginCallsLast12Months
        self.maxDaysPastDue = maxDaysPastDue
        self.requestedLeverage = requestedLeverage
        self.annualTurnover = annualTurnover
        self.averageHoldingDays = averageHoldingDays
        self.lineToAssets = lineToAssets
        self.suitability = suitability
        self.channel = channel
    }

    /// The input for an application by a customer.
    public init(customer: Customer, application: Application) {
        let assets = max(customer.securitiesAssets.fen, 1)
        self.init(tenureMonths: customer.tenureMonths,
                  largestPositionShare: customer.behaviour.largestPositionShare,
                  marginCallsLast12Months: customer.behaviour.marginCallsLast12Months,
                  maxDaysPastDue: customer.behaviour.maxDaysPastDue,
                  requestedLeverage: application.requestedLeverage,
                  annualTurnover: customer.behaviour.annualTurnover,
                  averageHoldingDays: customer.behaviour.averageHoldingDays,
                  lineToAssets: Double(application.requestedLine.fen) / Double(assets),
                  suitability: customer.suitability, channel: application.channel)
    }

    /// The feature vector every card reads, keyed by `FeatureCatalog` names.
    public var features: [String: FeatureValue] {
        var f: [String: FeatureValue] = [
            FeatureCatalog.tenureMonths: .number(Double(tenureMonths)),
            FeatureCatalog.largestPositionShare: .number(largestPositionShare),
            FeatureCatalog.marginCalls12m: .number(Double(marginCallsLast12Months)),
            FeatureCatalog.maxDaysPastDue: .number(Double(maxDaysPastDue)),
            FeatureCatalog.requestedLeverage: .number(requestedLeverage.value),
            FeatureCatalog.annualTurnover: .number(annualTurnover),
            FeatureCatalog.averageHoldingDays: .number(Double(averageHoldingDays)),
            FeatureCatalog.lineToAssets: .number(lineToAssets),
            FeatureCatalog.suitability: .number(Double(suitability.rawValue)),
        ]
        if let channel { f[FeatureCatalog.channel] = .category(channel.rawValue) }
        return f
    }
}
