import Foundation
import RiskCore
import RiskStore

/// Runs the queries a `KeysetWindow` asks for, for the queue's and the alerts' windows, from a copy of the window
/// as it was when the move was asked for. It never counts: the position comes from the window's own arithmetic
/// (the last page's from the total) and the totals from the counts the writes maintain; what those cannot tell is
/// left nil for the reducer to have worked out off the key path.
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
                                  endMessage: Self.queueMessages.end, topMessage: Self.queueMessages.top,
                                  position: q.positionIsKnown ? q.position : nil)
        let step = try Self.walk(window, move) { (query) throws(StoreError) -> [QueueRow] in
            switch query {
            case let .after(key, including, limit): try store.approvalQueue(filter: filter, after: key, including: including, limit: limit).rows
            case let .before(key, limit): try store.approvalQueue(filter: filter, before: key, limit: limit)
            case let .lastPage(limit): try store.approvalQueueLastPage(filter: filter, limit: limit)
            }
        }
        switch step {
        case let .landed(rows, selected, _, position):
            let total = try store.maintainedQueueCount(filter: filter)
            return .queueLoaded(rows: rows, position: Self.position(position, move: move, rows: rows.count, total: total),
                                total: total, selected: selected)
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
                                  endMessage: Self.alertMessages.end, topMessage: Self.alertMessages.top,
                                  position: a.positionIsKnown ? a.position : nil)
        let step = try Self.walk(window, move) { (query) throws(StoreError) -> [AlertRow] in
            switch query {
            case let .after(key, including, limit): try store.openAlerts(after: key, including: including, limit: limit, filter: filter, now: now)
            case let .before(key, limit): try store.openAlerts(before: key, limit: limit, filter: filter, now: now)
            case let .lastPage(limit): try store.openAlertsLastPage(limit: limit, filter: filter, now: now)
            }
        }
        switch step {
        case let .landed(rows, selected, _, position):
            let counts = try store.openAlertCounts(filter: filter, now: now)
            return .alertsLoaded(rows: rows, position: Self.position(position, move: move, rows: rows.count,
                                                                     total: counts.values.reduce(0, +)),
                                 counts: counts, selected: selected)
        case let .unchanged(message):
            return message.map { .info($0) }
        case .fetch:
            return nil
        }
    }

    /// Where a landed window starts: as the window worked it out; the last page from the total (when known); no
    /// rows at all is the top.
    static func position(_ position: Int?, move: Effect.QueueMove, rows: Int, total: Int?) -> Int? {
        if rows == 0 { return 0 }
        if move == .bottom { return total.map { max(0, $0 - rows) } }
        return position
    }
}
