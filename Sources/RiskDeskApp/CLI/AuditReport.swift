import Foundation
import RiskCore
import RiskStore

/// Audit entries as text or JSON lines, for `riskdesk audit tail`.
public enum AuditReport {
    public static func text(_ entries: [AuditEntry]) -> String {
        entries.map { e in
            var line = "#\(e.sequence)  \(e.timestamp)  \(e.record.actor)  \(e.record.action)  \(e.record.subject)"
            if !e.record.before.isEmpty || !e.record.after.isEmpty {
                line += "  \(AuditRecord.canonical(e.record.before)) → \(AuditRecord.canonical(e.record.after))"
            }
            if !e.record.reason.isEmpty { line += "  \"\(e.record.reason)\"" }
            return line + "  \(e.hash.prefix(12))"
        }.joined(separator: "\n")
    }

    public static func jsonLines(_ entries: [AuditEntry]) -> String {
        entries.map { e in
            JSON.line(["seq": e.sequence, "at": e.timestamp, "actor": e.record.actor, "action": e.record.action,
                       "subject": e.record.subject, "before": e.record.before, "after": e.record.after,
                       "reason": e.record.reason, "prev_hash": e.previousHash, "hash": e.hash])
        }.joined(separator: "\n")
    }
}
