import Foundation
import RiskCore
import RiskStore

/// Alerts as a table or as JSON lines, for `riskdesk alerts`.
public enum AlertReport {
    public static func table(_ alerts: [StoredAlert], now: Date) -> String {
        var table = TextTable(columns: [
            .init("ID", .right), .init("SEV"), .init("STATE"), .init("AGE", .right), .init("SUBJECT", maxWidth: 24),
            .init("RULE"), .init("ASSIGNEE"), .init("MESSAGE", maxWidth: 60),
        ])
        for alert in alerts {
            table.append([
                String(alert.id), alert.severity.tag, stateText(alert, now: now), Durations.age(since: alert.openedAt, now: now),
                alert.subject, alert.rule, alert.assignee ?? "", alert.message,
            ])
        }
        return table.render()
    }

    /// `acknowledged`, `snoozed 3h`, `open (snooze expired)`.
    static func stateText(_ alert: StoredAlert, now: Date) -> String {
        let effective = alert.effectiveState(at: now)
        if effective != alert.state { return "open (snooze expired)" }
        if alert.state == .snoozed, let until = alert.snoozedUntil { return "snoozed " + Durations.short(until.timeIntervalSince(now)) }
        return alert.state.rawValue
    }

    public static func jsonLines(_ alerts: [StoredAlert], now: Date) -> String {
        alerts.map { alert in
            var object: [String: Any] = [
                "id": alert.id, "rule": alert.rule, "severity": alert.severity.rawValue, "subject": alert.subject,
                "message": alert.message, "state": alert.effectiveState(at: now).rawValue, "stored_state": alert.state.rawValue,
                "opened_at": Durations.isoTimestamp(alert.openedAt), "version": alert.version,
            ]
            let optional: [(String, String?)] = [
                ("acknowledged_by", alert.acknowledgedBy), ("assignee", alert.assignee), ("assigned_by", alert.assignedBy),
                ("escalated_by", alert.escalatedBy), ("escalation_reason", alert.escalationReason), ("snoozed_by", alert.snoozedBy),
                ("snoozed_until", alert.snoozedUntil.map(Durations.isoTimestamp)), ("resolved_by", alert.resolvedBy),
                ("resolved_at", alert.resolvedAt.map(Durations.isoTimestamp)), ("disposition", alert.disposition),
                ("resolution_note", alert.resolutionNote),
            ]
            for (key, value) in optional { if let value { object[key] = value } }
            return JSON.line(object)
        }.joined(separator: "\n")
    }

    /// One line saying what a step left: `alert 12: acknowledged by wang.fang (version 2)`.
    public static func summary(_ alert: StoredAlert, step: String) -> String {
        var text = "alert \(alert.id): \(step) → \(alert.state.rawValue)"
        switch alert.state {
        case .resolved: text += " as \(alert.disposition ?? "?") by \(alert.resolvedBy ?? "?")"
        case .snoozed: text += alert.snoozedUntil.map { " until \(Durations.isoTimestamp($0))" } ?? ""
        case .escalated: text += " by \(alert.escalatedBy ?? "?")"
        default: break
        }
        if let assignee = alert.assignee { text += "; assigned to \(assignee)" }
        return text + " (version \(alert.version))"
    }
}
