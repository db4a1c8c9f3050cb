import Foundation

/// Goods and bads counted in one class or bin.
public struct ClassTally: Hashable, Sendable {
    public var goods: Int
    public var bads: Int

    public init(goods: Int = 0, bads: Int = 0) {
        self.goods = goods
        self.bads = bads
    }

    public var count: Int { goods + bads }

    mutating func add(bad: Bool) { if bad { bads += 1 } else { goods += 1 } }

    static func + (a: ClassTally, b: ClassTally) -> ClassTally { ClassTally(goods: a.goods + b.goods, bads: a.bads + b.bads) }
}

/// A fine class before coarse classing: a numeric interval `lower..<upper` (nil = unbounded) or a group of categories.
public struct FineClass: Hashable, Sendable {
    public var lower: Double?
    public var upper: Double?
    public var categories: [String]
    public var tally: ClassTally

    public init(lower: Double? = nil, upper: Double? = nil, categories: [String] = [], tally: ClassTally) {
        self.lower = lower
        self.upper = upper
        self.categories = categories
        self.tally = tally
    }

    /// This class and the one after it as one class.
    func merged(with next: FineClass) -> FineClass {
        FineClass(lower: lower, upper: next.upper, categories: categories + next.categories, tally: tally + next.tally)
    }
}

/// Fine classing: a numeric column cut at its quantiles (at most `classes` classes, fewer where values repeat), a
/// categorical column one class per category; missing values counted apart.
public enum FineClassing {
    /// Quantile cut points of `sorted` (ascending, no missing): the values at ranks i·m/classes for i in 1..<classes,
    /// each kept once and only above the smallest value, so every class `cut[k-1]..<cut[k]` holds rows.
    public static func quantileCuts(sorted: [Double], classes: Int) -> [Double] {
        guard let first = sorted.first, classes > 1 else { return [] }
        var cuts: [Double] = []
        for i in 1..<classes {
            let q = sorted[min(sorted.count - 1, i * sorted.count / classes)]
            if q > first && q > (cuts.last ?? -.infinity) { cuts.append(q) }
        }
        return cuts
    }

    /// The numeric column's fine classes over `rows`, and the missing values' tally.
    public static func numeric(_ values: [Double?], bad: [Bool], rows: [Int], classes: Int)
        -> (classes: [FineClass], missing: ClassTally) {
        var missing = ClassTally()
        var present: [Double] = []
        present.reserveCapacity(rows.count)
        for r in rows { if let v = values[r] { present.append(v) } else { missing.add(bad: bad[r]) } }
        present.sort()
        let cuts = quantileCuts(sorted: present, classes: classes)
        var tallies = [ClassTally](repeating: ClassTally(), count: cuts.count + 1)
        for r in rows {
            guard let v = values[r] else { continue }
            tallies[classIndex(of: v, cuts: cuts)].add(bad: bad[r])
        }
        guard !present.isEmpty else { return ([], missing) }
        let bounds: [Double?] = [nil] + cuts.map { Optional($0) } + [nil]
        let fine = tallies.indices.map { FineClass(lower: bounds[$0], upper: bounds[$0 + 1], tally: tallies[$0]) }
        return (fine, missing)
    }

    /// The number of cut points at or below `value`: the index of its class.
    static func classIndex(of value: Double, cuts: [Double]) -> Int {
        var low = 0, high = cuts.count
        while low < high {
            let mid = (low + high) / 2
            if cuts[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The categorical column's classes over `rows` (one per category, by name), and the missing values' tally.
    public static func categorical(_ values: [String?], bad: [Bool], rows: [Int])
        -> (classes: [FineClass], missing: ClassTally) {
        var missing = ClassTally()
        var tallies: [String: ClassTally] = [:]
        for r in rows {
            if let c = values[r] { tallies[c, default: ClassTally()].add(bad: bad[r]) } else { missing.add(bad: bad[r]) }
        }
        let classes = tallies.keys.sorted().map { FineClass(categories: [$0], tally: tallies[$0] ?? ClassTally()) }
        return (classes, missing)
    }
}
