import Foundation
import Testing
@testable import RiskCore

@Suite("Fine and coarse classing")
struct CoarseClassingTests {
    /// Values 1…10, 100 rows each, with `badsPerValue[v-1]` bads; `missing` extra rows with no value (`missingBads`).
    static func column(badsPerValue: [Int], missing: Int = 0, missingBads: Int = 0)
        -> (TrainingColumn, [Bool], [Int]) {
        var values: [Double?] = [], bad: [Bool] = []
        for (k, bads) in badsPerValue.enumerated() {
            for i in 0..<100 {
                values.append(Double(k + 1))
                bad.append(i < bads)
            }
        }
        for i in 0..<missing {
            values.append(nil)
            bad.append(i < missingBads)
        }
        return (TrainingColumn(name: "x", values: .numeric(values)), bad, Array(bad.indices))
    }

    @Test("quantile cuts of 1…10 ×100 at 10 classes are 2…10; repeated values give fewer classes")
    func quantileCuts() {
        let sorted = (1...10).flatMap { v in [Double](repeating: Double(v), count: 100) }
        #expect(FineClassing.quantileCuts(sorted: sorted, classes: 10) == [2, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(FineClassing.quantileCuts(sorted: sorted, classes: 20) == [2, 3, 4, 5, 6, 7, 8, 9, 10])
        let skewed = [Double](repeating: 0, count: 90) + (1...10).map(Double.init)
        #expect(FineClassing.quantileCuts(sorted: skewed, classes: 20) == [1, 6])
    }

    @Test("a non-monotone characteristic is merged until its WOE falls strictly: 3 with 4, 6 with 7")
    func monotoneMerge() {
        // Bad rates by value: 5 8 12 10 20 25 22 30 40 45 % — rising except 3→4 (12 → 10) and 6→7 (25 → 22).
        // Merging 3 and 4 gives 22/200 = 11%, 6 and 7 gives 47/200 = 23.5%: then 5 8 11 20 23.5 30 40 45 rises.
        let (column, bad, rows) = Self.column(badsPerValue: [5, 8, 12, 10, 20, 25, 22, 30, 40, 45])
        let options = TrainingOptions(fineClasses: 10)
        let binned = CoarseClassing.bin(column, bad: bad, rows: rows, options: options)
        let intervals = binned.bins.dropLast()
        #expect(intervals.map(\.label) == ["< 2", "2–3", "3–5", "5–6", "6–8", "8–9", "9–10", "≥ 10"])
        #expect(intervals.map(\.tally.bads) == [5, 8, 22, 20, 47, 30, 40, 45])
        let woe = intervals.map(\.woe)
        #expect(zip(woe, woe.dropFirst()).allSatisfy { $0 > $1 })
        // The missing bin (no missing value in training) copies the worst bin.
        #expect(binned.bins.last?.match == .missing)
        #expect(binned.bins.last?.woe == woe.last)
        #expect(binned.bins.last?.tally.count == 0)
        #expect(binned.woe(for: nil) == woe.last)
        #expect(binned.woe(for: .number(3.5)) == woe[2])
    }

    @Test("bins under 5% of the rows join a neighbour; every bin keeps at least 5%")
    func minimumShare() {
        // 40 fine classes of 25 rows (2.5% each) must end in bins of ≥ 50 rows.
        var values: [Double?] = [], bad: [Bool] = []
        var random = MarketRandom(seed: 7)
        for v in 0..<1000 {
            values.append(Double(v))
            bad.append(random.unit() < 0.05 + 0.3 * Double(v) / 1000)
        }
        let binned = CoarseClassing.bin(TrainingColumn(name: "x", values: .numeric(values)), bad: bad,
                                        rows: Array(bad.indices), options: TrainingOptions(fineClasses: 40))
        let intervals = binned.bins.dropLast()
        #expect(intervals.count >= 2)
        #expect(intervals.allSatisfy { $0.tally.count >= 50 })
        #expect(intervals.reduce(0) { $0 + $1.tally.count } == 1000)
        let woe = intervals.map(\.woe)
        #expect(zip(woe, woe.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test("missing values: their own bin at ≥ 5%, else pooled with the bin of closest WOE and said in its label")
    func missingValues() {
        let rates = [5, 5, 5, 5, 5, 30, 30, 30, 30, 30]
        // 100 missing rows of 1,100 (9%) with 30 bads: a bin of its own.
        let (own, ownBad, ownRows) = Self.column(badsPerValue: rates, missing: 100, missingBads: 30)
        let a = CoarseClassing.bin(own, bad: ownBad, rows: ownRows, options: TrainingOptions(fineClasses: 10))
        #expect(a.bins.map(\.label) == ["< 6", "≥ 6", "missing"])
        #expect(a.bins.last?.tally == ClassTally(goods: 70, bads: 30))
        // 40 missing rows of 1,040 (3.8%) with 12 bads (30%): pooled with "≥ 6" (150 bads of 500 → 162 of 540).
        let (small, smallBad, smallRows) = Self.column(badsPerValue: rates, missing: 40, missingBads: 12)
        let b = CoarseClassing.bin(small, bad: smallBad, rows: smallRows, options: TrainingOptions(fineClasses: 10))
        #expect(b.bins.map(\.label) == ["< 6", "≥ 6 or missing", "missing (with ≥ 6)"])
        let pooled = WeightOfEvidence.woe(goods: 378, bads: 162, totalGoods: 475 + 350 + 28, totalBads: 25 + 150 + 12)
        #expect(abs(b.bins[1].woe - pooled) < 1e-12)
        #expect(b.bins[2].woe == b.bins[1].woe)
        #expect(b.bins[2].tally == ClassTally(goods: 28, bads: 12))
        #expect(b.woe(for: nil) == b.bins[1].woe)
    }

    @Test("categories: ordered by bad rate, a small one joins the neighbour with the closer bad rate")
    func categorical() {
        // A: 400 rows 4% bad, B: 400 rows 20% bad, C: 30 rows 18% bad (3.6% of 830), D: 0 rows.
        var values: [String?] = [], bad: [Bool] = []
        for (name, count, bads) in [("A", 400, 16), ("B", 400, 80), ("C", 30, 5)] {
            for i in 0..<count {
                values.append(name)
                bad.append(i < bads)
            }
        }
        let binned = CoarseClassing.bin(TrainingColumn(name: "c", values: .categorical(values)), bad: bad,
                                        rows: Array(bad.indices), options: TrainingOptions())
        #expect(binned.bins.map(\.label).prefix(2) == ["A", "C, B"])
        #expect(binned.bins[1].match == .categories(["C", "B"]))
        #expect(binned.bins[1].tally == ClassTally(goods: 345, bads: 85))
        // An unseen category takes the lowest WOE.
        #expect(binned.woe(for: .category("Z")) == binned.bins[1].woe)
    }

    @Test("a column all missing, or constant, is refused with a note")
    func refusals() {
        let bad = [true, false, false, false]
        let empty = CoarseClassing.bin(TrainingColumn(name: "e", values: .numeric([nil, nil, nil, nil])), bad: bad,
                                       rows: [0, 1, 2, 3], options: TrainingOptions())
        #expect(empty.refusal == "all values missing")
        let constant = CoarseClassing.bin(TrainingColumn(name: "k", values: .categorical(["x", "x", "x", "x"])),
                                          bad: bad, rows: [0, 1, 2, 3], options: TrainingOptions())
        #expect(constant.refusal == "constant (one value in every row)")
        // One value and some missing is an indicator, not a constant.
        let indicator = CoarseClassing.bin(TrainingColumn(name: "i", values: .numeric([1, nil, 1, nil])),
                                           bad: bad, rows: [0, 1, 2, 3], options: TrainingOptions())
        #expect(indicator.refusal == nil)
    }
}
