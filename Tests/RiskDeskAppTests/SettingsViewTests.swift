import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// `:settings` shows every desk setting read-only (issue 6 §6).
@Suite("console: settings view", .serialized)
struct SettingsViewTests {
    @Test(":settings opens a read-only view of every setting with value, default and description; Esc closes it")
    func showsSettings() throws {
        let desk = try DeskHarness(user: "wang.fang")
        desk.command("settings")
        let view = try #require(desk.state.settingsOverlay)
        #expect(view.entries.map(\.key) == DeskSettings.all.map(\.key))
        #expect(desk.screen.contains("Settings (read-only)"))
        #expect(desk.screen.contains("change with: riskdesk settings set"))
        let fourEyes = try #require(desk.row(containing: "policy.four_eyes_threshold_fen"), "\(desk.screen)")
        #expect(fourEyes.contains("¥1,000,000 (default)"), "\(fourEyes)")
        #expect(fourEyes.contains("approvals above this line need a second approver"), "\(fourEyes)")
        // Keys go to the view, not to the queue behind it.
        let selected = desk.state.queue.selected
        desk.press(.character("j"))
        #expect(desk.state.settingsOverlay?.offset == 1)
        #expect(desk.state.queue.selected == selected)
        desk.press(.character("G"))
        #expect(desk.screen.contains("margin.recovery_bp"))
        desk.press(.escape)
        #expect(desk.state.settingsOverlay == nil)
        #expect(!desk.screen.contains("Settings (read-only)"))
    }

    @Test("a changed setting shows its value, its default and who set it")
    func showsChangedValue() throws {
        let desk = try DeskHarness(user: "zhao.min")
        try desk.store.changeSetting(DeskSettings.Key.officerLimit, to: "800k", by: "zhao.min", reason: "tighten routing")
        desk.command("settings")
        let row = try #require(desk.row(containing: "policy.officer_limit_fen"), "\(desk.screen)")
        #expect(row.contains("¥800,000 (default ¥1,000,000, set by zhao.min)"), "\(row)")
    }

    @Test("the view lines come from the entries: a corrupt stored value reads as corrupt")
    func corruptLine() throws {
        let definition = try DeskSettings.definition(DeskSettings.Key.claimMinutes)
        let entry = SettingEntry(definition: definition, storedText: "1e308", value: nil,
                                 problem: .corruptStored(key: definition.key, value: "1e308", expected: definition.expected),
                                 changedBy: "hand", changedAt: nil)
        #expect(SettingsOverlay.line(for: entry)
            == "corrupt: '1e308' (default 30 minutes, set by hand) — how long opening a decision holds an application")
    }
}
