import Foundation
import RiskCore
import RiskStore

/// Runs the queries a `KeysetWindow` asks for, for the queue's and the alerts' windows, from a copy of the window
/// as it was when the move was asked for; then counts and positions the result for the pane's title.
struct WindowLoader: Sendable {
    let store: RiskStore

    static let queueMessages = (end: "end of the queue", top: "top of the queue")
    static let alertMessages = (end: "last alert", top: "first alert")

    /// Walks a window's steps, running each query with `fetch`, to where it lands (or stays).
    static func walk<Row: KeysetRow>(_ window: KeysetWindow<Row>, _ move: Effect.QueueMove,
                                     fetch: (WindowFetch<Row.WindowKey>) throws(StoreError) -> [Row]) throws(StoreError) -> WindowStep<Row> {
        var step = window.start(move)
        while case let .fetch(query, then) = step {
            step = window.apply(then, fetched: try fetch(query))
        }
        return step
    }

    func queue(_ move: Effect.QueueMove, from q: QueueState) throws(StoreError) -> Action? {
        let filter = q.filter
        let window = KeysetWindow(rows: q.rows, selected: q.selected, size: q.pageSize,
                                  endMessage: Self.queueMessages.end, topMessage: Self.queueMessages.top)
        let step = try Self.walk(window, move) { (query) throws(StoreError) -> [QueueRow] in
            switch query {
            case let .after(key, including, limit): try store.approvalQueue(filter: filter, after: key, including: including, limit: limit).rows
            case let .before(key, limit): try store.approvalQueue(filter: filter, before: key, limit: limit)
            case let .lastPage(limit): try store.approvalQueueLastPage(filter: filter, limit: limit)
            }
        }
        switch step {
        case let .landed(rows, selected, _):
            let position = try rows.first.map { first throws(StoreError) in try store.queuePosition(filter: filter, of: first.priorityKey) } ?? 0
            return .queueLoaded(rows: rows, position: position, total: try store.queueCount(filter: filter), selected: selected)
        case let .unchanged(message):
            return message.map { .info($0) }
        case .fetch:
            return nil  // `walk` never stops on a fetch
        }
    }

    /// The alerts window under the pane's filter, with snoozes that expired by `now` listed as open.
    func alerts(_ move: Effect.QueueMove, from a: AlertsState, now: Date) throws(StoreError) -> Action? {
        let filter = a.filter
        let window = KeysetWindow(rows: a.rows, selected: a.selected, size: a.pageSize,
                                  endMessage: Self.alertMessages.end, topMessage: Self.alertMessages.top)
        let step = try Self.walk(window, move) { (query) throws(StoreError) -> [AlertRow] in
            switch query {
            case let .after(key, including, limit): try store.openAlerts(after: key, including: including, limit: limit, filter: filter, now: now)
            case let .before(key, limit): try store.openAlerts(before: key, limit: limit, filter: filter, now: now)
            case let .lastPage(limit): try store.openAlertsLastPage(limit: limit, filter: filter, now: now)
            }
        }
        switch step {
        case let .landed(rows, selected, _):
            let position = try rows.first.map { first throws(StoreError) in try store.openAlertPosition(of: first.key, filter: filter, now: now) } ?? 0
            return .alertsLoaded(rows: rows, position: position, counts: try store.openAlertCounts(filter: filter, now: now),
                                 selected: selected)
        case let .unchanged(message):
            return message.map { .info($0) }
        case .fetch:
            return nil
        }
    }
}
