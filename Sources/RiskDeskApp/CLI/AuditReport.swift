import Foundation
import RiskCore
import RiskStore

/// Audit entries as text or JSON lines, for `riskdesk audit tail`.
public enum AuditReport {
    /// One line per entry. Text that came from people is escaped (`PlainText`), so a note cannot clear the
    /// reader's terminal or forge a line; before/after show as `{key=value; …}`.
    public static func text(_ entries: [AuditEntry]) -> String {
        entries.map { e in
            let who = e.record.login.isEmpty ? e.record.actor : "\(e.record.actor) (login \(e.record.login))"
            var line = "#\(e.sequence)  \(e.timestamp)  \(who)  \(e.record.action)  \(e.record.subject)"
            if !e.record.before.isEmpty || !e.record.after.isEmpty {
                line += "  \(fields(e.record.before)) → \(fields(e.record.after))"
            }
            if !e.record.reason.isEmpty { line += "  \"\(e.record.reason)\"" }
            return PlainText.escaped(line) + "  \(e.hash.prefix(12))"
        }.joined(separator: "\n")
    }

    static func fields(_ map: [String: String]) -> String {
        "{" + map.keys.sorted().map { "\($0)=\(map[$0] ?? "")" }.joined(separator: "; ") + "}"
    }

    public static func jsonLines(_ entries: [AuditEntry]) -> String {
        entries.map { e in
            JSON.line(["seq": e.sequence, "at": e.timestamp, "actor": e.record.actor, "login": e.record.login,
                       "action": e.record.action, "subject": e.record.subject, "before": e.record.before,
                       "after": e.record.after, "reason": e.record.reason, "encoding": e.encoding.rawValue,
                       "prev_hash": e.previousHash, "hash": e.hash])
        }.joined(separator: "\n")
    }
}
