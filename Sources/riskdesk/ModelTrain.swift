import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

/// `riskdesk model train`: trains a scorecard on the store's loan history (and registers it as a candidate) or on
/// a CSV export of a loan book (and writes the card and its report).
struct ModelTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a scorecard on the loan history of a database (registered as a candidate) or on a CSV file.",
        discussion: """
        With --db, learns --target (default_12m or margin_call_30d) from the loans whose outcome had matured by --as-of \
        (default: every matured loan), prints the summary and registers the card as a candidate (audited model.register) \
        as the user your login maps to (a supervisor, or the trainer on training data), unless --dry-run. With --csv, \
        --target names the outcome column and --bad the value that means bad; numeric and categorical columns are \
        detected, missing values are empty, NA, NaN, null or ?; --out is required and the report is written beside the \
        card as NAME.report.json. Fine classes are quantiles, coarse bins are monotone in WOE with at least 5% of the \
        rows each, characteristics need IV ≥ --min-iv, the regression is Newton–IRLS with optional --l2. \
        Exit 64 for an option out of range, 65 for data that cannot be trained on, 3 when the role may not register.
        """)

    @Option(help: "Database file whose loan history to learn from.") var db: String?
    @Option(help: "CSV file of a loan book to learn from (instead of --db).") var csv: String?
    @Option(help: "With --db: default_12m or margin_call_30d. With --csv: the outcome column.") var target: String?
    @Option(help: "With --csv: the value of the target column that means bad.") var bad: String?
    @Option(help: "Columns not to use, comma-separated.") var exclude: String?
    @Option(name: .customLong("as-of"), help: "With --db: only outcomes matured by this date (YYYY-MM-DD, UTC).") var asOf: String?
    @Option(help: "Share of rows held out for validation, stratified, in (0, 0.9].") var holdout = 0.3
    @Option(help: "Seed of the holdout split.") var seed: UInt64 = 42
    @Option(help: "L2 penalty λ on the coefficients (not the intercept), ≥ 0.") var l2 = 0.0
    @Option(name: .customLong("min-iv"), help: "Smallest information value a characteristic needs, ≥ 0.") var minIV = 0.02
    @Option(help: "With --db: who registers it (the desk user your login maps to).") var user: String?
    @Option(help: "Write the card as JSON here (and its report as NAME.report.json).") var out: String?
    @ArgumentParser.Flag(name: .customLong("dry-run"), help: "With --db: train and report, do not register.") var dryRun = false

    var options: RiskCore.TrainingOptions {
        RiskCore.TrainingOptions(holdout: holdout, seed: seed, l2: l2, minimumIV: minIV,
                        excluded: (exclude ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                            .filter { !$0.isEmpty })
    }

    func validate() throws {
        switch (db, csv) {
        case (nil, nil): throw ValidationError("give --db PATH (the store's loan history) or --csv FILE")
        case (_?, _?): throw ValidationError("give --db or --csv, not both")
        default: break
        }
        do { try ScorecardTrainer.check(options) } catch { throw ValidationError(error.description) }
        if csv != nil {
            guard target != nil else { throw ValidationError("--csv needs --target COLUMN (the outcome column)") }
            guard bad != nil else { throw ValidationError("--csv needs --bad VALUE (the target value that means bad)") }
            guard out != nil else { throw ValidationError("--csv needs --out card.json") }
            guard asOf == nil else { throw ValidationError("--as-of applies to --db only") }
        } else {
            guard bad == nil else { throw ValidationError("--bad applies to --csv only") }
            if let target, ModelTarget.desk(code: target) == nil {
                throw ValidationError("--target must be default_12m or margin_call_30d (got \(PlainText.escaped(target)))")
            }
            if let asOf, Self.date(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD (got \(PlainText.escaped(asOf)))") }
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let date = formatter.date(from: text) else { return nil }
        return date
    }

    func run() throws {
        if let csv { try trainCSV(csv) } else if let db { try trainStore(db) }
    }

    func trainCSV(_ path: String) throws {
        let book: LoanBookCSV
        do {
            book = try LoanBookCSV.read(path: path, target: target ?? "", badValue: bad ?? "", excluded: options.excluded)
        } catch {
            printError(error.message)
            throw Exit.dataError
        }
        let trained = try train(book.dataset, benchmark: nil, description: "trained on \(URL(fileURLWithPath: path).lastPathComponent)")
        let kinds = book.columns.map { "\($0.name) \($0.kind.rawValue)" }.joined(separator: ", ")
        try write(trained)
        print(TrainingSummary.text(trained, notes: ["columns: " + kinds] + book.notes))
    }

    func trainStore(_ path: String) throws {
        let targetCode = target ?? ModelTarget.default12m.code
        guard let modelTarget = ModelTarget.desk(code: targetCode) else { throw ExitCode.validationFailure }
        let store = try openStore(path, readOnly: dryRun)
        do {
            let dataset = try store.trainingDataset(target: modelTarget, asOf: asOf.flatMap(Self.date))
            let champion = try store.champion(target: modelTarget.code)?.card
            let benchmark = champion ?? (modelTarget == .default12m ? Scorecard.standard : nil)
            let window = asOf.map { " as of \($0)" } ?? ""
            let trained = try train(dataset, benchmark: benchmark,
                                    description: "\(modelTarget.code) on the loan history\(window) (\(dataset.rowCount) loans)")
            if out != nil { try write(trained) }
            var registered: String? = "Dry run: not registered."
            if !dryRun {
                let actor = try store.actingUser(requested: user)
                try store.registerCandidate(trained, by: actor.name)
                registered = "Registered \(trained.card.version) as a candidate for \(modelTarget.code) by \(actor.name)."
            }
            print(TrainingSummary.text(trained, registered: registered))
        } catch let error as StoreError {
            throw Exit.report(error)
        }
    }

    func train(_ dataset: TrainingDataset, benchmark: Scorecard?, description: String) throws -> TrainedScorecard {
        do {
            return try ScorecardTrainer.train(dataset, options: options, benchmark: benchmark, description: description,
                                              now: Date())
        } catch {
            printError("not trained: \(error.description)")
            if case .invalidOption = error { throw ExitCode.validationFailure }
            throw Exit.dataError
        }
    }

    func write(_ trained: TrainedScorecard) throws {
        guard let out else { return }
        let reportPath = out.hasSuffix(".json") ? String(out.dropLast(5)) + ".report.json" : out + ".report.json"
        do {
            try trained.card.exportedJSON().write(to: URL(fileURLWithPath: out))
            try TrainingSummary.reportJSON(trained.report).write(to: URL(fileURLWithPath: reportPath))
        } catch {
            printError("cannot write \(out): \(error.localizedDescription)")
            throw Exit.refused
        }
        printNote("card written to \(out), report to \(reportPath)")
    }
}
