import Foundation
import RiskStore

/// A row a keyset window can hold: its sort key (where the window seeks from) and an id that survives reloads.
public protocol KeysetRow: Sendable {
    associatedtype WindowKey: Sendable & Comparable
    var windowKey: WindowKey { get }
    var windowID: String { get }
}

extension QueueRow: KeysetRow {
    public var windowKey: String { priorityKey }
    public var windowID: String { application.id }
}

extension AlertRow: KeysetRow {
    public var windowKey: AlertKey { key }
    public var windowID: String { String(alert.id) }
}

/// One query a window asks for, in the list's order: the rows after a key (or from the top), the rows just
/// before a key, or the last page.
public enum WindowFetch<Key: Sendable & Comparable>: Sendable {
    case after(Key?, including: Bool, limit: Int)
    case before(Key, limit: Int)
    case lastPage(limit: Int)
}

/// What a window does next: run a query and continue with its rows, land on new rows, or stay as it is.
public enum WindowStep<Row: KeysetRow>: Sendable {
    case fetch(WindowFetch<Row.WindowKey>, then: WindowContinuation<Row>)
    /// `position` is the absolute index of the first row when the move tells it (nil: unknown, or the last page,
    /// whose position the caller derives from the total).
    case landed(rows: [Row], selected: Int, message: String?, position: Int?)
    case unchanged(message: String?)
}

/// Where a window continues once a query's rows are in.
public enum WindowContinuation<Row: KeysetRow>: Sendable {
    case move(Effect.QueueMove)
    /// A reload found these rows from the window's first key on; the window is filled from before it if short.
    case reloadFill(found: [Row])
    /// A reload found nothing from the window's first key on: start again from the top.
    case reloadFromTop
}

/// A keyset-paged window onto an ordered list (the queue, the open alerts), as a pure value: given a move it says
/// what to fetch; given the fetched rows it computes the new rows, the selection, the edge messages and the new
/// absolute position from the old one (so "n/N" never needs a count). The runtime only runs the queries
/// (`WindowLoader`); no OFFSET, ever.
public struct KeysetWindow<Row: KeysetRow>: Sendable {
    public var rows: [Row]
    public var selected: Int
    public var size: Int
    /// What the edges say: "end of the queue" / "top of the queue", "last alert" / "first alert".
    public var endMessage: String
    public var topMessage: String
    /// The absolute index of `rows[0]` in the list, nil when unknown (after a reload others' writes may have moved it).
    public var position: Int?

    public init(rows: [Row], selected: Int, size: Int, endMessage: String, topMessage: String, position: Int? = 0) {
        self.rows = rows
        self.selected = selected
        self.size = max(1, size)
        self.endMessage = endMessage
        self.topMessage = topMessage
        self.position = position
    }

    /// The position moved by `delta` rows, when it is known.
    private func shifted(_ delta: Int) -> Int? { position.map { max(0, $0 + delta) } }

    /// The first step of a move.
    public func start(_ move: Effect.QueueMove) -> WindowStep<Row> {
        switch move {
        case .top: return .fetch(.after(nil, including: false, limit: size), then: .move(.top))
        case .bottom: return .fetch(.lastPage(limit: size), then: .move(.bottom))
        case .reload:
            guard let first = rows.first else { return .fetch(.after(nil, including: false, limit: size), then: .reloadFromTop) }
            return .fetch(.after(first.windowKey, including: true, limit: size), then: .move(.reload))
        case .nextRow:
            guard let last = rows.last else { return .unchanged(message: nil) }
            return .fetch(.after(last.windowKey, including: false, limit: 1), then: .move(.nextRow))
        case .previousRow:
            guard let first = rows.first else { return .unchanged(message: nil) }
            return .fetch(.before(first.windowKey, limit: 1), then: .move(.previousRow))
        case .nextPage:
            guard let last = rows.last else { return .unchanged(message: nil) }
            return .fetch(.after(last.windowKey, including: false, limit: size), then: .move(.nextPage))
        case .previousPage:
            guard let first = rows.first else { return .unchanged(message: nil) }
            return .fetch(.before(first.windowKey, limit: size), then: .move(.previousPage))
        }
    }

    /// The next step once `fetched` (the rows of the last query, in list order) is in.
    public func apply(_ continuation: WindowContinuation<Row>, fetched: [Row]) -> WindowStep<Row> {
        switch continuation {
        case let .move(move):
            return land(move, fetched: fetched)
        case let .reloadFill(found):
            // Fewer rows before the first than asked for: the window now starts at the top.
            return reloaded(fetched + found, position: fetched.count < size - found.count ? 0 : shifted(-fetched.count))
        case .reloadFromTop:
            return reloaded(fetched, position: 0)
        }
    }

    private func land(_ move: Effect.QueueMove, fetched: [Row]) -> WindowStep<Row> {
        switch move {
        case .top:
            return .landed(rows: fetched, selected: 0, message: nil, position: 0)
        case .bottom:
            return .landed(rows: fetched, selected: max(0, fetched.count - 1), message: nil, position: nil)
        case .reload:
            if fetched.isEmpty { return .fetch(.after(nil, including: false, limit: size), then: .reloadFromTop) }
            if fetched.count < size, let first = fetched.first {
                // The window's end was decided or resolved away: fill it from before so it stays full.
                return .fetch(.before(first.windowKey, limit: size - fetched.count), then: .reloadFill(found: fetched))
            }
            return reloaded(fetched, position: position)
        case .nextRow:
            guard let next = fetched.first else { return .unchanged(message: endMessage) }
            let dropped = max(0, rows.count + 1 - size)
            let kept = Array(rows.dropFirst(dropped))
            return .landed(rows: kept + [next], selected: kept.count, message: nil, position: shifted(dropped))
        case .previousRow:
            guard let previous = fetched.last else { return .unchanged(message: topMessage) }
            return .landed(rows: [previous] + rows.prefix(size - 1), selected: 0, message: nil, position: shifted(-1))
        case .nextPage:
            // At the end the window stays and the cursor goes to its last row.
            guard !fetched.isEmpty else {
                return .landed(rows: rows, selected: max(0, rows.count - 1), message: nil, position: position)
            }
            return .landed(rows: fetched, selected: min(selected, fetched.count - 1), message: nil, position: shifted(rows.count))
        case .previousPage:
            // Nothing (or less than a page) before the first row: the window now starts at the top.
            guard !fetched.isEmpty else { return .landed(rows: rows, selected: 0, message: nil, position: 0) }
            let filled = fetched.count < size ? fetched + rows.prefix(size - fetched.count) : fetched
            return .landed(rows: filled, selected: min(selected, filled.count - 1), message: nil,
                           position: fetched.count < size ? 0 : shifted(-fetched.count))
        }
    }

    /// A reload keeps the selection on the same id; when that row is gone (decided or resolved away), on the
    /// nearest one: the first row that sorts after it, else the last row.
    private func reloaded(_ fresh: [Row], position: Int?) -> WindowStep<Row> {
        let rows = Array(fresh.prefix(size))
        guard let old = self.rows[safe: selected] else {
            return .landed(rows: rows, selected: 0, message: nil, position: position)
        }
        if let index = rows.firstIndex(where: { $0.windowID == old.windowID }) {
            return .landed(rows: rows, selected: index, message: nil, position: position)
        }
        let nearest = rows.firstIndex { $0.windowKey > old.windowKey } ?? max(0, rows.count - 1)
        return .landed(rows: rows, selected: nearest, message: nil, position: position)
    }
}
