import Foundation
import RiskCore

/// How long one pricing change took to re-price the pending quotes of a database: the figure `riskdesk bench` reports.
public struct RepricingFigure: Hashable, Sendable {
    public var seconds: Double
    public var pending: Int
    public var repriced: Int
}

extension RiskStore {
    /// Raises the funding cost by `step` bp as `actor` (a supervisor) and times the whole write: gathering the pending
    /// applications, pricing them and writing every changed quote with its one audit entry. Run it on a scratch copy:
    /// it changes the database like `riskdesk pricing set` does.
    public func timeRepricing(by actor: String, step: Int = 25, at date: Date = Date()) throws(StoreError) -> RepricingFigure {
        let current = try pricingParameters().fundingCost.value
        let target = current + step <= PricingParameters.basisPointRange.upperBound ? current + step : current - step
        let started = DispatchTime.now().uptimeNanoseconds
        let outcome = try changePricing("funding_cost_bp", to: String(target), by: actor, reason: "benchmark: re-pricing time", at: date)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return RepricingFigure(seconds: seconds, pending: outcome.preview.pendingCount, repriced: outcome.repricedCount)
    }
}
