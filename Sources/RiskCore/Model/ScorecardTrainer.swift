import Foundation

/// A trained card and its validation report.
public struct TrainedScorecard: Hashable, Sendable {
    public var card: Scorecard
    public var report: ValidationReport

    public init(card: Scorecard, report: ValidationReport) {
        self.card = card
        self.report = report
    }
}

/// Trains a points scorecard from a table: stratified holdout split, fine and coarse classing to WOE bins on the
/// training rows, selection by information value, logistic regression (Newton–IRLS, optional L2) on the WOE columns,
/// scaling to points, and validation on the holdout (against a benchmark card when given).
public enum ScorecardTrainer {
    /// The fewest rows, and the fewest bads and goods, a training is attempted with.
    public static let minimumRows = 50
    public static let minimumPerClass = 10

    public static func train(_ dataset: TrainingDataset, options: TrainingOptions, benchmark: Scorecard? = nil,
                             description: String, now: Date) throws(TrainingError) -> TrainedScorecard {
        let clock = ContinuousClock(), started = clock.now
        try check(options)
        let n = dataset.rowCount, bads = dataset.badCount
        guard n > 0 else { throw .tooFewRows("the table has no rows") }
        guard bads > 0, bads < n else { throw .oneClass(bad: bads == n) }
        guard n >= minimumRows else { throw .tooFewRows("\(n) rows; at least \(minimumRows) are needed") }
        guard bads >= minimumPerClass, n - bads >= minimumPerClass else {
            throw .tooFewRows("\(bads) bads and \(n - bads) goods; at least \(minimumPerClass) of each are needed")
        }
        for column in dataset.columns where column.values.count != n {
            throw .invalidOption("column \(column.name) has \(column.values.count) values for \(n) rows")
        }
        let split = StratifiedSplit(bad: dataset.bad, holdout: options.holdout, seed: options.seed)
        let trainingBads = split.training.filter { dataset.bad[$0] }.count
        guard trainingBads >= minimumPerClass / 2, split.holdout.contains(where: { dataset.bad[$0] }),
              split.holdout.contains(where: { !dataset.bad[$0] }) else {
            throw .tooFewRows("the holdout split leaves too few bads on one side")
        }

        // Coarse classing of every column on the training rows.
        let excluded = Set(options.excluded)
        let binned = dataset.columns.filter { !excluded.contains($0.name) }
            .map { CoarseClassing.bin($0, bad: dataset.bad, rows: split.training, options: options) }
        var notes: [String: String] = [:]
        for b in binned {
            if let refusal = b.refusal { notes[b.feature] = refusal }
            else if b.informationValue < options.minimumIV {
                notes[b.feature] = String(format: "IV %.4f below %.4f", b.informationValue, options.minimumIV)
            }
        }
        var selected = binned.filter { notes[$0.feature] == nil }.sorted { $0.informationValue > $1.informationValue }
        guard !selected.isEmpty else { throw .nothingSelected(threshold: options.minimumIV) }

        // Regression; a characteristic whose coefficient comes out against its WOE (collinearity) is dropped.
        let trainingBad = split.training.map { dataset.bad[$0] }
        let columnIndex = Dictionary(dataset.columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var fit: LogisticFit
        while true {
            var x = [Double]()
            x.reserveCapacity(split.training.count * selected.count)
            for r in split.training {
                for b in selected { x.append(b.woe(for: dataset.columns[columnIndex[b.feature] ?? 0].values.value(at: r))) }
            }
            fit = try LogisticRegression.fit(x: x, columns: selected.count, y: trainingBad, l2: options.l2)
            guard let worst = fit.coefficients.indices.max(by: { fit.coefficients[$0] < fit.coefficients[$1] }),
                  fit.coefficients[worst] > 0, selected.count > 1 else { break }
            notes[selected[worst].feature] = String(format: "dropped: coefficient %+.3f runs against its WOE "
                                                    + "(collinear with the others)", fit.coefficients[worst])
            selected.remove(at: worst)
        }

        // Scaling to points. A fit whose points would not be ordinary numbers (a near-separating column can give huge
        // coefficients that still converge) is refused rather than turned into integers.
        let scaling = ScorecardScaling.standard
        let largestPoints = zip(selected, fit.coefficients).map { b, beta in
            b.bins.map { abs(scaling.factor * beta * $0.woe) }.max() ?? 0
        }.max() ?? 0
        let base = abs(scaling.offset - scaling.factor * fit.intercept)
        guard largestPoints.isFinite, base.isFinite, largestPoints < 100_000, base < 100_000 else {
            throw .notConverged(iterations: 0, String(format: "the fit gives points beyond ±100,000 (intercept %.3g): "
                                                      + "a characteristic nearly separates the classes", fit.intercept))
        }
        var usedCodes = Set<String>()
        let characteristics = zip(selected, fit.coefficients).map { b, beta in
            Characteristic(code: uniqueCode(for: b.feature, used: &usedCodes), feature: b.feature,
                           name: FeatureCatalog.entry(b.feature)?.name ?? b.feature, kind: b.kind, coefficient: beta,
                           bins: b.bins.map {
                               ScoreBin(label: $0.label, match: $0.match, woe: $0.woe,
                                        points: scaling.binPoints(coefficient: beta, woe: $0.woe), count: $0.tally.count,
                                        bads: $0.tally.bads)
                           })
        }
        var card = Scorecard(version: "", description: description, target: dataset.target, scaling: scaling,
                             intercept: fit.intercept,
                             basePoints: scaling.basePoints(intercept: fit.intercept),
                             characteristics: characteristics, trainedAt: now)
        let trainingPoints = points(of: card, dataset, rows: split.training)
        card.trainingDistribution = ScorecardValidation.distribution(points: trainingPoints)
        if let applied = dataset.appliedAt, applied.count == n {
            let dates = split.training.map { applied[$0] }
            if let from = dates.min(), let to = dates.max() {
                card.window = TrainingWindow(from: from, to: to, rows: split.training.count, bads: trainingBads)
            }
        }
        card.version = card.contentVersion

        // Validation on the holdout.
        let holdoutBad = split.holdout.map { dataset.bad[$0] }
        let holdoutPoints = points(of: card, dataset, rows: split.holdout)
        guard let figures = ScorecardValidation.figures(points: holdoutPoints, bad: holdoutBad, card: card) else {
            throw .tooFewRows("the holdout has no good or no bad")
        }
        let trainingAUC = ModelMetrics.auc(risk: trainingPoints.map { -Double($0) }, bad: trainingBad) ?? 0.5
        let benchmarkResult = benchmark.flatMap { other -> BenchmarkResult? in
            let risk = points(of: other, dataset, rows: split.holdout).map { -Double($0) }
            guard let auc = ModelMetrics.auc(risk: risk, bad: holdoutBad),
                  let ks = ModelMetrics.ks(risk: risk, bad: holdoutBad) else { return nil }
            return BenchmarkResult(version: other.version, auc: auc, ks: ks.ks)
        }
        let chosen = Dictionary(characteristics.map { ($0.feature, $0) }, uniquingKeysWith: { a, _ in a })
        let reports = binned.sorted { $0.informationValue > $1.informationValue }.map { b in
            let c = chosen[b.feature]
            return CharacteristicReport(
                feature: b.feature, name: FeatureCatalog.entry(b.feature)?.name ?? b.feature, kind: b.kind,
                informationValue: b.informationValue, selected: c != nil, note: c == nil ? notes[b.feature] : nil,
                coefficient: c?.coefficient,
                bins: b.bins.enumerated().map { k, bin in
                    BinReport(label: bin.label, count: bin.tally.count, bads: bin.tally.bads, woe: bin.woe,
                              points: c?.bins[k].points)
                })
        }
        let seconds = clock.now - started
        let report = ValidationReport(
            version: card.version, target: dataset.target, options: options, trainingRows: split.training.count,
            trainingBads: trainingBads, holdoutRows: split.holdout.count, holdoutBads: holdoutBad.filter { $0 }.count,
            auc: figures.auc, ks: figures.ks, ksScore: figures.ksScore, gini: 2 * figures.auc - 1,
            trainingAUC: trainingAUC, brier: figures.brier, calibration: figures.calibration,
            characteristics: reports, scoreDistribution: figures.histogram, roc: figures.roc,
            benchmark: benchmarkResult,
            trainingSeconds: Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18)
        return TrainedScorecard(card: card, report: report)
    }

    /// Refuses options out of range.
    public static func check(_ options: TrainingOptions) throws(TrainingError) {
        guard options.holdout > 0, options.holdout <= 0.9 else {
            throw .invalidOption("holdout must be in (0, 0.9] (got \(options.holdout))")
        }
        guard options.l2 >= 0, options.l2.isFinite else { throw .invalidOption("L2 must be ≥ 0 (got \(options.l2))") }
        guard options.minimumIV >= 0, options.minimumIV.isFinite else {
            throw .invalidOption("minimum IV must be ≥ 0 (got \(options.minimumIV))")
        }
        guard options.fineClasses >= 2, options.fineClasses <= 100 else {
            throw .invalidOption("fine classes must be 2…100 (got \(options.fineClasses))")
        }
        guard options.minimumBinShare > 0, options.minimumBinShare <= 0.5 else {
            throw .invalidOption("minimum bin share must be in (0, 0.5] (got \(options.minimumBinShare))")
        }
    }

    /// The points `card` gives each of `rows` of `dataset` (a feature the table lacks counts as missing).
    public static func points(of card: Scorecard, _ dataset: TrainingDataset, rows: [Int]) -> [Int] {
        let byName = Dictionary(dataset.columns.map { ($0.name, $0.values) }, uniquingKeysWith: { a, _ in a })
        let columns = card.characteristics.map { byName[$0.feature] }
        return rows.map { r in
            var total = card.basePoints
            for (c, values) in zip(card.characteristics, columns) { total += c.bin(for: values?.value(at: r))?.points ?? 0 }
            return total
        }
    }

    /// The catalog's reason code for a feature, made unique on the card with a digit where two columns share one.
    static func uniqueCode(for feature: String, used: inout Set<String>) -> String {
        let base = FeatureCatalog.code(for: feature)
        var code = base, k = 2
        while used.contains(code) {
            code = base + String(k)
            k += 1
        }
        used.insert(code)
        return code
    }
}
