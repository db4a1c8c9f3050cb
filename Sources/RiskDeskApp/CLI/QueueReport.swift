import Foundation
import RiskCore
import RiskStore

/// The manual-review queue as a table or as JSON lines, for `riskdesk queue`.
public enum QueueReport {
    public static func table(_ rows: [QueueRow], now: Date) -> String {
        var table = TextTable(columns: [
            .init("ID"), .init("CUSTOMER", maxWidth: 22), .init("LINE", .right), .init("LEV", .right), .init("PD", .right),
            .init("GRADE"), .init("STAGE"), .init("FLAGS", maxWidth: 24), .init("SLA", .right), .init("CLAIMED"),
        ])
        for row in rows {
            let app = row.application
            table.append([
                app.id, row.customerName, app.requestedLine.formattedWhole, app.requestedLeverage.text,
                app.probabilityOfDefault.map { String(format: "%.2f%%", $0 * 100) } ?? "—",
                app.grade?.rawValue ?? "—", app.stage.label, app.flags.map(\.code).joined(separator: ","),
                Durations.short(app.slaRemaining(at: now)), app.claimHolder(at: now) ?? "",
            ])
        }
        return table.render()
    }

    public static func jsonLines(_ rows: [QueueRow], now: Date) -> String {
        rows.map { row in
            let app = row.application
            var object: [String: Any] = [
                "id": app.id, "customer_id": app.customerID, "customer": row.customerName, "stage": app.stage.rawValue,
                "line_fen": app.requestedLine.fen, "line": app.requestedLine.formatted, "leverage": app.requestedLeverage.value,
                "flags": app.flags.map(\.code), "sla_due": Durations.isoTimestamp(app.slaDue),
                "sla_seconds_left": Int(app.slaRemaining(at: now)), "version": app.version, "cursor": row.priorityKey,
            ]
            if let pd = app.probabilityOfDefault { object["pd"] = pd }
            if let grade = app.grade { object["grade"] = grade.rawValue }
            if let score = app.score { object["score"] = score }
            if let rate = app.quotedRate { object["rate_bp"] = rate.value }
            if let holder = app.claimHolder(at: now) { object["claimed_by"] = holder }
            return JSON.line(object)
        }.joined(separator: "\n")
    }
}

/// Compact, key-sorted JSON for JSON-lines output.
public enum JSON {
    /// JSON escapes C0 controls itself; DEL, C1 controls and bidirectional overrides are legal raw in JSON but
    /// act on a terminal, so they are written as `\uXXXX` too (the decoded text is unchanged).
    public static func line(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Characters outside JSON's own escaping that a terminal would act on (all are below U+FFFF).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}
