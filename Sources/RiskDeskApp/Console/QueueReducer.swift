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
        case let .queueLocated(filter, key, position):
            guard filter == queue.filter, !queue.positionIsKnown else { return [] }
            // The window may have moved since the count started: the located row's index in it gives the position.
            if let index = queue.rows.firstIndex(where: { $0.priorityKey == key }) {
                queue.position = max(0, position - index)
                queue.positionIsKnown = true
                return []
            }
            return locateQueue(again: true)
        case let .queueCounted(filter, total):
            guard filter == queue.filter else { return [] }
            queue.total = total
            queue.totalIsKnown = true
            return []
        default:
            return []
        }
    }

    private mutating func showQueue(rows: [QueueRow], position: Int?, total: Int?, selected: Int) -> [Effect] {
        let previousID = queue.selectedRow?.application.id
        queue.rows = rows
        queue.position = position ?? queue.position
        queue.positionIsKnown = position != nil
        queue.total = total ?? queue.total
        queue.totalIsKnown = total != nil
        queue.selected = rows.isEmpty ? 0 : min(max(0, selected), rows.count - 1)
        lastRefresh = now
        var effects: [Effect] = []
        if let id = queue.selectedRow?.application.id {
            if id != previousID || detail?.application.id != id { effects.append(.loadDetail(applicationID: id)) }
        } else {
            detail = nil
        }
        // What the window could not tell is worked out off the key path, after this frame.
        if position == nil { effects += locateQueue() }
        // The first approvals the visible second-approval rows confirm (one indexed read of this page only).
        // The policy (the rollback window) comes with them, read once a decided application is on screen.
        let waiting = rows.filter { $0.application.stage == .awaitingSecondApproval }.map(\.application.id)
        let needsPolicy = approvalPolicy == nil && rows.contains { RollbackRules.stages.contains($0.application.stage) }
        if !waiting.isEmpty || needsPolicy { effects.append(.loadProposals(waiting)) } else { proposals = [:] }
        // A text filter's count is the search's own (`countQueueMatches`, capped), not a count of the whole filter.
        if total == nil, queue.filter.text.isEmpty, !live.pending.contains(.countQueue) { effects.append(.countQueue) }
        return effects
    }

    /// Asks for the window's position to be counted off the key path, unless a count is already running (`again`:
    /// the one whose result is arriving, which found the window moved past the row it located).
    private func locateQueue(again: Bool = false) -> [Effect] {
        guard let first = queue.rows.first else { return [] }
        let running = live.pending.contains { if case .locateQueue = $0 { true } else { false } }
        return running && !again ? [] : [.locateQueue(priorityKey: first.priorityKey)]
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
