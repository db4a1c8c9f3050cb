import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The read-only `:settings` view: every desk setting with its value, default and description.
/// Settings change only through `riskdesk settings set` (a supervisor, with a reason); the console does not edit them.
public struct SettingsOverlay: Hashable, Sendable {
    public var entries: [SettingEntry]
    /// The first line shown; clamped when drawing and scrolling.
    public var offset = 0

    public init(entries: [SettingEntry], offset: Int = 0) {
        self.entries = entries
        self.offset = offset
    }

    public static let title = "Settings (read-only)"
    public static let changeHint = "change with: riskdesk settings set --db PATH KEY VALUE --reason TEXT (supervisors)"

    /// The overlay's text, grouped by the part of the desk a setting belongs to.
    public var sections: [HelpOverlay.Section] {
        let groups: [(prefix: String, title: String)] = [
            ("policy.", "Approval and screening"), ("alert.", "Alerts"), ("margin.", "New contracts"),
        ]
        var sections = [HelpOverlay.Section(title: Self.changeHint, entries: [])]
        for group in groups {
            let rows = entries.filter { $0.key.hasPrefix(group.prefix) }
            guard !rows.isEmpty else { continue }
            sections.append(HelpOverlay.Section(title: group.title, entries: rows.map { ($0.key, Self.line(for: $0)) }))
        }
        return sections
    }

    /// "¥800,000 (default ¥1,000,000, zhao.min) — approvals above this line need a second approver (four eyes)".
    static func line(for entry: SettingEntry) -> String {
        let definition = entry.definition
        let value = SettingsReport.valueText(entry)
        let defaultText = definition.defaultValue.text(definition.kind)
        let origin = entry.isStored && entry.value != definition.defaultValue
            ? "default \(defaultText), set by \(entry.changedBy ?? "?")" : "default"
        return PlainText.escaped("\(value) (\(origin)) — \(definition.summary)")
    }

    func overlay(title: String) -> HelpOverlay {
        HelpOverlay(title: title, sections: sections, offset: offset, hint: "↑↓ scroll · Esc close")
    }
}

extension AppState {
    /// Keys while the settings view is open: scroll, or close with Esc, q or Enter.
    mutating func handleSettingsOverlay(_ key: Key) -> [Effect] {
        guard var view = settingsOverlay else { return [] }
        let maxOffset = view.overlay(title: SettingsOverlay.title).maxOffset(in: Rect(size: size).inset(by: 1))
        switch key {
        case .escape, .character("q"), .enter: settingsOverlay = nil; return []
        case .character("j"), .down: view.offset = min(view.offset + 1, maxOffset)
        case .character("k"), .up: view.offset = max(0, view.offset - 1)
        case .pageDown: view.offset = min(view.offset + 10, maxOffset)
        case .pageUp: view.offset = max(0, view.offset - 10)
        case .character("g"): view.offset = 0
        case .character("G"): view.offset = maxOffset
        case .control("c"): shouldQuit = true
        default: break
        }
        settingsOverlay = view
        return []
    }
}
