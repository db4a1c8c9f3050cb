import Foundation

/// Weight of evidence and information value of a binning.
///
/// WOE of a bin = ln(%good / %bad), where %good is the bin's goods over all goods and %bad its bads over all bads, so
/// a safer-than-average bin has a positive WOE. IV = Σ (%good − %bad) × WOE.
///
/// Convention for an empty cell: a bin with no goods or no bads counts 0.5 in place of that zero (the totals are not
/// changed), so its WOE stays finite; a bin with no rows at all has WOE 0 and adds nothing to the IV.
public enum WeightOfEvidence {
    /// The WOE of a bin with `goods` and `bads` out of `totalGoods` and `totalBads`.
    public static func woe(goods: Int, bads: Int, totalGoods: Int, totalBads: Int) -> Double {
        guard goods + bads > 0, totalGoods > 0, totalBads > 0 else { return 0 }
        let g = goods == 0 ? 0.5 : Double(goods), b = bads == 0 ? 0.5 : Double(bads)
        return log((g / Double(totalGoods)) / (b / Double(totalBads)))
    }

    /// The bin's share of the IV: (%good − %bad) × WOE, with the same empty-cell convention.
    public static func ivTerm(goods: Int, bads: Int, totalGoods: Int, totalBads: Int) -> Double {
        guard goods + bads > 0, totalGoods > 0, totalBads > 0 else { return 0 }
        let g = goods == 0 ? 0.5 : Double(goods), b = bads == 0 ? 0.5 : Double(bads)
        let pg = g / Double(totalGoods), pb = b / Double(totalBads)
        return (pg - pb) * log(pg / pb)
    }

    /// The information value of bins given as (goods, bads).
    public static func informationValue(_ bins: [(goods: Int, bads: Int)]) -> Double {
        let totalGoods = bins.reduce(0) { $0 + $1.goods }, totalBads = bins.reduce(0) { $0 + $1.bads }
        return bins.reduce(0) { $0 + ivTerm(goods: $1.goods, bads: $1.bads, totalGoods: totalGoods, totalBads: totalBads) }
    }
}
