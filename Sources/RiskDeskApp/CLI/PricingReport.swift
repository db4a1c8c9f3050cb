import Foundation
import RiskCore
import RiskStore

/// The pricing parameters, a change's preview and the change history as text, for `riskdesk pricing`.
public enum PricingReport {
    /// Every parameter with its value, unit, range, aliases and what it does, then the version.
    public static func parameters(_ parameters: PricingParameters, version: Int) -> String {
        var table = TextTable(columns: [.init("PARAMETER"), .init("VALUE", .right), .init("UNIT"), .init("RANGE"),
                                        .init("ALIASES"), .init("WHAT IT DOES")])
        let fields = parameters.fields
        for info in PricingParameterCatalog.all {
            table.append([info.name, fields[info.name] ?? "?", info.unit, info.rangeText, info.aliases.joined(separator: ", "), info.summary])
        }
        return table.render() + "\npricing version \(version); change with: riskdesk pricing set --db PATH NAME VALUE --reason TEXT (supervisors)"
    }

    /// The grade × band cells that move and the pending quotes that would change, for a person to confirm.
    public static func preview(_ preview: PricingChangePreview, pricingVersion: Int) -> String {
        var lines = ["\(preview.changeText) (pricing version \(pricingVersion) → \(pricingVersion + 1))"]
        if preview.changedCells.isEmpty {
            lines.append("pricing table: no cell changes")
        } else {
            lines.append("pricing table: \(preview.changedCells.count) of \(Grade.allCases.count * preview.bandLabels.count) cells change")
            var table = TextTable(columns: [.init("GRADE")] + preview.bandLabels.map { .init($0, .right) })
            for (row, grade) in Grade.allCases.enumerated() {
                table.append([grade.rawValue.uppercased()] + preview.bandLabels.indices.map { column in
                    let old = preview.oldTable[row][column], new = preview.newTable[row][column]
                    return old == new ? old.percentText : "\(old.percentText) → \(new.percentText)"
                })
            }
            lines.append(table.render())
        }
        lines.append(preview.quotesText)
        for (title, moves) in [("largest rises", preview.largestUp), ("largest falls", preview.largestDown)] where !moves.isEmpty {
            lines.append("  \(title): " + moves.map { "\($0.text) (\($0.delta.signedText))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// The history as a table, newest first.
    public static func history(_ entries: [PricingHistoryEntry]) -> String {
        guard !entries.isEmpty else { return "no pricing changes recorded" }
        var table = TextTable(columns: [.init("WHEN"), .init("WHO"), .init("PARAMETER"), .init("OLD", .right), .init("NEW", .right),
                                        .init("VERSION", .right), .init("REPRICED", .right), .init("REASON", maxWidth: 60)])
        for entry in entries {
            table.append([entry.timestamp, entry.actor, entry.parameter, entry.oldValue, entry.newValue,
                          entry.pricingVersion.map(String.init) ?? "?", entry.repricedQuotes.map(String.init) ?? "—", entry.reason])
        }
        return table.render()
    }

    /// One JSON object per change: seq, at, actor, login, parameter, old, new, pricing_version, repriced_quotes, reason.
    public static func historyJSONLines(_ entries: [PricingHistoryEntry]) -> String {
        entries.map { entry in
            var object: [String: Any] = ["seq": entry.sequence, "at": entry.timestamp, "actor": entry.actor, "login": entry.login,
                                         "parameter": entry.parameter, "old": entry.oldValue, "new": entry.newValue, "reason": entry.reason]
            object["pricing_version"] = entry.pricingVersion ?? NSNull()
            object["repriced_quotes"] = entry.repricedQuotes ?? NSNull()
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n")
    }
}
