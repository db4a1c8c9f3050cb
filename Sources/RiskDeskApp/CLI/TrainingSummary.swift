import Foundation
import RiskCore

/// The summary `riskdesk model train` prints: what was learned from, what was selected and how well it ranks.
public enum TrainingSummary {
    public static func text(_ trained: TrainedScorecard, notes: [String] = [], registered: String? = nil) -> String {
        let card = trained.card, report = trained.report
        var lines: [String] = []
        lines.append("Trained \(card.version) — \(card.target.code) (\(card.target.description))")
        lines.append("Rows: \(report.trainingRows + report.holdoutRows) (\(report.trainingBads + report.holdoutBads) bad); "
                     + "training \(report.trainingRows) (\(report.trainingBads) bad), holdout \(report.holdoutRows) "
                     + "(\(report.holdoutBads) bad), seed \(report.options.seed)")
        for note in notes { lines.append("Note: \(note)") }
        lines.append("")
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return right ? fill + text : text + fill
        }
        lines.append(pad("Characteristic", 26) + " " + pad("Kind", 11) + " " + pad("IV", 8, right: true) + " "
                     + pad("Coefficient", 11, right: true) + " " + pad("Bins", 5, right: true))
        for c in report.characteristics {
            let coefficient = c.coefficient.map { String(format: "%+.4f", $0) } ?? "—"
            let status = c.selected ? "selected" : (c.note ?? "not selected")
            lines.append(pad(String(c.feature.prefix(26)), 26) + " " + pad(c.kind.rawValue, 11) + " "
                         + pad(String(format: "%.4f", c.informationValue), 8, right: true) + " "
                         + pad(coefficient, 11, right: true) + " " + pad(String(c.bins.count), 5, right: true) + "  " + status)
        }
        lines.append("")
        lines.append(String(format: "Holdout: AUC %.4f  KS %.4f (at %d points)  Gini %.4f  Brier %.4f; training AUC %.4f",
                            report.auc, report.ks, report.ksScore, report.gini, report.brier, report.trainingAUC))
        if let benchmark = report.benchmark {
            lines.append("Benchmark \(benchmark.version) on the same holdout: "
                         + String(format: "AUC %.4f  KS %.4f", benchmark.auc, benchmark.ks))
        }
        lines.append(String(format: "Base %d points, intercept %.4f; %d characteristics; trained in %.2f s", card.basePoints,
                            card.intercept ?? 0, card.characteristics.count, report.trainingSeconds))
        if let registered { lines.append(registered) }
        return lines.joined(separator: "\n")
    }

    /// The report as JSON (sorted keys, dates as seconds since 1970, like the card).
    public static func reportJSON(_ report: ValidationReport) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return (try? encoder.encode(report)) ?? Data()
    }
}
