import Foundation

/// The features the desk knows how to read for a live application (`ScoreInput.features`), each with its reason
/// code, its name and the words that explain, in terms a customer could read, why its value costs points. A card
/// trained elsewhere may read other columns: it can be reported, but the desk scores applications only with cards
/// whose features are all here (`FeatureCatalog.unknownFeatures`).
public enum FeatureCatalog {
    public static let tenureMonths = "tenure_months"
    public static let largestPositionShare = "largest_position_share"
    public static let marginCalls12m = "margin_calls_12m"
    public static let maxDaysPastDue = "max_dpd"
    public static let requestedLeverage = "requested_leverage"
    public static let annualTurnover = "annual_turnover"
    public static let averageHoldingDays = "avg_holding_days"
    public static let lineToAssets = "line_to_assets"
    public static let suitability = "suitability"
    public static let channel = "channel"

    public struct Entry: Sendable {
        public var feature: String
        public var code: String
        public var name: String
        public var kind: CharacteristicKind
        /// Words for a value that costs points.
        public var explain: @Sendable (FeatureValue) -> String
    }

    public static let entries: [Entry] = [
        Entry(feature: tenureMonths, code: "TENURE", name: "Client tenure", kind: .numeric) {
            "client for only \($0.text) months"
        },
        Entry(feature: largestPositionShare, code: "CONC", name: "Largest position", kind: .numeric) {
            "largest position is \(whole(($0.number ?? 0) * 100))% of the portfolio"
        },
        Entry(feature: marginCalls12m, code: "CALLS", name: "Margin calls (12m)", kind: .numeric) {
            let n = whole($0.number ?? 0)
            return "\(n) margin call\(n == "1" ? "" : "s") in the last 12 months"
        },
        Entry(feature: maxDaysPastDue, code: "DPD", name: "Days past due", kind: .numeric) {
            "a repayment was \($0.text) days late"
        },
        Entry(feature: requestedLeverage, code: "LEV", name: "Requested leverage", kind: .numeric) {
            "requested leverage of \(Leverage($0.number ?? 1).text)"
        },
        Entry(feature: annualTurnover, code: "TURN", name: "Annual turnover", kind: .numeric) {
            "portfolio turned over \(whole($0.number ?? 0)) times in a year"
        },
        Entry(feature: averageHoldingDays, code: "HOLD", name: "Average holding period", kind: .numeric) {
            "positions are held \($0.text) days on average"
        },
        Entry(feature: lineToAssets, code: "LTA", name: "Line to assets", kind: .numeric) {
            String(format: "requested line is %.1f× the securities assets", $0.number ?? 0)
        },
        Entry(feature: suitability, code: "SUIT", name: "Suitability", kind: .numeric) {
            "suitability level is C\($0.text)"
        },
        Entry(feature: channel, code: "CHAN", name: "Channel", kind: .categorical) {
            "applied through the \($0.text) channel"
        },
    ]

    /// A number rounded to a whole one as text, without converting an unchecked Double to Int (NaN and huge
    /// values stay text).
    static func whole(_ value: Double) -> String { String(format: "%.0f", value.rounded()) }

    public static func entry(_ feature: String) -> Entry? { entries.first { $0.feature == feature } }

    /// The reason code for a feature: the catalog's, else the column name in capitals (at most 8 characters).
    public static func code(for feature: String) -> String {
        entry(feature)?.code ?? String(feature.uppercased().prefix(8))
    }

    /// The features of `card` the desk cannot read from an application.
    public static func unknownFeatures(of card: Scorecard) -> [String] {
        card.features.filter { entry($0) == nil }
    }

    /// Why `value` cost points on `characteristic`: the catalog's words, or "name is value (bin)" for a column the
    /// desk does not know, or "name not given" for a missing value.
    public static func explain(_ characteristic: Characteristic, value: FeatureValue?, bin: ScoreBin?) -> String {
        guard let value else { return "\(characteristic.name.lowercased()) not given" }
        if let entry = entry(characteristic.feature) { return entry.explain(value) }
        return "\(characteristic.name) is \(value.text)" + (bin.map { " (\($0.label))" } ?? "")
    }
}
