import Foundation
import RiskCore
import RiskStore

/// The text and JSON of `riskdesk model list` and `model show`.
public enum ModelRegistryReport {
    /// One line per version: version, target, status, trained, AUC, KS, and its pending proposal if any.
    public static func list(_ versions: [ModelVersionSummary], proposals: [ModelProposal]) -> String {
        let pending = Dictionary(proposals.filter { $0.state == .pending }.map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
        var lines = [pad("VERSION", 16) + pad("TARGET", 17) + pad("STATUS", 11) + pad("TRAINED", 11) + pad("AUC", 7)
                     + pad("KS", 7) + "PENDING"]
        for v in versions {
            var pendingText = ""
            if let p = pending[v.version] {
                pendingText = "#\(p.id) \(p.kind.rawValue) by \(p.proposedBy)" + (p.replaces.map { " (replaces \($0))" } ?? "")
            }
            lines.append(pad(v.version, 16) + pad(v.target, 17) + pad(v.status.rawValue, 11)
                         + pad(v.trainedAt.map(Durations.isoDay) ?? "—", 11) + pad(v.auc.map { String(format: "%.3f", $0) } ?? "—", 7)
                         + pad(v.ks.map { String(format: "%.3f", $0) } ?? "—", 7) + pendingText)
        }
        if versions.isEmpty { lines.append("no model versions") }
        return lines.joined(separator: "\n")
    }

    struct ListEntry: Codable {
        var version: String
        var target: String
        var status: String
        var description: String
        var trainedAt: String?
        var promotedAt: String?
        var retiredAt: String?
        var auc: Double?
        var ks: Double?
        var hasCard: Bool
        var pendingProposal: ProposalEntry?
    }

    struct ProposalEntry: Codable {
        var id: Int64
        var kind: String
        var proposedBy: String
        var replaces: String?
        var reason: String
    }

    public static func listJSON(_ versions: [ModelVersionSummary], proposals: [ModelProposal]) -> String {
        let pending = Dictionary(proposals.filter { $0.state == .pending }.map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
        let entries = versions.map { v in
            ListEntry(version: v.version, target: v.target, status: v.status.rawValue, description: v.description,
                      trainedAt: v.trainedAt.map(Durations.isoTimestamp), promotedAt: v.promotedAt.map(Durations.isoTimestamp),
                      retiredAt: v.retiredAt.map(Durations.isoTimestamp), auc: v.auc, ks: v.ks, hasCard: v.hasCard,
                      pendingProposal: pending[v.version].map {
                          ProposalEntry(id: $0.id, kind: $0.kind.rawValue, proposedBy: $0.proposedBy, replaces: $0.replaces, reason: $0.reason)
                      })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The card: status, target, scaling, window, hash check, then each characteristic's bins with WOE and points.
    public static func show(_ model: StoredModel) -> String {
        let s = model.summary
        var lines = ["\(s.version) · \(s.target) · \(s.status.rawValue) · \(s.description)"]
        lines.append("  created \(Durations.isoTimestamp(s.createdAt))"
                     + (s.trainedAt.map { " · trained \(Durations.isoTimestamp($0))" } ?? "")
                     + (s.promotedAt.map { " · promoted \(Durations.isoTimestamp($0))" } ?? "")
                     + (s.retiredAt.map { " · retired \(Durations.isoTimestamp($0))" } ?? ""))
        guard let card = model.card else {
            lines.append("  no card stored (a version from before cards were data)")
            return lines.joined(separator: "\n")
        }
        let content = card.contentVersion
        let hash = card.hasContentVersion
            ? (content == card.version ? "content hash \(content) matches" : "content hash \(content) DOES NOT match")
            : "hand-written card (content hash \(content))"
        lines.append("  target: \(card.target.description)")
        lines.append(String(format: "  scaling: %.0f points at %.0f:1, %.0f points to double the odds (factor %.2f, offset %.2f)",
                            card.scaling.anchorPoints, card.scaling.anchorOdds, card.scaling.pointsToDoubleOdds, card.factor, card.offset))
        lines.append("  base points \(card.basePoints)" + (card.intercept.map { String(format: " · intercept %.4f", $0) } ?? ""))
        if let w = card.window {
            lines.append("  window: \(Durations.isoDay(w.from)) – \(Durations.isoDay(w.to)), \(w.rows) rows, \(w.bads) bads")
        }
        lines.append("  \(hash)")
        let unknown = FeatureCatalog.unknownFeatures(of: card)
        if !unknown.isEmpty { lines.append("  reads features the desk does not know: \(unknown.joined(separator: ", ")) (report only)") }
        for c in card.characteristics {
            lines.append("")
            lines.append("\(c.code) \(c.name) (\(c.feature), \(c.kind.rawValue))"
                         + (c.coefficient.map { String(format: " · coefficient %.4f", $0) } ?? ""))
            lines.append("  " + pad("BIN", 22) + pad("WOE", 9) + pad("POINTS", 8) + pad("ROWS", 8) + "BADS")
            for b in c.bins {
                lines.append("  " + pad(b.label, 22) + pad(b.woe.map { String(format: "%+.3f", $0) } ?? "—", 9)
                             + pad(String(b.points), 8) + pad(b.count.map(String.init) ?? "—", 8) + (b.bads.map(String.init) ?? "—"))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// "approved #3: sc-… is champion of default_12m (was sc-2026.1); 41 pending applications re-scored, 38 re-priced in 0.05 s".
    public static func switched(_ result: ModelSwitchResult, proposal: Int64) -> String {
        "approved #\(proposal): \(result.to) is champion of \(result.target) (was \(result.from ?? "none")); "
            + "\(result.rescored) pending application\(result.rescored == 1 ? "" : "s") re-scored, \(result.repriced) re-priced "
            + String(format: "in %.2f s", result.seconds)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
