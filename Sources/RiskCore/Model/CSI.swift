import Foundation

/// Characteristic Stability Index: PSI's formula over one characteristic's bins, to see which input moved when the
/// score did. Expected = the share of the card's training rows in each bin (`ScoreBin.count`); actual = the share of
/// recent applications whose feature value falls in it, matched as scoring matches (`Characteristic.bin(for:)`: the
/// first bin that holds the value, else the lowest-scoring bin, so an unseen category counts where it scored).
/// Empty bins count as 0.0001, as in `PSI`. A hand-written card's bins carry no training counts: it has no CSI (nil).
public enum CSI {
    /// The training share of each bin; nil when a bin lacks its count or the counts add up to nothing.
    public static func expectedShares(_ characteristic: Characteristic) -> [Double]? {
        let counts = characteristic.bins.map(\.count)
        guard !counts.isEmpty, counts.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
        let total = counts.reduce(0) { $0 + ($1 ?? 0) }
        guard total > 0 else { return nil }
        return counts.map { Double($0 ?? 0) / Double(total) }
    }

    /// The index of the bin a value scores in (the same bin `Characteristic.bin(for:)` returns); nil without bins.
    public static func binIndex(_ characteristic: Characteristic, value: FeatureValue?) -> Int? {
        let bins = characteristic.bins
        return bins.firstIndex { $0.match.contains(value) } ?? bins.indices.min { bins[$0].points < bins[$1].points }
    }

    /// The share of `features` (one dictionary per application) in each bin; all zero for none.
    public static func actualShares(_ characteristic: Characteristic, features: [[String: FeatureValue]]) -> [Double] {
        var counts = [Int](repeating: 0, count: characteristic.bins.count)
        for vector in features {
            if let index = binIndex(characteristic, value: vector[characteristic.feature]) { counts[index] += 1 }
        }
        return counts.map { features.isEmpty ? 0 : Double($0) / Double(features.count) }
    }

    /// The CSI of one characteristic; nil without training counts or without recent applications.
    public static func index(_ characteristic: Characteristic, features: [[String: FeatureValue]]) -> Double? {
        guard !features.isEmpty, let expected = expectedShares(characteristic) else { return nil }
        return PSI.index(expectedShares: expected, actualShares: actualShares(characteristic, features: features))
    }

    /// The CSI of every characteristic of a card that has one, keyed by the feature it reads; empty for a
    /// hand-written card or no recent applications.
    public static func indices(_ card: Scorecard, features: [[String: FeatureValue]]) -> [String: Double] {
        var result: [String: Double] = [:]
        for characteristic in card.characteristics {
            if let csi = index(characteristic, features: features) { result[characteristic.feature] = csi }
        }
        return result
    }
}
