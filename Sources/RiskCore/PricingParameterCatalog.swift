import Foundation

/// What a person needs to know to edit one pricing parameter: its stored name, the short names a person may type,
/// its unit, its range and what it does in the formula.
public struct PricingParameterInfo: Hashable, Sendable {
    public var name: String
    public var aliases: [String]
    /// `bp`, `%` or `index`.
    public var unit: String
    public var range: ClosedRange<Double>
    public var summary: String

    /// "0–10000 bp", "0–100 %", "0–1".
    public var rangeText: String {
        func text(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
        let bounds = "\(text(range.lowerBound))–\(text(range.upperBound))"
        return unit == "index" ? bounds : "\(bounds) \(unit)"
    }
}

/// The catalogue of pricing parameters, in `PricingParameters.fieldNames` order, and the name a person typed
/// resolved to the stored one (`funding` → `funding_cost_bp`).
public enum PricingParameterCatalog {
    private static let basisPoints = Double(PricingParameters.basisPointRange.lowerBound)...Double(PricingParameters.basisPointRange.upperBound)

    public static let all: [PricingParameterInfo] = [
        .init(name: "funding_cost_bp", aliases: ["funding", "funding_cost"], unit: "bp", range: basisPoints,
              summary: "cost of funds, added to every rate"),
        .init(name: "lgd_pct", aliases: ["lgd", "loss_given_default"], unit: "%", range: 0...100,
              summary: "loss given default: expected loss = PD × LGD"),
        .init(name: "operating_cost_bp", aliases: ["operating", "operating_cost", "opex"], unit: "bp", range: basisPoints,
              summary: "servicing cost, added to every rate"),
        .init(name: "capital_ratio_pct", aliases: ["capital", "capital_ratio"], unit: "%", range: 0...100,
              summary: "capital held against the line"),
        .init(name: "hurdle_rate_pct", aliases: ["hurdle", "hurdle_rate"], unit: "%", range: 0...100,
              summary: "required return on that capital"),
        .init(name: "chinext_premium_bp", aliases: ["chinext", "chinext_premium"], unit: "bp", range: basisPoints,
              summary: "premium when ChiNext holdings dominate"),
        .init(name: "star_premium_bp", aliases: ["star", "star_premium"], unit: "bp", range: basisPoints,
              summary: "premium when STAR holdings dominate"),
        .init(name: "volatility_threshold_pct", aliases: ["volatility_threshold", "vol_threshold"], unit: "%", range: 0...100,
              summary: "volatility above this costs the volatility premium"),
        .init(name: "volatility_premium_bp", aliases: ["volatility", "volatility_premium", "vol_premium"], unit: "bp", range: basisPoints,
              summary: "per percentage point of volatility above the threshold"),
        .init(name: "margin_call_premium_bp", aliases: ["behaviour", "behavior", "margin_call_premium", "margin_call"], unit: "bp",
              range: basisPoints, summary: "per margin call in the last 12 months (at most 3)"),
        .init(name: "late_payment_premium_bp", aliases: ["late_payment", "late"], unit: "bp", range: basisPoints,
              summary: "when the client has paid late"),
        .init(name: "loyalty_discount_bp", aliases: ["loyalty", "loyalty_discount"], unit: "bp", range: basisPoints,
              summary: "discount for a clean client of 36 months or more"),
        .init(name: "sentiment_band", aliases: ["band"], unit: "index", range: 0...1,
              summary: "sentiment inside ±band adds nothing"),
        .init(name: "sentiment_max_premium_bp", aliases: ["sentiment", "sentiment_premium", "sentiment_max_premium"], unit: "bp",
              range: basisPoints, summary: "premium at sentiment ±1, linear from the band"),
        .init(name: "floor_bp", aliases: ["floor"], unit: "bp", range: basisPoints, summary: "lowest rate quoted"),
        .init(name: "cap_bp", aliases: ["cap"], unit: "bp", range: basisPoints, summary: "highest rate quoted"),
        .init(name: "fee_bp", aliases: ["fee"], unit: "bp", range: basisPoints, summary: "fee on the line, charged once"),
    ]

    /// The parameter a person named by its stored name or an alias, in any case, with `-` for `_`; nil when none.
    public static func info(named typed: String) -> PricingParameterInfo? {
        let key = typed.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        return all.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The stored name for what a person typed, or a message naming the parameters there are.
    public static func resolve(_ typed: String) -> Result<PricingParameterInfo, PricingNameError> {
        guard let info = info(named: typed) else { return .failure(PricingNameError(typed: typed)) }
        return .success(info)
    }
}

/// A name that is neither a pricing parameter nor one of its aliases.
public struct PricingNameError: Error, Hashable, Sendable, CustomStringConvertible {
    public var typed: String

    public var description: String {
        "unknown pricing parameter '\(typed)'; one of: "
            + PricingParameterCatalog.all.map { "\($0.name) (\($0.aliases.joined(separator: ", ")))" }.joined(separator: "; ")
    }
}
