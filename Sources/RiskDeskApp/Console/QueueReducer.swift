import Foundation
import RiskCore
import RiskStore

/// The approval queue pane's reducer: its window's results and its keys (moves, decisions, claims).
extension AppState {
    mutating func reduceQueue(_ action: Action) -> [Effect] {
        switch action {
        case let .queueLoaded(rows, position, total, selected):
            return showQueue(rows: rows, position: position, total: total, selected: selected)
        case let .jumped(filter, rows, position, total, message):
            queue.filter = filter
            focus = .queue
            say(message)
            return showQueue(rows: rows, position: position, total: total, selected: 0)
        default:
            return []
        }
    }

    private mutating func showQueue(rows: [QueueRow], position: Int, total: Int, selected: Int) -> [Effect] {
        let previousID = queue.selectedRow?.application.id
        queue.rows = rows
        queue.position = position
        queue.total = total
        queue.selected = rows.isEmpty ? 0 : min(max(0, selected), rows.count - 1)
        lastRefresh = now
        if let id = queue.selectedRow?.application.id {
            return id == previousID && detail?.application.id == id ? [] : [.loadDetail(applicationID: id)]
        }
        detail = nil
        return []
    }

    mutating func queueCommand(_ command: Command) -> [Effect] {
        switch command {
        case .moveDown, .moveUp:
            let delta = command == .moveDown ? 1 : -1
            let target = queue.selected + delta
            if target >= 0 && target < queue.rows.count {
                queue.selected = target
                return queue.selectedRow.map { [.loadDetail(applicationID: $0.application.id)] } ?? []
            }
            return [.loadQueue(delta > 0 ? .nextRow : .previousRow)]
        case .pageDown: return [.loadQueue(.nextPage)]
        case .pageUp: return [.loadQueue(.previousPage)]
        case .top: return [.loadQueue(.top)]
        case .bottom: return [.loadQueue(.bottom)]
        case .detail: focus = .profile
        case .approve: return openDecision(.approve)
        case .approveWithConditions: return openDecision(.conditions)
        case .reject: return openDecision(.reject)
        case .requestInfo: return openDecision(.requestInfo)
        case .escalate: return openDecision(.escalate)
        case .note: return openDecision(.note)
        case .releaseClaim:
            guard let row = queue.selectedRow else { say("no application selected", error: true); return [] }
            return [.releaseClaim(applicationID: row.application.id)]
        default: break
        }
        return []
    }

    /// Opens a decision dialog; `availability(of:)` has already refused what the role or the stage cannot take,
    /// so nothing is claimed for a decision the pipeline could never accept.
    private mutating func openDecision(_ kind: DecisionDialog.Kind) -> [Effect] {
        guard let row = queue.selectedRow else { say("no application selected", error: true); return [] }
        return [.claimAndOpen(kind, applicationID: row.application.id)]
    }
}
