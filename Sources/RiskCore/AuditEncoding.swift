import Foundation

/// How an audit entry is turned into the text its hash covers. Each stored entry records its encoding.
///
/// - Version 1 (entries written before schema v2): fields joined by `|`, maps as `{k=v;…}`, separators escaped
///   with a backslash. It escaped by grapheme cluster, so a separator followed by a combining mark slipped
///   through unescaped and two different entries could encode alike. Kept only to verify old entries.
/// - Version 2: the tag `riskdesk.audit.v2` and a newline, then every field as `<UTF-8 byte count>:<bytes>`
///   and every map as `<pair count>#` followed by its keys and values the same way, keys in UTF-8 byte order.
///   Nothing is escaped, so any text, with any combining marks or separators, has exactly one encoding. The
///   tag starts with a letter while a version-1 encoding starts with the sequence number, so no v2 text
///   is ever a valid v1 text: relabelling a v2 entry as v1 cannot keep its hash.
public enum AuditEncoding: Int, Hashable, Sendable, Codable, CaseIterable {
    case v1 = 1
    case v2 = 2

    /// The encoding new entries are written with.
    public static let current: AuditEncoding = .v2

    static let version2Tag = "riskdesk.audit.v2\n"

    static func version2(_ record: AuditRecord, sequence: Int64, timestamp: String) -> String {
        var out = version2Tag
        for field in [String(sequence), timestamp, record.login, record.actor, record.action, record.subject] {
            appendLengthPrefixed(field, to: &out)
        }
        appendMap(record.before, to: &out)
        appendMap(record.after, to: &out)
        appendLengthPrefixed(record.reason, to: &out)
        return out
    }

    private static func appendLengthPrefixed(_ text: String, to out: inout String) {
        out += String(text.utf8.count)
        out += ":"
        out += text
    }

    private static func appendMap(_ fields: [String: String], to out: inout String) {
        out += String(fields.count)
        out += "#"
        let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for key in keys {
            appendLengthPrefixed(key, to: &out)
            appendLengthPrefixed(fields[key] ?? "", to: &out)
        }
    }

    static func version1(_ record: AuditRecord, sequence: Int64, timestamp: String) -> String {
        [String(sequence), timestamp, record.actor, record.action, record.subject,
         version1Fields(record.before), version1Fields(record.after), record.reason]
            .map(version1Escape).joined(separator: "|")
    }

    static func version1Fields(_ fields: [String: String]) -> String {
        "{" + fields.keys.sorted().map { "\(version1Escape($0))=\(version1Escape(fields[$0] ?? ""))" }.joined(separator: ";") + "}"
    }

    /// Version 1's escaping, unchanged (by `Character`, which is what made it ambiguous): old hashes depend on it.
    private static func version1Escape(_ text: String) -> String {
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
