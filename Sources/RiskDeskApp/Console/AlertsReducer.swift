import Foundation
import RiskCore
import RiskStore

/// The risk alerts pane's reducer: its window's results, its keys and the marks on alerts that arrived while the
/// console was open. The alert lifecycle's keys grow here (`alertsCommand`).
extension AppState {
    mutating func reduceAlerts(_ action: Action) -> [Effect] {
        switch action {
        case let .alertsLoaded(rows, position, counts, selected):
            alerts.rows = rows
            alerts.position = position ?? alerts.position
            alerts.positionIsKnown = position != nil
            alerts.counts = counts
            alerts.isLoaded = true
            alerts.selected = rows.isEmpty ? 0 : min(max(0, selected), rows.count - 1)
            markSeenAlert()
            if position == nil { return locateAlerts() }
        case let .alertsLocated(filter, key, position):
            guard filter == alerts.filter, !alerts.positionIsKnown else { return [] }
            if let index = alerts.rows.firstIndex(where: { $0.key == key }) {
                alerts.position = max(0, position - index)
                alerts.positionIsKnown = true
                return []
            }
            return locateAlerts(again: true)
        case let .alertStepped(summary):
            alertDialog = nil
            say(summary)
        case let .alertStepFailed(message):
            say(message, error: true)
            if alertDialog != nil {
                // The dialog stays open with what was picked and typed; keys typed behind the refused Enter were meant
                // for a closed dialog, so they are dropped rather than sent into it again (no second write).
                alertDialog?.failure = message
                live.heldKeys.removeAll()
            }
        case let .snoozeChoicesLoaded(id, choices):
            guard let alert = alerts.rows.first(where: { $0.alert.id == id })?.alert else {
                say("alert \(id) is no longer listed", error: true)
                return []
            }
            guard !choices.isEmpty else { say("the desk's settings allow no snooze", error: true); return [] }
            guard dialog == nil, alertDialog == nil else { return [] }
            alertDialog = AlertDialog(kind: .snooze, alert: alert, durations: choices)
        default:
            break
        }
        return []
    }

    mutating func alertsCommand(_ command: Command) -> [Effect] {
        switch command {
        case .moveDown, .moveUp:
            let delta = command == .moveDown ? 1 : -1
            let target = alerts.selected + delta
            if target >= 0 && target < alerts.rows.count {
                alerts.selected = target
                return []
            }
            return alerts.rows.isEmpty ? [] : [.loadAlerts(delta > 0 ? .nextRow : .previousRow)]
        case .pageDown, .pageUp:
            return alerts.rows.isEmpty ? [] : [.loadAlerts(command == .pageDown ? .nextPage : .previousPage)]
        case .top: return [.loadAlerts(.top)]
        case .bottom: return [.loadAlerts(.bottom)]
        case .detail:
            if let alert = alerts.selectedAlert { say("[\(alert.severity.tag)] \(alert.rule) \(alert.subject): \(alert.message)") }
        case .acknowledgeAlert, .assignAlertToSelf, .resolveAlert, .snoozeAlert, .escalateAlert:
            guard let alert = alerts.selectedAlert else { say("no alert selected", error: true); return [] }
            switch command {
            case .acknowledgeAlert: return [.acknowledgeAlert(id: alert.id, version: alert.version)]
            case .assignAlertToSelf: return [.assignAlert(id: alert.id, version: alert.version, to: nil)]
            case .snoozeAlert: return [.loadSnoozeChoices(alertID: alert.id)]
            case .resolveAlert: alertDialog = AlertDialog(kind: .resolve, alert: alert)
            default: alertDialog = AlertDialog(kind: .escalate, alert: alert)
            }
        case .cycleAlertFilter:
            return showAlerts(AlertsFilterChoice(alerts.filter).next)
        default: break
        }
        return []
    }

    /// Asks for the window's position to be counted off the key path, unless a count is already running (`again`:
    /// the one whose result is arriving, which found the window moved past the alert it located).
    private func locateAlerts(again: Bool = false) -> [Effect] {
        guard let first = alerts.rows.first else { return [] }
        let running = live.pending.contains { if case .locateAlerts = $0 { true } else { false } }
        return running && !again ? [] : [.locateAlerts(first.key)]
    }

    /// Lists the alerts under `choice` from the top, in the focused alerts pane.
    mutating func showAlerts(_ choice: AlertsFilterChoice) -> [Effect] {
        alerts.filter = choice.filter(for: user.name)
        focus = .alerts
        say("alerts: \(choice.rawValue)")
        return [.loadAlerts(.top)]
    }

    /// Alerts raised while the console was open are new until seen: an alert is seen once the alerts pane has
    /// focus and the cursor is on it.
    mutating func noteNewAlerts(_ entries: [ChangeEntry]) {
        for entry in entries where entry.kind == "alert" {
            if let id = Int64(entry.subject), id > live.newestAlertIDAtStart { alerts.unseen.insert(id) }
        }
        markSeenAlert()
    }

    mutating func markSeenAlert() {
        guard focus == .alerts, let id = alerts.selectedAlert?.id else { return }
        alerts.unseen.remove(id)
    }
}

/// The alerts pane's filters in the order `f` cycles through them (and the words `:alerts` takes).
public enum AlertsFilterChoice: String, CaseIterable, Sendable {
    case all, mine, unassigned, critical, calls

    /// The choice a filter corresponds to (a combined filter, from no key, counts as the nearest: its assignment first).
    init(_ filter: AlertFilter) {
        switch filter.assignment {
        case .user: self = .mine
        case .nobody: self = .unassigned
        case .anyone: self = filter.criticalOnly ? .critical : filter.callsOnly ? .calls : .all
        }
    }

    /// The next choice, back to `all` after `calls`.
    var next: AlertsFilterChoice {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    /// The store's filter for this choice, `mine` meaning `userName`'s.
    func filter(for userName: String) -> AlertFilter {
        switch self {
        case .all: .none
        case .mine: AlertFilter(assignment: .user(userName))
        case .unassigned: AlertFilter(assignment: .nobody)
        case .critical: AlertFilter(criticalOnly: true)
        case .calls: AlertFilter(callsOnly: true)
        }
    }
}
