import Foundation

extension ScorecardScaling {
    /// The base points of a card with logistic intercept β0 on the log-odds of a bad: offset − factor·β0, rounded
    /// (β0 = −ln 50 gives 600 at the standard scaling).
    public func basePoints(intercept: Double) -> Int { Int((offset - factor * intercept).rounded()) }

    /// The points of a bin with weight of evidence `woe` on a characteristic with coefficient β: −factor·β·WOE,
    /// rounded.
    public func binPoints(coefficient: Double, woe: Double) -> Int { Int((-factor * coefficient * woe).rounded()) }
}

extension TrainingDataset {
    /// The table of a loan history for one target: the loans whose outcome for `target` has matured, one column
    /// per catalog feature (channel categorical, average holding period missing where unknown).
    public init(history loans: [HistoricalLoan], target: ModelTarget) {
        let matured = loans.compactMap { loan -> (HistoricalLoan, Bool)? in
            let outcome = target == .marginCall30d ? loan.marginCall30d : loan.defaulted12m
            return outcome.map { (loan, $0) }
        }
        let rows = matured.map { $0.0.features }
        let columns = FeatureCatalog.entries.map { entry in
            TrainingColumn(name: entry.feature, values: entry.kind == .numeric
                ? .numeric(rows.map { $0[entry.feature]?.number })
                : .categorical(rows.map { row in row[entry.feature].flatMap { if case .category(let c) = $0 { c } else { nil } } }))
        }
        self.init(columns: columns, bad: matured.map(\.1), appliedAt: matured.map(\.0.appliedAt), target: target)
    }
}
