import Foundation
import RiskCore
import RiskStore

/// The desk settings as a table or as JSON lines, for `riskdesk settings`.
public enum SettingsReport {
    /// "¥1,000,000", or for a corrupt stored value "corrupt: '1e308'".
    public static func valueText(_ entry: SettingEntry) -> String {
        if let value = entry.value { return value.text(entry.definition.kind) }
        return "corrupt: '\(entry.storedText ?? "")'"
    }

    /// "zhao.min 2026-11-28 07:12Z", or "default" when nothing is stored.
    public static func changedText(_ entry: SettingEntry) -> String {
        guard entry.isStored else { return "default" }
        let by = entry.changedBy ?? "?"
        guard let at = entry.changedAt else { return by }
        return "\(by) \(timestamp(at))"
    }

    public static func table(_ entries: [SettingEntry]) -> String {
        var table = TextTable(columns: [.init("KEY"), .init("VALUE", .right), .init("DEFAULT", .right), .init("RANGE"),
                                        .init("CHANGED"), .init("DESCRIPTION")])
        for entry in entries {
            let definition = entry.definition
            table.append([entry.key, valueText(entry), definition.defaultValue.text(definition.kind),
                          definition.range.text(definition.kind), changedText(entry), definition.summary])
        }
        return table.render()
    }

    /// One JSON object per setting: key, kind, value (stored text in force), value_text, default, range, description,
    /// stored, changed_by, changed_at, and problem for a corrupt stored value.
    public static func jsonLines(_ entries: [SettingEntry]) -> String {
        entries.map { entry in
            let definition = entry.definition
            var object: [String: Any] = [
                "key": entry.key, "kind": definition.kind.rawValue,
                "value": entry.value?.storedText ?? (entry.storedText ?? ""), "value_text": valueText(entry),
                "default": definition.defaultValue.storedText, "range": definition.range.text(definition.kind),
                "description": definition.summary, "stored": entry.isStored,
            ]
            if let by = entry.changedBy { object["changed_by"] = by }
            if let at = entry.changedAt { object["changed_at"] = timestamp(at) }
            if let problem = entry.problem { object["problem"] = problem.description }
            return JSON.line(object)
        }.joined(separator: "\n")
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
