import Foundation

/// Discrimination measures of a risk ranking. `risk` is higher for a likelier bad (a PD, or minus the points).
public enum ModelMetrics {
    /// Area under the ROC curve: the chance that a random bad is ranked riskier than a random good, ties counting
    /// half (the Mann–Whitney statistic, by average ranks). Nil without at least one good and one bad.
    public static func auc(risk: [Double], bad: [Bool]) -> Double? {
        precondition(risk.count == bad.count, "one outcome per score")
        let bads = bad.lazy.filter { $0 }.count, goods = bad.count - bads
        guard bads > 0, goods > 0 else { return nil }
        let order = risk.indices.sorted { risk[$0] < risk[$1] }
        var rankSumBads = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && risk[order[j + 1]] == risk[order[i]] { j += 1 }
            let averageRank = Double(i + j) / 2 + 1
            for k in i...j where bad[order[k]] { rankSumBads += averageRank }
            i = j + 1
        }
        return (rankSumBads - Double(bads) * Double(bads + 1) / 2) / (Double(bads) * Double(goods))
    }

    /// Kolmogorov–Smirnov: the largest gap between the cumulative shares of bads and of goods, walking from the
    /// riskiest score down, taken between distinct scores. Nil without at least one good and one bad.
    public static func ks(risk: [Double], bad: [Bool]) -> (ks: Double, atRisk: Double)? {
        precondition(risk.count == bad.count, "one outcome per score")
        let bads = bad.lazy.filter { $0 }.count, goods = bad.count - bads
        guard bads > 0, goods > 0 else { return nil }
        let order = risk.indices.sorted { risk[$0] > risk[$1] }
        var cumBads = 0, cumGoods = 0
        var best = (ks: 0.0, atRisk: risk[order[0]])
        var i = 0
        while i < order.count {
            let value = risk[order[i]]
            while i < order.count && risk[order[i]] == value {
                if bad[order[i]] { cumBads += 1 } else { cumGoods += 1 }
                i += 1
            }
            let gap = abs(Double(cumBads) / Double(bads) - Double(cumGoods) / Double(goods))
            if gap > best.ks { best = (gap, value) }
        }
        return best
    }
}
