import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

/// `riskdesk model report VERSION`: a card's validation report, drawn for a terminal or as the stored JSON.
struct ModelReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A card's validation report: AUC, KS, Gini, Brier, the ROC curve, the score histogram, calibration by decile, the IV table and every bin.",
        discussion: """
        VERSION is a version (sc-…) or `champion` / `challenger` of --target. The ROC curve is drawn in Braille and the \
        score histogram in block characters; a calibration decile whose predicted and observed bad rates differ by more \
        than 2 points on 100+ rows is marked with `!`. --json prints the stored report with the version's status, target, \
        AUC and KS. A version registered without a report (from before cards were data, or hand-written) says so and \
        shows its bins and points.
        """)

    @Argument(help: "The version, or champion / challenger of --target.") var version: String
    @Option(help: "Database file.") var db: String
    @Option(help: "The target for champion / challenger: default_12m or margin_call_30d.") var target = ModelTarget.default12m.code
    @Option(help: "Lay the report out for this many columns (default: the terminal's width, else 100).") var width: Int?
    @ArgumentParser.Flag(help: "The stored report as JSON, with the summary.") var json = false

    func validate() throws {
        if let width, !(40...1_000).contains(width) { throw ValidationError("--width: give 40 to 1000 columns, not \(width)") }
        guard ModelTarget.desk(code: target) != nil else {
            throw ValidationError("--target: '\(PlainText.escaped(target))' is not a target; use "
                                  + ModelTarget.desk.map(\.code).joined(separator: " or "))
        }
    }

    func run() throws {
        let store = try openStore(db, readOnly: true)
        let model: StoredModel
        do {
            model = try Self.resolve(version, target: target, in: store)
        } catch {
            throw Exit.report(error)
        }
        if json {
            print(try Self.json(model))
            return
        }
        if model.report == nil {
            printNote("\(model.summary.version) has no validation report (registered without one): showing its bins and points")
        }
        print(ModelReportText.text(summary: model.summary, card: model.card, report: model.report,
                                   width: width ?? Self.terminalWidth() ?? 100))
    }

    /// The version named, or the champion or challenger of `target`.
    static func resolve(_ name: String, target: String, in store: RiskStore) throws(StoreError) -> StoredModel {
        switch name.lowercased() {
        case "champion":
            guard let model = try store.champion(target: target) else { throw .invalidInput("\(target) has no champion") }
            return model
        case "challenger":
            guard let summary = try store.modelVersions().first(where: { $0.target == target && $0.status == .challenger }),
                  let model = try store.storedModel(summary.version) else { throw .invalidInput("\(target) has no challenger") }
            return model
        default:
            guard let model = try store.storedModel(name) else {
                let known = (try? store.modelVersions().map(\.version).prefix(8).joined(separator: ", ")) ?? ""
                throw .invalidInput("no model version '\(PlainText.escaped(name))'" + (known.isEmpty ? "" : "; known: \(known)"))
            }
            return model
        }
    }

    /// `{"version", "status", "target", "auc", "ks", "has_report", "report": {…} | null}`.
    static func json(_ model: StoredModel) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        var object: [String: Any] = ["version": model.summary.version, "status": model.summary.status.rawValue,
                                     "target": model.summary.target, "auc": model.summary.auc ?? NSNull(),
                                     "ks": model.summary.ks ?? NSNull(), "has_report": model.report != nil]
        if let report = model.report {
            object["report"] = try JSONSerialization.jsonObject(with: encoder.encode(report))
        } else {
            object["report"] = NSNull()
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The terminal's width when stdout is one (`COLUMNS` else the window size).
    static func terminalWidth() -> Int? {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(columns), (40...1_000).contains(value) {
            return value
        }
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 else { return nil }
        return Int(size.ws_col)
    }
}
