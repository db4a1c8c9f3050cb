import Foundation
import RiskCore
import RiskStore

/// The risk alerts pane's reducer: its window's results, its keys and the marks on alerts that arrived while the
/// console was open. The alert lifecycle's keys grow here (`alertsCommand`).
extension AppState {
    mutating func reduceAlerts(_ action: Action) -> [Effect] {
        guard case let .alertsLoaded(rows, position, counts, selected) = action else { return [] }
        alerts.rows = rows
        alerts.position = position
        alerts.counts = counts
        alerts.selected = rows.isEmpty ? 0 : min(max(0, selected), rows.count - 1)
        markSeenAlert()
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
        case .acknowledgeAlert:
            guard let alert = alerts.selectedAlert else { say("no alert selected", error: true); return [] }
            return [.acknowledgeAlert(id: alert.id)]
        default: break
        }
        return []
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
