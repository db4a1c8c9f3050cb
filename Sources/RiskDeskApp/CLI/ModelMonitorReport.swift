import Foundation
import RiskCore
import RiskStore

/// `riskdesk model monitor` output: per card, the PSI against its training deciles and its level, the recent
/// population it was taken over, CSI per characteristic largest first (those at or above 0.10 marked), and the AUC
/// on loans matured since training; or one JSON object.
public enum ModelMonitorReport {
    public static func table(_ details: [ModelMonitoringDetail], policy: ModelMonitoringPolicy) -> String {
        guard !details.isEmpty else { return "no champion or challenger to monitor" }
        return details.map { block($0, policy: policy) }.joined(separator: "\n\n")
    }

    static func block(_ d: ModelMonitoringDetail, policy: ModelMonitoringPolicy) -> String {
        let r = d.reading
        var lines = ["\(d.stored.version)  \(d.status.rawValue)  \(d.target)  at \(timestamp(d.stored.at))"]
        let scope = "\(r.recent) recent score\(r.recent == 1 ? "" : "s") since \(day(d.windowStart)) "
            + "(\(policy.windowDays)-day window, at most \(d.maximumRecent))"
        if let psi = r.psi, let level = r.level {
            lines.append(String(format: "  PSI %.3f  %@  over %@", psi, levelText(level, critical: policy.psiCritical), scope))
        } else if let psi = r.psi {
            lines.append(String(format: "  PSI %.3f  not judged: fewer than %d scores  over %@", psi, ModelMonitoring.minimumRecent, scope))
        } else if d.distributionSource == .none {
            lines.append("  PSI —  the version has no training distribution to compare with")
        } else {
            lines.append("  PSI —  no scores in the window: \(scope)")
        }
        lines.append("  bins: " + (d.distributionSource == .card ? "the card's training score deciles"
                                   : d.distributionSource == .trainingScores ? "deciles of the version's stored training scores"
                                   : "none"))
        if !d.hasCard {
            lines.append("  CSI —  no card stored for this version")
        } else if r.csi.isEmpty {
            lines.append(d.hasCSI ? "  CSI —  no recent applications"
                                  : "  CSI —  the card's bins carry no training counts (a hand-written card): no CSI")
        } else {
            lines.append("  CSI by characteristic (≥ \(String(format: "%.2f", ModelMonitoring.csiMarked)) marked ▲):")
            var table = TextTable(columns: [.init("  characteristic"), .init("CSI", .right), .init("")])
            for (feature, csi) in r.csiBySize {
                table.append(["  " + (FeatureCatalog.entry(feature)?.name ?? feature), String(format: "%.3f", csi),
                              csi >= ModelMonitoring.csiMarked ? "▲" : ""])
            }
            lines.append(table.render())
        }
        let after = d.maturedAfter.map { "applied after the training window (\(day($0)))" } ?? "in the whole history (the card trained on none of it)"
        if !d.hasCard {
            lines.append("  matured: — no card stored to score the loan history with")
        } else if r.matured == 0 {
            lines.append("  matured: no loan \(after) has a matured outcome for \(d.target)")
        } else {
            let auc = r.maturedAUC.map { String(format: "AUC %.3f", $0) } ?? "AUC — (needs a good and a bad)"
            lines.append("  matured: \(r.matured) loan\(r.matured == 1 ? "" : "s") \(after), \(r.maturedBads) bad: \(auc)")
        }
        return lines.joined(separator: "\n")
    }

    static func levelText(_ level: PSI.Level, critical: Double) -> String {
        switch level {
        case .stable: "stable (< 0.10)"
        case .watch: String(format: "WATCH (0.10–%.2f)", critical)
        case .critical: String(format: "CRITICAL (> %.2f): drift", critical)
        }
    }

    /// `{"window_days", "max_recent", "psi_critical", "readings": [{version, status, target, at, window_start, recent,
    /// psi, level, bins, csi: {feature: value}, csi_marked: [feature…], matured, matured_bads, matured_auc,
    /// matured_after}]}`; an absent figure is `null`. Keys sorted.
    public static func json(_ details: [ModelMonitoringDetail], policy: ModelMonitoringPolicy) -> String {
        let readings: [[String: Any]] = details.map { d in
            let r = d.reading
            return [
                "version": d.stored.version, "status": d.status.rawValue, "target": d.target,
                "at": timestamp(d.stored.at), "window_start": timestamp(d.windowStart), "recent": r.recent,
                "psi": number(r.psi), "level": r.level?.rawValue ?? NSNull(), "bins": d.distributionSource.rawValue,
                "csi": r.csi.mapValues { number($0) },
                "csi_marked": r.csiBySize.filter { $0.csi >= ModelMonitoring.csiMarked }.map(\.feature),
                "matured": r.matured, "matured_bads": r.maturedBads, "matured_auc": number(r.maturedAUC),
                "matured_after": d.maturedAfter.map(timestamp) ?? NSNull(),
            ]
        }
        let object: [String: Any] = ["window_days": policy.windowDays, "max_recent": policy.maximumRecent,
                                     "psi_critical": policy.psiCritical, "readings": readings]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    private static func number(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return (value * 1_000_000).rounded() / 1_000_000
    }

    static func timestamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
