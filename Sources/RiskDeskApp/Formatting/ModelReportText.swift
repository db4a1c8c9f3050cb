import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// A card's validation report as lines for a given width, for a risk manager who would rather look than read: the
/// headline, the discrimination figures beside the benchmark's, the ROC curve in Braille with the diagonal, the score
/// histogram (goods and bads as two bars), the calibration table by decile, the IV table and each characteristic's
/// bins. The console's report overlay draws the lines in their theme roles; `riskdesk model report` prints them.
public enum ModelReportText {
    /// The narrowest width laid out; a narrower one is laid out at this width and cut.
    public static let minimumWidth = 60
    /// A calibration decile is marked when predicted and observed bad rates differ by more than this many
    /// percentage points on at least `calibrationMinimumRows` rows (the issue's acceptance bar).
    public static let calibrationTolerance = 2.0
    public static let calibrationMinimumRows = 100

    /// The report's lines for `summary` (and its card and report where stored), each at most `width` columns.
    public static func lines(summary: ModelVersionSummary, card: Scorecard?, report: ValidationReport?,
                             width: Int) -> [StyledLine] {
        let layout = max(minimumWidth, width)
        var out = headline(summary, card: card, report: report)
        if let report {
            out += [.blank] + discrimination(report)
            out += [.blank] + roc(report, width: layout)
            out += [.blank] + histogram(report, width: layout)
            out += [.blank] + calibration(report)
            out += [.blank] + informationValues(report, width: layout)
            for characteristic in report.characteristics.sorted(by: { $0.informationValue > $1.informationValue }) {
                out += [.blank] + bins(characteristic)
            }
        } else {
            out += [.blank, StyledLine("No validation report: \(summary.version) was registered without one", role: "model.mark"),
                    StyledLine(summary.hasCard ? "(a hand-written or imported card: its bins and points follow)."
                                               : "(a version from before cards were data: it has no card either).", role: "model.mark"),
                    StyledLine("Train a card with `riskdesk model train` to get AUC, KS, calibration and the charts.", role: "muted")]
            if let card {
                for characteristic in card.characteristics {
                    out += [.blank] + cardBins(characteristic)
                }
            }
        }
        return out.map { $0.truncated(to: width) }
    }

    /// The report as plain text, one line each (the CLI's output).
    public static func text(summary: ModelVersionSummary, card: Scorecard?, report: ValidationReport?, width: Int) -> String {
        lines(summary: summary, card: card, report: report, width: width)
            .map { $0.text.trimmingTrailingSpaces() }.joined(separator: "\n")
    }

    // MARK: - Sections

    static func headline(_ summary: ModelVersionSummary, card: Scorecard?, report: ValidationReport?) -> [StyledLine] {
        var first = StyledLine(summary.version, role: "highlight") + .init(" · \(summary.target) · ")
            + .init(summary.status.rawValue, role: "model.status.\(summary.status.rawValue)")
        if let trained = summary.trainedAt ?? card?.trainedAt { first = first + .init(" · trained \(timestamp(trained))") }
        var out = [first]
        if let target = ModelTarget.desk(code: summary.target) {
            out.append(StyledLine("Predicts \(target.description)", role: "muted"))
        }
        if !summary.description.isEmpty { out.append(StyledLine(PlainText.escaped(summary.description), role: "muted")) }
        if let report {
            out.append(StyledLine("Training \(rowsAndBads(report.trainingRows, report.trainingBads)) · holdout "
                                  + rowsAndBads(report.holdoutRows, report.holdoutBads)))
            let o = report.options
            out.append(StyledLine("Options: holdout \(fixed(o.holdout, 2)), seed \(o.seed), L2 \(fixed(o.l2, 3)), "
                                  + "minimum IV \(fixed(o.minimumIV, 3))", role: "muted"))
            out.append(StyledLine("         \(o.fineClasses) fine classes, bins ≥ \(percent(o.minimumBinShare, 0)) of rows; "
                                  + "trained in \(fixed(report.trainingSeconds, 2)) s", role: "muted"))
        } else if let window = card?.window {
            out.append(StyledLine("Training window \(day(window.from)) – \(day(window.to)): \(rowsAndBads(window.rows, window.bads))"))
        }
        return out
    }

    static func discrimination(_ r: ValidationReport) -> [StyledLine] {
        let bench = r.benchmark
        let header = pad("Discrimination (holdout)", 26) + pad("this card", 14, right: true)
            + (bench.map { pad(PlainText.escaped($0.version), 16, right: true) } ?? "")
        func row(_ name: String, _ mine: String, _ theirs: String?, better: Bool? = nil) -> StyledLine {
            var line = StyledLine("  " + pad(name, 24)) + .init(pad(mine, 14, right: true), role: "metrics.figure")
            if let theirs { line = line + .init(pad(theirs, 16, right: true), role: "muted") }
            if let better, bench != nil { line = line + .init(better ? "  ▲ better" : "  ▼ worse", role: better ? "model.better" : "model.mark") }
            return line
        }
        return [
            StyledLine(header, role: "table.header"),
            row("AUC", fixed(r.auc, 3), bench.map { fixed($0.auc, 3) }, better: bench.map { r.auc > $0.auc }),
            row("KS", "\(fixed(r.ks, 3)) @ \(r.ksScore)", bench.map { fixed($0.ks, 3) }, better: bench.map { r.ks > $0.ks }),
            row("Gini", fixed(r.gini, 3), bench.map { fixed(2 * $0.auc - 1, 3) }),
            row("Brier score", fixed(r.brier, 4), nil),
            row("AUC on training rows", fixed(r.trainingAUC, 3), nil),
        ]
    }

    /// The ROC curve in Braille: a square of dots (a cell is 2×4 dots, about twice as tall as wide), the diagonal of
    /// a card that cannot tell goods from bads in its own role beneath the curve.
    static func roc(_ r: ValidationReport, width: Int) -> [StyledLine] {
        let height = 10
        let cells = min(2 * height, max(10, width - 12))
        var curve = BrailleCanvas(width: cells, height: height)
        let points = ([ROCPoint(falsePositiveRate: 0, truePositiveRate: 0)] + r.roc
            + [ROCPoint(falsePositiveRate: 1, truePositiveRate: 1)]).map { (x: $0.falsePositiveRate, y: $0.truePositiveRate) }
        curve.polyline(unitPoints: points)
        var diagonal = BrailleCanvas(width: cells, height: height)
        diagonal.polyline(unitPoints: [(0, 0), (1, 1)])
        var out = [StyledLine("ROC curve (holdout): bads caught (TPR) against goods refused (FPR)",
                              role: "table.header"),
                   StyledLine("  ") + .init("⣿ this card, AUC \(fixed(r.auc, 3))", role: "chart.roc")
                       + .init("   ⠑ chance, AUC 0.5", role: "chart.diagonal")]
        for row in 0..<height {
            let label = row == 0 ? " 1.0 ┤" : row == height - 1 ? " 0.0 ┤" : row == height / 2 ? " TPR │" : "     │"
            var line = StyledLine(label, role: "muted")
            for column in 0..<cells {
                let mine = curve.cellBits(column: column, row: row)
                let chance = diagonal.cellBits(column: column, row: row)
                let ch = mine | chance
                let role = mine != 0 ? "chart.roc" : "chart.diagonal"
                line = line + .init(ch == 0 ? " " : String(BrailleCanvas.character(for: ch)), role: role)
            }
            out.append(line)
        }
        out.append(StyledLine("     └" + String(repeating: "─", count: cells), role: "muted"))
        let axis = "0.0" + String(repeating: " ", count: max(1, cells - 9)) + "FPR 1.0"
        out.append(StyledLine("      " + axis, role: "muted"))
        return out
    }

    /// The holdout's score distribution, bucket by bucket: the share of all goods and the share of all bads in each,
    /// as two bars (█ goods, ▒ bads) so the separation shows in the shapes, with the bucket's bad rate.
    static func histogram(_ r: ValidationReport, width: Int) -> [StyledLine] {
        let goods = r.scoreDistribution.reduce(0) { $0 + $1.goods }
        let bads = r.scoreDistribution.reduce(0) { $0 + $1.bads }
        let shares = r.scoreDistribution.map { (g: share($0.goods, goods), b: share($0.bads, bads)) }
        let top = shares.map { max($0.g, $0.b) }.max() ?? 0
        let bar = max(6, (width - 34) / 2)
        var out = [StyledLine("Score distribution (holdout), share of each class: ", role: "table.header")
                    + .init("█ goods", role: "chart.good") + .init("  ") + .init("▒ bads", role: "chart.bad"),
                   StyledLine("  " + pad("score", 10) + pad("goods", bar + 1) + pad("bads", bar + 1) + "  rows  bad rate", role: "muted")]
        for (bucket, s) in zip(r.scoreDistribution, shares) {
            let rows = bucket.goods + bucket.bads
            out.append(StyledLine("  " + pad("\(bucket.lower)–\(bucket.upper)", 10))
                       + .init(BlockBar.horizontal(s.g, maximum: top, width: bar, padded: true) + " ", role: "chart.good")
                       + .init(BlockBar.horizontal(s.b, maximum: top, width: bar, fill: "▒", padded: true) + " ", role: "chart.bad")
                       + .init(pad(Note.grouped(rows), 6, right: true) + pad(rows == 0 ? "—" : percent(share(bucket.bads, rows), 1), 10, right: true)))
        }
        return out
    }

    /// Predicted against observed bad rate by decile of predicted PD; `!` marks a decile off by more than the
    /// tolerance on enough rows to tell.
    static func calibration(_ r: ValidationReport) -> [StyledLine] {
        var out = [StyledLine("Calibration by decile of predicted PD (holdout)", role: "table.header"),
                   StyledLine("  decile  scores       rows   bads  predicted  observed   diff (pts)", role: "muted")]
        var marked = 0
        for row in r.calibration {
            let diff = (row.predictedBadRate - row.observedBadRate) * 100
            let off = abs(diff) > calibrationTolerance && row.rows >= calibrationMinimumRows
            if off { marked += 1 }
            let text = "  " + pad("\(row.decile)", 6, right: true) + "  " + pad("\(row.minScore)–\(row.maxScore)", 9)
                + pad(Note.grouped(row.rows), 7, right: true) + pad(Note.grouped(row.bads), 7, right: true)
                + pad(percent(row.predictedBadRate, 1), 11, right: true) + pad(percent(row.observedBadRate, 1), 10, right: true)
                + pad(signed(diff, 1), 8, right: true)
            out.append(StyledLine(text) + (off ? .init("  ! > \(fixed(calibrationTolerance, 0)) pts", role: "model.mark") : .init("")))
        }
        out.append(StyledLine(marked == 0
            ? "  every decile with \(calibrationMinimumRows)+ rows is within \(fixed(calibrationTolerance, 0)) points of its observed bad rate"
            : "  \(marked) decile\(marked == 1 ? "" : "s") with \(calibrationMinimumRows)+ rows off by more than \(fixed(calibrationTolerance, 0)) points",
            role: marked == 0 ? "muted" : "model.mark"))
        return out
    }

    static func informationValues(_ r: ValidationReport, width: Int) -> [StyledLine] {
        let top = r.characteristics.map(\.informationValue).max() ?? 0
        var out = [StyledLine("Information value (selection at IV ≥ \(fixed(r.options.minimumIV, 3)))", role: "table.header"),
                   StyledLine("  " + pad("characteristic", 30) + "    IV   " + pad("", 12) + "  selected", role: "muted")]
        for c in r.characteristics.sorted(by: { $0.informationValue > $1.informationValue }) {
            let why = c.selected ? "yes" + (c.coefficient.map { ", coefficient \(fixed($0, 3))" } ?? "")
                : "no — " + PlainText.escaped(c.note ?? "not selected")
            out.append(StyledLine("  " + pad(PlainText.escaped(c.name), 30) + pad(fixed(c.informationValue, 3), 6, right: true) + "   ")
                       + .init(BlockBar.horizontal(c.informationValue, maximum: top, width: 12, padded: true), role: "chart.good")
                       + .init("  " + why, role: c.selected ? nil : "muted"))
        }
        return out
    }

    static func bins(_ c: CharacteristicReport) -> [StyledLine] {
        var out = [StyledLine("\(PlainText.escaped(c.name)) [\(c.feature)] · IV \(fixed(c.informationValue, 3)) · "
                              + (c.selected ? "selected" : "not selected"), role: "table.header"),
                   StyledLine("  " + pad("bin", 24) + "  count  bad rate     WOE  points", role: "muted")]
        for bin in c.bins {
            out.append(StyledLine("  " + pad(PlainText.escaped(bin.label), 24) + pad(Note.grouped(bin.count), 7, right: true)
                                  + pad(percent(bin.badRate, 1), 10, right: true) + pad(signed(bin.woe, 3), 8, right: true)
                                  + pad(bin.points.map(String.init) ?? "—", 8, right: true)))
        }
        return out
    }

    /// A card's bins without a report (the hand-written default): points, and counts where the card keeps them.
    static func cardBins(_ c: Characteristic) -> [StyledLine] {
        var out = [StyledLine("\(PlainText.escaped(c.name)) [\(c.feature)]", role: "table.header"),
                   StyledLine("  " + pad("bin", 24) + "  count  bad rate     WOE  points", role: "muted")]
        for bin in c.bins {
            var rate: String?
            if let n = bin.count, let b = bin.bads { rate = n == 0 ? "—" : percent(share(b, n), 1) }
            out.append(StyledLine("  " + pad(PlainText.escaped(bin.label), 24) + pad(bin.count.map(Note.grouped) ?? "—", 7, right: true)
                                  + pad(rate ?? "—", 10, right: true) + pad(bin.woe.map { signed($0, 3) } ?? "—", 8, right: true)
                                  + pad(String(bin.points), 8, right: true)))
        }
        return out
    }

    // MARK: - Figures

    static func fixed(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "—"
    }

    static func signed(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%+.\(digits)f", value) : "—"
    }

    static func percent(_ value: Double, _ digits: Int) -> String { value.isFinite ? fixed(value * 100, digits) + "%" : "—" }

    static func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

    static func rowsAndBads(_ rows: Int, _ bads: Int) -> String {
        "\(Note.grouped(rows)) rows, \(Note.grouped(bads)) bads (\(percent(share(bads, rows), 1)))"
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        DisplayWidth.pad(DisplayWidth.of(text) > width ? DisplayWidth.truncate(text, to: width) : text, to: width,
                         alignment: right ? .right : .left)
    }

    static func timestamp(_ date: Date) -> String { format(date, "yyyy-MM-dd HH:mm") + " UTC" }
    static func day(_ date: Date) -> String { format(date, "yyyy-MM-dd") }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
