import Foundation

/// A training/holdout split that keeps the goods:bads share: the bads and the goods are each shuffled with the seed
/// and `holdout` of each (rounded) is held out. The same seed and outcomes give the same split.
public struct StratifiedSplit: Hashable, Sendable {
    /// Row indices, ascending.
    public var training: [Int]
    public var holdout: [Int]

    public init(bad: [Bool], holdout share: Double, seed: UInt64) {
        var random = MarketRandom(seed: seed)
        var training: [Int] = [], holdout: [Int] = []
        for outcome in [true, false] {
            var rows = bad.indices.filter { bad[$0] == outcome }
            rows.shuffle(using: &random)
            let held = Int((Double(rows.count) * share).rounded())
            holdout += rows.prefix(held)
            training += rows.dropFirst(held)
        }
        self.training = training.sorted()
        self.holdout = holdout.sorted()
    }
}
