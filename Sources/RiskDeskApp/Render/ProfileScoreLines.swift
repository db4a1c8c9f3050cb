import Foundation
import RiskCore
import RiskStore

/// The profile's score section, from stored figures only: the default_12m score the queue and price were worked out
/// from ("Score 585 · PD 3.10% · grade C · sc-2026.1") with its reasons, the margin-call champion's score
/// ("Margin call 30d 12.0% · grade E · sc-…") with its reasons, and each challenger's shadow score, dimmed.
enum ProfileScoreLines {
    typealias Span = ProfilePaneView.Span

    static func lines(_ d: ApplicationDetail) -> [[Span]] {
        var out: [[Span]] = []
        let grade = d.score.grade.rawValue
        let version = d.scoreVersion.map { " · \($0)" } ?? ""
        out.append([Span(text: "Score \(d.score.points) · PD \(percent(d.score.probabilityOfDefault)) · grade ", role: "table.header"),
                    Span(text: grade, role: "grade.\(grade)"), Span(text: version, role: "table.header")])
        out.append(contentsOf: reasonLines(d.score.reasons, role: "pane"))
        let primary = ModelTarget.default12m.code
        for row in d.modelScores where !row.isShadow && row.target != primary {
            let g = row.grade.rawValue
            out.append([Span(text: "\(targetName(row.target)) \(percent(row.probabilityOfDefault)) · grade ", role: "table.header"),
                        Span(text: g, role: "grade.\(g)"), Span(text: " · \(row.version)", role: "table.header")])
            out.append(contentsOf: reasonLines(row.reasons, role: "pane"))
        }
        for row in d.modelScores where row.isShadow {
            out.append([Span(text: "  shadow \(row.version) (\(targetName(row.target))): \(row.points) · PD \(percent(row.probabilityOfDefault)) · grade \(row.grade.rawValue)",
                             role: "muted")])
            out.append(contentsOf: reasonLines(Array(row.reasons.prefix(2)), role: "muted"))
        }
        return out
    }

    static func targetName(_ code: String) -> String {
        switch code {
        case ModelTarget.default12m.code: "PD 12m"
        case ModelTarget.marginCall30d.code: "Margin call 30d"
        default: code
        }
    }

    static func percent(_ p: Double) -> String {
        p < 0.1 ? String(format: "%.2f%%", p * 100) : String(format: "%.1f%%", p * 100)
    }

    private static func reasonLines(_ reasons: [ScoreReason], role: String) -> [[Span]] {
        reasons.map { reason in
            [Span(text: String(format: "%4d ", -reason.pointsLost), role: role == "pane" ? "severity.warning" : role),
             Span(text: reason.text, role: role)]
        }
    }
}
