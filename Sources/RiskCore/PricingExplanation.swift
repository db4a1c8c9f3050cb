import Foundation

extension Pricing {
    /// Stages whose quote follows the pricing (a parameter change or a supervisor's re-quote): nobody has approved
    /// a rate for them yet. Once approved, an application keeps the rate that was approved.
    public static let requotedStages: [Stage] = [.assessment, .manualReview, .escalated]

    /// The quote the pricing table shows for a grade and the band a leverage falls in (representative PD and
    /// leverage, main board, neutral behaviour).
    public static func tableQuote(grade: Grade, leverage: Leverage, parameters: PricingParameters, sentiment: Double,
                                  maximumLeverage: Leverage = ScreeningPolicy().maximumLeverage) -> Quote {
        let bands = leverageBands(upTo: maximumLeverage)
        let band = bands[bandIndex(for: leverage, maximum: maximumLeverage)]
        return quote(PricingInput(probabilityOfDefault: grade.representativePD, leverage: band.representative,
                                  sentiment: sentiment), parameters: parameters)
    }

    /// Why an application's own rate differs from its grade × band cell, component by component, in words:
    /// "+25 bp behaviour (1 margin calls); +40 bp volatility (ChiNext board, volatility 31%)". Nil when they agree.
    public static func difference(of own: Quote, from cell: Quote) -> String? {
        guard own.rate != cell.rate else { return nil }
        guard !own.components.isEmpty else {
            return "this quote was stored without its components (priced before quotes were kept); a re-quote shows them"
        }
        var parts: [String] = []
        for component in own.components {
            let other = cell.components.first { $0.name == component.name }?.amount ?? .zero
            let delta = component.amount - other
            if delta != .zero { parts.append("\(delta.signedText) \(component.name) (\(component.driver))") }
        }
        let clamp = own.clampAdjustment - cell.clampAdjustment
        if clamp != .zero { parts.append("\(clamp.signedText) clamp to floor/cap") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

/// An application's one current quote, as stored: the price every view shows, with where it came from.
public struct StoredQuote: Hashable, Sendable {
    public var quote: Quote
    /// The pricing parameters' version and the scorecard version the quote was computed with.
    public var pricingVersion: Int
    public var modelVersion: String?
    /// Why this quote was made: "assessment", "pricing change funding_cost_bp", "re-quote on request".
    public var reason: String
    public var quotedAt: Date
    public var quotedBy: String

    public init(quote: Quote, pricingVersion: Int, modelVersion: String?, reason: String, quotedAt: Date, quotedBy: String) {
        self.quote = quote
        self.pricingVersion = pricingVersion
        self.modelVersion = modelVersion
        self.reason = reason
        self.quotedAt = quotedAt
        self.quotedBy = quotedBy
    }

    /// True for a quote carried over from before quotes were stored: its rate is known, its components are not.
    public var isLegacy: Bool { quote.components.isEmpty }
}

extension Quote {
    /// A quote known only by its rate and fee (one stored before breakdowns were kept).
    public static func rateOnly(_ rate: BasisPoints, fee: BasisPoints) -> Quote {
        Quote(components: [], unclamped: rate, rate: rate, clampAdjustment: .zero, fee: fee, feeAmount: .zero)
    }
}
