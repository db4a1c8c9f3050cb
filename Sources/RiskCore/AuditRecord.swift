import Foundation

/// What an audit entry records before the store stamps it with a time and chains its hash.
public struct AuditRecord: Hashable, Sendable, Codable {
    public var actor: String
    public var action: String
    /// `application:APP-000123`, `alert:17`, `setting:pricing.floor_bp`.
    public var subject: String
    public var before: [String: String]
    public var after: [String: String]
    public var reason: String

    public init(actor: String, action: String, subject: String, before: [String: String] = [:],
                after: [String: String] = [:], reason: String = "") {
        self.actor = actor
        self.action = action
        self.subject = subject
        self.before = before
        self.after = after
        self.reason = reason
    }

    /// The canonical encoding that the hash chain covers: fixed field order, sorted keys, escaped separators.
    public func canonicalEncoding(sequence: Int64, timestamp: String) -> String {
        [String(sequence), timestamp, actor, action, subject,
         AuditRecord.canonical(before), AuditRecord.canonical(after), reason]
            .map(AuditRecord.escape).joined(separator: "|")
    }

    /// `{a=1;b=2}` with keys sorted, values escaped.
    public static func canonical(_ fields: [String: String]) -> String {
        "{" + fields.keys.sorted().map { "\(escape($0))=\(escape(fields[$0] ?? ""))" }.joined(separator: ";") + "}"
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case ";": out += "\\;"
            case "=": out += "\\="
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }
}
