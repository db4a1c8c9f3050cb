import Foundation

/// The parameters of the rate formula; supervisors edit them and every change is audited.
public struct PricingParameters: Hashable, Sendable, Codable {
    public var fundingCost: BasisPoints = BasisPoints(250)
    /// Loss given default as a fraction.
    public var lossGivenDefault: Double = 0.45
    public var operatingCost: BasisPoints = BasisPoints(80)
    /// Capital held against the line (fraction) and its required return (fraction).
    public var capitalRatio: Double = 0.08
    public var hurdleRate: Double = 0.12
    public var chiNextPremium: BasisPoints = BasisPoints(40)
    public var starPremium: BasisPoints = BasisPoints(50)
    /// Volatility above this (annualised fraction) costs `volatilityPremiumPerPoint` per percentage point.
    public var volatilityThreshold: Double = 0.30
    public var volatilityPremiumPerPoint: BasisPoints = BasisPoints(3)
    public var marginCallPremium: BasisPoints = BasisPoints(25)
    public var latePaymentPremium: BasisPoints = BasisPoints(50)
    public var loyaltyDiscount: BasisPoints = BasisPoints(25)
    /// Sentiment beyond ±band adds up to `sentimentMaxPremium`, linearly to ±1.
    public var sentimentBand: Double = 0.6
    public var sentimentMaxPremium: BasisPoints = BasisPoints(60)
    public var floor: BasisPoints = BasisPoints(450)
    public var cap: BasisPoints = BasisPoints(1_200)
    public var fee: BasisPoints = BasisPoints(10)

    public init() {}

    /// The parameters by name, for storing as settings and editing one at a time.
    public static let fieldNames = [
        "funding_cost_bp", "lgd_pct", "operating_cost_bp", "capital_ratio_pct", "hurdle_rate_pct",
        "chinext_premium_bp", "star_premium_bp", "volatility_threshold_pct", "volatility_premium_bp",
        "margin_call_premium_bp", "late_payment_premium_bp", "loyalty_discount_bp", "sentiment_band",
        "sentiment_max_premium_bp", "floor_bp", "cap_bp", "fee_bp",
    ]

    /// Every parameter as text keyed by `fieldNames`.
    public var fields: [String: String] {
        [
            "funding_cost_bp": String(fundingCost.value), "lgd_pct": Self.text(lossGivenDefault * 100),
            "operating_cost_bp": String(operatingCost.value), "capital_ratio_pct": Self.text(capitalRatio * 100),
            "hurdle_rate_pct": Self.text(hurdleRate * 100), "chinext_premium_bp": String(chiNextPremium.value),
            "star_premium_bp": String(starPremium.value),
            "volatility_threshold_pct": Self.text(volatilityThreshold * 100),
            "volatility_premium_bp": String(volatilityPremiumPerPoint.value),
            "margin_call_premium_bp": String(marginCallPremium.value),
            "late_payment_premium_bp": String(latePaymentPremium.value),
            "loyalty_discount_bp": String(loyaltyDiscount.value), "sentiment_band": Self.text(sentimentBand),
            "sentiment_max_premium_bp": String(sentimentMaxPremium.value), "floor_bp": String(floor.value),
            "cap_bp": String(cap.value), "fee_bp": String(fee.value),
        ]
    }

    private static func text(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }

    /// Parameters read back from storage: each value was validated when it was written, and the floor and
    /// cap only make sense as a pair, so they are applied together whatever order they come in.
    public init(fields: [String: String]) {
        self.init()
        for (name, value) in fields where name != "floor_bp" && name != "cap_bp" { _ = set(name, to: value) }
        if let cap = fields["cap_bp"].flatMap(Self.boundedBasisPoints), let floor = fields["floor_bp"].flatMap(Self.boundedBasisPoints),
           floor <= cap {
            self.cap = cap
            self.floor = floor
        } else {
            if let cap = fields["cap_bp"] { _ = set("cap_bp", to: cap) }
            if let floor = fields["floor_bp"] { _ = set("floor_bp", to: floor) }
        }
    }

    /// The range of every parameter in basis points (rates, premiums, discounts, floor, cap, fee): 0–100%.
    public static let basisPointRange = 0...10_000

    private static func boundedBasisPoints(_ text: String) -> BasisPoints? {
        Double(text.trimmingCharacters(in: .whitespaces)).flatMap { Int.rounding($0, within: basisPointRange) }.map(BasisPoints.init)
    }

    /// Sets one parameter from text; returns a message for a person when the name or value is wrong
    /// (not a finite number, or outside the parameter's range — the message names the range).
    public mutating func set(_ name: String, to text: String) -> String? {
        guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite else {
            return "\(name): '\(text)' is not a number"
        }
        let percent = 0.0...100.0
        func bp() -> BasisPoints? { Int.rounding(number, within: Self.basisPointRange).map(BasisPoints.init) }
        let bpRange = "\(name) must be \(Self.basisPointRange.lowerBound)–\(Self.basisPointRange.upperBound) bp, not \(text)"
        switch name {
        case "funding_cost_bp": guard let v = bp() else { return bpRange }; fundingCost = v
        case "lgd_pct": guard percent.contains(number) else { return "lgd_pct must be 0–100" }; lossGivenDefault = number / 100
        case "operating_cost_bp": guard let v = bp() else { return bpRange }; operatingCost = v
        case "capital_ratio_pct": guard percent.contains(number) else { return "capital_ratio_pct must be 0–100" }; capitalRatio = number / 100
        case "hurdle_rate_pct": guard percent.contains(number) else { return "hurdle_rate_pct must be 0–100" }; hurdleRate = number / 100
        case "chinext_premium_bp": guard let v = bp() else { return bpRange }; chiNextPremium = v
        case "star_premium_bp": guard let v = bp() else { return bpRange }; starPremium = v
        case "volatility_threshold_pct":
            guard percent.contains(number) else { return "volatility_threshold_pct must be 0–100" }; volatilityThreshold = number / 100
        case "volatility_premium_bp": guard let v = bp() else { return bpRange }; volatilityPremiumPerPoint = v
        case "margin_call_premium_bp": guard let v = bp() else { return bpRange }; marginCallPremium = v
        case "late_payment_premium_bp": guard let v = bp() else { return bpRange }; latePaymentPremium = v
        case "loyalty_discount_bp": guard let v = bp() else { return bpRange }; loyaltyDiscount = v
        case "sentiment_band": guard (0...1).contains(number) else { return "sentiment_band must be 0–1" }; sentimentBand = number
        case "sentiment_max_premium_bp": guard let v = bp() else { return bpRange }; sentimentMaxPremium = v
        case "floor_bp":
            guard let v = bp() else { return bpRange }
            guard v <= cap else { return "floor_bp must not exceed cap_bp (\(cap.value))" }; floor = v
        case "cap_bp":
            guard let v = bp() else { return bpRange }
            guard v >= floor else { return "cap_bp must not be below floor_bp (\(floor.value))" }; cap = v
        case "fee_bp": guard let v = bp() else { return bpRange }; fee = v
        default: return "unknown pricing parameter '\(name)'"
        }
        return nil
    }
}

/// What the price depends on.
public struct PricingInput: Hashable, Sendable {
    public var probabilityOfDefault: Double
    public var leverage: Leverage
    public var board: Board
    public var volatility: Double
    public var marginCallsLast12Months: Int
    public var maxDaysPastDue: Int
    public var tenureMonths: Int
    public var sentiment: Double
    public var line: Money

    public init(probabilityOfDefault: Double, leverage: Leverage, board: Board = .main, volatility: Double = 0.25,
                marginCallsLast12Months: Int = 0, maxDaysPastDue: Int = 0, tenureMonths: Int = 24,
                sentiment: Double = 0, line: Money = .zero) {
        self.probabilityOfDefault = probabilityOfDefault
        self.leverage = leverage
        self.board = board
        self.volatility = volatility
        self.marginCallsLast12Months = marginCallsLast12Months
        self.maxDaysPastDue = maxDaysPastDue
        self.tenureMonths = tenureMonths
        self.sentiment = sentiment
        self.line = line
    }
}

/// One line of the price breakdown: the component, its size and what drove it.
public struct PriceComponent: Hashable, Sendable, Codable {
    public var name: String
    public var amount: BasisPoints
    public var driver: String
}

/// A price with every component, the clamp applied and the fee.
public struct Quote: Hashable, Sendable, Codable {
    public var components: [PriceComponent]
    /// Sum of components before the clamp.
    public var unclamped: BasisPoints
    public var rate: BasisPoints
    /// The adjustment the floor or cap made (0 when none).
    public var clampAdjustment: BasisPoints
    public var fee: BasisPoints
    public var feeAmount: Money
}

/// The explainable rate formula of domain.md.
public enum Pricing {
    public static func quote(_ input: PricingInput, parameters p: PricingParameters) -> Quote {
        var parts: [PriceComponent] = []
        parts.append(PriceComponent(name: "funding", amount: p.fundingCost, driver: "cost of funds"))
        let el = Int((input.probabilityOfDefault * p.lossGivenDefault * 10_000).rounded())
        parts.append(PriceComponent(name: "expected loss", amount: BasisPoints(el),
            driver: String(format: "PD %.2f%% × LGD %.0f%%", input.probabilityOfDefault * 100, p.lossGivenDefault * 100)))
        parts.append(PriceComponent(name: "operating", amount: p.operatingCost, driver: "servicing cost"))
        let leverageWeight = 1 + (input.leverage.value - 1) * 0.5
        let capital = Int((p.capitalRatio * p.hurdleRate * leverageWeight * 10_000).rounded())
        parts.append(PriceComponent(name: "capital", amount: BasisPoints(capital),
            driver: String(format: "%.0f%% capital × %.0f%% hurdle × %.2f (leverage %@)",
                           p.capitalRatio * 100, p.hurdleRate * 100, leverageWeight, input.leverage.text)))
        let boardPremium: BasisPoints = switch input.board {
        case .chiNext: p.chiNextPremium
        case .star: p.starPremium
        case .main, .etf: .zero
        }
        let excessVolPoints = max(0, (input.volatility - p.volatilityThreshold) * 100)
        let volPremium = boardPremium.value + Int((excessVolPoints * Double(p.volatilityPremiumPerPoint.value)).rounded())
        parts.append(PriceComponent(name: "volatility", amount: BasisPoints(volPremium),
            driver: String(format: "%@ board, volatility %.0f%%", input.board.label, input.volatility * 100)))
        var behaviour = min(input.marginCallsLast12Months, 3) * p.marginCallPremium.value
        var behaviourDrivers: [String] = []
        if input.marginCallsLast12Months > 0 { behaviourDrivers.append("\(input.marginCallsLast12Months) margin calls") }
        if input.maxDaysPastDue > 0 {
            behaviour += p.latePaymentPremium.value
            behaviourDrivers.append("\(input.maxDaysPastDue) days past due")
        }
        if input.tenureMonths >= 36 && input.marginCallsLast12Months == 0 && input.maxDaysPastDue == 0 {
            behaviour -= p.loyaltyDiscount.value
            behaviourDrivers.append("loyal client \(input.tenureMonths) months")
        }
        parts.append(PriceComponent(name: "behaviour", amount: BasisPoints(behaviour),
            driver: behaviourDrivers.isEmpty ? "clean history" : behaviourDrivers.joined(separator: ", ")))
        // The index is defined on [−1, 1]; a stored value outside it (or not a number) must not blow up the price.
        let index = input.sentiment.isFinite ? min(1, max(-1, input.sentiment)) : 0
        let excessSentiment = max(0, abs(index) - p.sentimentBand)
        let sentiment = p.sentimentBand < 1
            ? Int((excessSentiment / (1 - p.sentimentBand) * Double(p.sentimentMaxPremium.value)).rounded()) : 0
        parts.append(PriceComponent(name: "sentiment", amount: BasisPoints(sentiment),
            driver: String(format: "index %+.2f, band ±%.2f", input.sentiment, p.sentimentBand)))
        let total = BasisPoints(parts.reduce(0) { $0 + $1.amount.value })
        let rate = min(max(total, p.floor), p.cap)
        return Quote(components: parts, unclamped: total, rate: rate, clampAdjustment: rate - total,
                     fee: p.fee, feeAmount: input.line.applying(p.fee))
    }

    /// The leverage bands of the pricing table under the default 100% ratio: ≤1.2×, 1.2–1.4×, 1.4–1.6×, 1.6–1.7×.
    public static var leverageBands: [(label: String, upper: Leverage, representative: Leverage)] {
        leverageBands(upTo: ScreeningPolicy().maximumLeverage)
    }

    /// Bands about 0.2× wide from 1.0× up to `maximum` (the leverage the financing margin ratio allows), the last one ending
    /// at the maximum, so no band prices a leverage the rules make impossible; each is priced at its midpoint.
    public static func leverageBands(upTo maximum: Leverage) -> [(label: String, upper: Leverage, representative: Leverage)] {
        let top = max(maximum.hundredths, 101)
        var bands: [(label: String, upper: Leverage, representative: Leverage)] = []
        var lower = 100
        while lower < top {
            // a remainder under 0.1× joins the last band rather than making a sliver: at 80%, 1.6–1.87×
            let upper = top - (lower + 20) < 10 ? top : lower + 20
            let label = lower == 100 ? "≤\(bandText(upper))×" : "\(bandText(lower))–\(bandText(upper))×"
            bands.append((label, Leverage(hundredths: upper), Leverage(hundredths: (lower + upper) / 2)))
            lower = upper
        }
        return bands
    }

    /// `1.2`, `1.87`: hundredths without trailing zeros.
    private static func bandText(_ hundredths: Int) -> String {
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The band index for a leverage (the last band takes anything above).
    public static func bandIndex(for leverage: Leverage,
                                 maximum: Leverage = ScreeningPolicy().maximumLeverage) -> Int {
        let bands = leverageBands(upTo: maximum)
        return bands.firstIndex { leverage <= $0.upper } ?? bands.count - 1
    }

    /// Rates for each grade (rows A–E) × leverage band (columns), at the grade's representative PD,
    /// main board, neutral behaviour and the given sentiment.
    public static func table(parameters: PricingParameters, sentiment: Double = 0,
                             maximumLeverage: Leverage = ScreeningPolicy().maximumLeverage) -> [[BasisPoints]] {
        let bands = leverageBands(upTo: maximumLeverage)
        return Grade.allCases.map { grade in
            bands.map { band in
                quote(PricingInput(probabilityOfDefault: grade.representativePD, leverage: band.representative,
                                   sentiment: sentiment), parameters: parameters).rate
            }
        }
    }
}
