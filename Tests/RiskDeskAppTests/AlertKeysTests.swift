import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// Hand-built alerts for the alerts pane's key tests (no database).
enum AlertDesk {
    static let lina = User(name: "li.na", displayName: "Li Na", role: .officer, approvalLimit: Money(yuan: 1_000_000))

    static func alert(id: Int64 = 7, severity: Severity = .warning, state: AlertState = .open, version: Int = 3,
                      assignee: String? = nil, rule: String = "margin.warning", subject: String = "account:A000101",
                      message: String = "maintenance ratio 138% is below the 140% warning line") -> AlertRow {
        var alert = StoredAlert(id: id, rule: rule, severity: severity, subject: subject, message: message, state: state,
                                openedAt: fixedNow.addingTimeInterval(-600), acknowledgedBy: state == .acknowledged ? "li.na" : nil)
        alert.version = version
        alert.assignee = assignee
        let rank = severity == .critical ? 0 : severity == .warning ? 1 : 2
        return AlertRow(alert: alert, key: AlertKey(rank: rank, openedAt: alert.openedAt.timeIntervalSince1970, id: id))
    }

    /// `user` at the alerts pane with `rows` listed, the first selected.
    static func state(_ user: User, _ rows: [AlertRow] = [alert()]) -> AppState {
        var state = Desk.state(user)
        state.focus = .alerts
        state.alerts.rows = rows
        state.alerts.counts = [.warning: rows.count]
        return state
    }

    /// Presses each key in order, returning every effect they asked for.
    static func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { state.reduce(.key($0)) }
    }

    static func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { state.reduce(.key(.character($0))) }
    }
}

@Suite("Alerts pane: lifecycle keys")
struct AlertKeysTests {
    @Test("A, o, R, s and e each ask for their step on the selected alert's id at the version shown")
    func eachKeyItsEffect() {
        var state = AlertDesk.state(Desk.officer)
        #expect(state.reduce(.key(.character("A"))) == [.acknowledgeAlert(id: 7, version: 3)])

        state = AlertDesk.state(Desk.officer)
        #expect(state.reduce(.key(.character("o"))) == [.assignAlert(id: 7, version: 3, to: nil)])

        // R opens the dialog (no write yet); ↓ picks "customer topped up"; Enter resolves.
        state = AlertDesk.state(Desk.officer)
        #expect(state.reduce(.key(.character("R"))).isEmpty)
        #expect(state.alertDialog?.kind == .resolve)
        #expect(state.alertDialog?.dispositions == [.falsePositive, .toppedUp, .positionReduced, .other])
        #expect(AlertDesk.press(&state, .down, .enter) == [.resolveAlert(id: 7, version: 3, disposition: .toppedUp, note: "")])

        // s reads the policy first; the picker then lists 15m 1h 4h 1d 3d (the default maximum is 3 days).
        state = AlertDesk.state(Desk.officer)
        #expect(state.reduce(.key(.character("s"))) == [.loadSnoozeChoices(alertID: 7)])
        _ = state.reduce(.finished(.loadSnoozeChoices(alertID: 7)))
        _ = state.reduce(.snoozeChoicesLoaded(alertID: 7, choices: AlertLifecycle.snoozeChoices(policy: AlertLifecyclePolicy())))
        #expect(state.alertDialog?.pickerLines == ["▸ 15m", "  1h", "  4h", "  1d", "  3d"])
        // j j → 4h = 14,400 s.
        #expect(AlertDesk.press(&state, .character("j"), .character("j"), .enter) == [.snoozeAlert(id: 7, version: 3, duration: 14_400)])

        state = AlertDesk.state(Desk.officer)
        #expect(state.reduce(.key(.character("e"))).isEmpty)
        #expect(AlertDesk.type(&state, "customer unreachable").isEmpty, "letters go into the reason field, not to keys")
        #expect(state.reduce(.key(.enter)) == [.escalateAlert(id: 7, version: 3, reason: "customer unreachable")])
    }

    @Test("a critical alert: the officer's R and s say why (the lifecycle's words) and do nothing; a supervisor's open the dialogs")
    func criticalNeedsSupervisor() throws {
        let critical = AlertDesk.alert(severity: .critical, rule: "margin.closeout")
        var officer = AlertDesk.state(Desk.officer, [critical])
        #expect(officer.availability(of: .resolveAlert) == .disabled("wang.fang (officer) may not resolve critical alerts"))
        #expect(officer.reduce(.key(.character("R"))).isEmpty)
        #expect(officer.alertDialog == nil)
        #expect(officer.status == StatusMessage(text: "wang.fang (officer) may not resolve critical alerts", isError: true))
        #expect(officer.reduce(.key(.character("s"))).isEmpty)
        #expect(officer.status?.text == "wang.fang (officer) may not snooze critical alerts")
        // The officer may still acknowledge, take and escalate it.
        #expect(officer.availability(of: .acknowledgeAlert) == .available)
        #expect(officer.availability(of: .assignAlertToSelf) == .available)
        #expect(officer.availability(of: .escalateAlert) == .available)
        // The help says why after the description; the footer dims resolve and snooze but keeps them.
        let help = KeyMap.standard.helpSections(for: officer).flatMap(\.entries)
        #expect(help.contains { $0.keys == "R" && $0.description == "resolve alert (disposition; note for other) — wang.fang (officer) may not resolve critical alerts" })
        let footer = KeyMap.standard.footer(for: officer)
        #expect(footer.first { $0.key == "R" }?.isDisabled == true)
        #expect(footer.first { $0.key == "A" }?.isDisabled == false)

        var supervisor = AlertDesk.state(Desk.supervisor, [critical])
        #expect(supervisor.reduce(.key(.character("R"))).isEmpty)
        #expect(supervisor.alertDialog?.kind == .resolve)
    }

    @Test("states the lifecycle refuses: acknowledged again, someone else's alert taken by an officer, escalated resolved by an officer")
    func lifecycleRefusals() {
        var state = AlertDesk.state(Desk.officer, [AlertDesk.alert(state: .acknowledged)])
        #expect(state.reduce(.key(.character("A"))).isEmpty)
        #expect(state.status?.text == "alert 7 is acknowledged, not open")

        state = AlertDesk.state(Desk.officer, [AlertDesk.alert(assignee: "li.na")])
        #expect(state.reduce(.key(.character("o"))).isEmpty)
        #expect(state.status?.text == "alert 7 is assigned to li.na: only a supervisor reassigns it")
        state = AlertDesk.state(Desk.officer, [AlertDesk.alert(assignee: "wang.fang")])
        #expect(state.reduce(.key(.character("o"))).isEmpty)
        #expect(state.status?.text == "alert 7 is already assigned to wang.fang")

        state = AlertDesk.state(Desk.officer, [AlertDesk.alert(state: .escalated)])
        #expect(state.reduce(.key(.character("R"))).isEmpty)
        #expect(state.status?.text == "wang.fang (officer) may not resolve escalated alerts")
        #expect(state.reduce(.key(.character("e"))).isEmpty)
        #expect(state.status?.text == "cannot escalate alert 7: it is escalated")

        // A supervisor takes over li.na's alert.
        var supervisor = AlertDesk.state(Desk.supervisor, [AlertDesk.alert(assignee: "li.na")])
        #expect(supervisor.reduce(.key(.character("o"))) == [.assignAlert(id: 7, version: 3, to: nil)])
    }

    @Test("an auditor has no alert keys: pressing one says read-only, the footer leaves them out")
    func auditor() {
        var state = AlertDesk.state(Desk.auditor)
        for key in ["A", "o", "R", "s", "e"] as [Character] {
            #expect(state.reduce(.key(.character(key))).isEmpty)
            #expect(state.status?.text == "zhou.qiang (auditor) is read-only here: nothing is written")
        }
        #expect(state.alertDialog == nil)
        #expect(KeyMap.standard.footer(for: state).map(\.key).filter { ["A", "o", "R", "s", "e"].contains($0) }.isEmpty)
        #expect(KeyMap.standard.footer(for: state).contains { $0.key == "f" && !$0.isDisabled }, "filtering is looking, not writing")
    }

    @Test("the resolve dialog refuses 'other' without a note, inside the dialog; with one it resolves")
    func otherNeedsNote() {
        var state = AlertDesk.state(Desk.officer)
        _ = state.reduce(.key(.character("R")))
        // ↓ three times: false positive → topped up → position reduced → other; a fourth stays on other.
        #expect(AlertDesk.press(&state, .down, .down, .down, .down, .enter).isEmpty)
        #expect(state.alertDialog?.pickIndex == 3)
        #expect(state.alertDialog?.fields[0].error == "a note is required to resolve as other: say what happened")
        #expect(AlertDesk.type(&state, "  paid by wire  ").isEmpty)
        #expect(state.reduce(.key(.enter)) == [.resolveAlert(id: 7, version: 3, disposition: .other, note: "paid by wire")])
    }

    @Test("escalating needs a reason; Esc cancels without a write")
    func escalateNeedsReason() {
        var state = AlertDesk.state(Desk.officer)
        _ = state.reduce(.key(.character("e")))
        #expect(state.reduce(.key(.enter)).isEmpty)
        #expect(state.alertDialog?.fields[0].error == "a reason is required: say why a supervisor must look at it")
        #expect(state.reduce(.key(.escape)).isEmpty)
        #expect(state.alertDialog == nil)
        #expect(state.status?.text == "cancelled: alert 7 unchanged")
    }

    @Test("snooze choices stop at the policy's maximum, which is always offered; the picker stays within them")
    func snoozeBounds() {
        // Default 3 days: 900, 3,600, 14,400, 86,400 s and 259,200 s (3 × 86,400).
        #expect(AlertLifecycle.snoozeChoices(policy: AlertLifecyclePolicy()) == [900, 3_600, 14_400, 86_400, 259_200])
        // A 2-hour maximum: 15m and 1h fit, 4h and 1d do not, 2h (7,200 s) is offered as the longest.
        #expect(AlertLifecycle.snoozeChoices(policy: AlertLifecyclePolicy(maximumSnooze: 7_200)) == [900, 3_600, 7_200])
        // Exactly a day: no duplicate.
        #expect(AlertLifecycle.snoozeChoices(policy: AlertLifecyclePolicy(maximumSnooze: 86_400)) == [900, 3_600, 14_400, 86_400])

        var state = AlertDesk.state(Desk.officer)
        _ = state.reduce(.key(.character("s")))
        _ = state.reduce(.finished(.loadSnoozeChoices(alertID: 7)))
        _ = state.reduce(.snoozeChoicesLoaded(alertID: 7, choices: [900, 3_600, 7_200]))
        #expect(AlertDesk.press(&state, .character("k")).isEmpty)
        #expect(state.alertDialog?.pickIndex == 0, "k at the top stays on 15m")
        _ = AlertDesk.press(&state, .character("j"), .character("j"), .character("j"), .character("j"))
        #expect(state.alertDialog?.pickIndex == 2, "j past the end stays on the maximum")
        #expect(state.reduce(.key(.enter)) == [.snoozeAlert(id: 7, version: 3, duration: 7_200)])
    }

    @Test("f cycles all → mine → unassigned → critical → calls → all, each reloading from the top with the filter in the state")
    func filterCycling() {
        var state = AlertDesk.state(Desk.officer)
        let expected: [AlertFilter] = [AlertFilter(assignment: .user("wang.fang")), AlertFilter(assignment: .nobody),
                                       AlertFilter(criticalOnly: true), AlertFilter(callsOnly: true), .none]
        for filter in expected {
            _ = state.reduce(.finished(.loadAlerts(.top)))
            #expect(state.reduce(.key(.character("f"))) == [.loadAlerts(.top)])
            #expect(state.alerts.filter == filter)
        }
        #expect(state.status?.text == "alerts: all")
    }

    @Test(":alerts NAME sets the filter and focuses the pane; an unknown name is refused; :as keeps 'mine' on the new person")
    func alertsCommand() {
        var state = Desk.state(Desk.officer)
        #expect(state.runCommand("alerts critical") == [.loadAlerts(.top)])
        #expect(state.alerts.filter == AlertFilter(criticalOnly: true))
        #expect(state.focus == .alerts)
        #expect(state.runCommand("alerts everything").isEmpty)
        #expect(state.status?.text == "unknown alert filter 'everything'; try mine, unassigned, critical, calls or all")
        #expect(state.alerts.filter == AlertFilter(criticalOnly: true), "a refused filter leaves the filter as it was")
        _ = state.runCommand("alerts mine")
        #expect(state.reduce(.userSwitched(AlertDesk.lina)) == [.loadQueue(.reload), .loadAlerts(.top)])
        #expect(state.alerts.filter == AlertFilter(assignment: .user("li.na")))
        #expect(state.runCommand("alerts") == [.loadAlerts(.top)])
        #expect(state.alerts.filter == .none)
    }

    @Test(":assign USER asks for the step with that name; the store's lifecycle decides; an auditor is refused before")
    func assignCommand() {
        var supervisor = AlertDesk.state(Desk.supervisor)
        #expect(supervisor.runCommand("assign li.na") == [.assignAlert(id: 7, version: 3, to: "li.na")])
        #expect(supervisor.runCommand("assign").isEmpty)
        #expect(supervisor.status?.text == ":assign needs one user name, e.g. :assign li.na")
        var auditor = AlertDesk.state(Desk.auditor)
        #expect(auditor.runCommand("assign li.na").isEmpty)
        #expect(auditor.status?.text == "zhou.qiang (auditor) is read-only here: nothing is written")
        var empty = AlertDesk.state(Desk.supervisor, [])
        #expect(empty.runCommand("assign li.na").isEmpty)
        #expect(empty.status?.text == "no alert selected: :assign works on the alerts pane's selection")
    }

    @Test("a second Enter while the resolve is saving is held, and replayed after it finds the dialog closed: one write")
    func heldEnterWritesOnce() {
        var state = AlertDesk.state(Desk.officer)
        _ = state.reduce(.key(.character("R")))
        let resolve = Effect.resolveAlert(id: 7, version: 3, disposition: .falsePositive, note: "")
        #expect(state.reduce(.key(.enter)) == [resolve])
        #expect(state.pendingNote == "saving…")
        #expect(state.reduce(.key(.enter)).isEmpty)
        #expect(state.reduce(.key(.character("R"))).isEmpty)
        #expect(state.live.heldKeys == [.enter, .character("R")])
        // The job's results: the reloaded window (the alert left it), the summary, then finished.
        _ = state.reduce(.alertsLoaded(rows: [], position: 0, counts: [:], selected: 0))
        _ = state.reduce(.alertStepped(summary: "alert 7 resolved: false positive"))
        #expect(state.alertDialog == nil)
        let replayed = state.reduce(.finished(resolve))
        #expect(!replayed.contains { $0.isWrite }, "the held Enter and R act on an empty pane: \(replayed)")
        #expect(state.alertDialog == nil)
        #expect(state.live.heldKeys.isEmpty)
        #expect(state.live.pending.isEmpty)
    }

    @Test("a refusal keeps the dialog open with the message, and the Enter typed behind it is not sent again")
    func refusalKeepsDialog() {
        var state = AlertDesk.state(Desk.officer)
        _ = state.reduce(.key(.character("R")))
        let resolve = Effect.resolveAlert(id: 7, version: 3, disposition: .falsePositive, note: "")
        #expect(state.reduce(.key(.enter)) == [resolve])
        #expect(state.reduce(.key(.enter)).isEmpty)
        let message = "alert 7 changed since you read it (version 3, now 4): reload and try again"
        _ = state.reduce(.alertStepFailed(message))
        #expect(state.reduce(.finished(resolve)).isEmpty)
        #expect(state.alertDialog?.failure == message)
        #expect(state.status == StatusMessage(text: message, isError: true))
        // Pressing A twice: the second is held and replayed onto the acknowledged alert, which refuses it.
        var ack = AlertDesk.state(Desk.officer)
        let effect = Effect.acknowledgeAlert(id: 7, version: 3)
        #expect(AlertDesk.press(&ack, .character("A"), .character("A")) == [effect])
        _ = ack.reduce(.alertsLoaded(rows: [AlertDesk.alert(state: .acknowledged, version: 4)], position: 0, counts: [.warning: 1], selected: 0))
        _ = ack.reduce(.alertStepped(summary: "alert 7 acknowledged"))
        #expect(ack.reduce(.finished(effect)).isEmpty)
        #expect(ack.status?.text == "alert 7 is acknowledged, not open")
    }

    @Test("snooze choices arriving for an alert no longer listed open nothing and say so")
    func snoozeForVanishedAlert() {
        var state = AlertDesk.state(Desk.officer)
        _ = state.reduce(.snoozeChoicesLoaded(alertID: 99, choices: [900]))
        #expect(state.alertDialog == nil)
        #expect(state.status == StatusMessage(text: "alert 99 is no longer listed", isError: true))
    }
}
