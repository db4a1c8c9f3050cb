import Foundation
@testable import RiskDeskApp
import RiskCore
import RiskStore
import Testing

/// A row for window tests: an integer key, its id the key's text.
private struct Item: KeysetRow, Equatable {
    var windowKey: Int
    var windowID: String { "#\(windowKey)" }
}

private func items(_ keys: Int...) -> [Item] { keys.map(Item.init) }

/// Runs a move against an in-memory sorted list the way `WindowLoader` runs it against the store, and
/// records every query.
private func walk(_ window: KeysetWindow<Item>, _ move: Effect.QueueMove, list: [Int],
                  queries: inout [String]) -> WindowStep<Item> {
    var step = window.start(move)
    while case let .fetch(query, then) = step {
        let fetched: [Int]
        switch query {
        case let .after(key, including, limit):
            queries.append("after \(key.map(String.init) ?? "top")\(including ? " incl" : "") \(limit)")
            fetched = Array(list.filter { key == nil || (including ? $0 >= key! : $0 > key!) }.prefix(limit))
        case let .before(key, limit):
            queries.append("before \(key) \(limit)")
            fetched = Array(list.filter { $0 < key }.suffix(limit))
        case let .lastPage(limit):
            queries.append("last \(limit)")
            fetched = Array(list.suffix(limit))
        }
        step = window.apply(then, fetched: fetched.map(Item.init))
    }
    return step
}

private func landing(_ step: WindowStep<Item>) -> (keys: [Int], selected: Int)? {
    if case let .landed(rows, selected, _, _) = step { return (rows.map(\.windowKey), selected) }
    return nil
}

private func message(_ step: WindowStep<Item>) -> String?? {
    if case let .unchanged(message) = step { return .some(message) }
    return nil
}

@Suite("Keyset window (pure)")
struct KeysetWindowTests {
    private func window(_ keys: [Int], selected: Int, size: Int = 3) -> KeysetWindow<Item> {
        KeysetWindow(rows: keys.map(Item.init), selected: selected, size: size, endMessage: "end of the queue", topMessage: "top of the queue")
    }

    @Test func nextRowAtTheBottomEdgeSlidesByOneOrSaysEnd() {
        var queries: [String] = []
        let w = window([1, 2, 3], selected: 2)
        let step = walk(w, .nextRow, list: [1, 2, 3, 4, 5], queries: &queries)
        #expect(queries == ["after 3 1"])
        #expect(landing(step)?.keys == [2, 3, 4])
        #expect(landing(step)?.selected == 2)
        queries = []
        let end = walk(window([3, 4, 5], selected: 2), .nextRow, list: [1, 2, 3, 4, 5], queries: &queries)
        #expect(message(end) == .some("end of the queue"))
    }

    @Test func previousRowAtTheTopEdgeSlidesByOneOrSaysTop() {
        var queries: [String] = []
        let step = walk(window([2, 3, 4], selected: 0), .previousRow, list: [1, 2, 3, 4, 5], queries: &queries)
        #expect(queries == ["before 2 1"])
        #expect(landing(step)?.keys == [1, 2, 3])
        #expect(landing(step)?.selected == 0)
        let top = walk(window([1, 2, 3], selected: 0), .previousRow, list: [1, 2, 3, 4, 5], queries: &queries)
        #expect(message(top) == .some("top of the queue"))
    }

    @Test func pagingDownAndUpKeepsTheCursorRowAndStopsAtTheEnds() {
        var queries: [String] = []
        // Page down from [1 2 3] (cursor on the 2nd) onto the last two rows: the cursor stays 2nd.
        let down = walk(window([1, 2, 3], selected: 1), .nextPage, list: [1, 2, 3, 4, 5], queries: &queries)
        #expect(queries == ["after 3 3"])
        #expect(landing(down)?.keys == [4, 5])
        #expect(landing(down)?.selected == 1)
        // Page down at the end: the window stays and the cursor goes to its last row.
        let atEnd = walk(window([4, 5], selected: 0), .nextPage, list: [1, 2, 3, 4, 5], queries: &queries)
        #expect(landing(atEnd)?.keys == [4, 5])
        #expect(landing(atEnd)?.selected == 1)
        // Page up from [3 4 5] finds only [1 2]: the window is filled with the old first row, cursor kept (3rd).
        queries = []
        let up = walk(window([3, 4, 5], selected: 2), .previousPage, list: [1, 2, 3, 4, 5], queries: &queries)
        #expect(queries == ["before 3 3"])
        #expect(landing(up)?.keys == [1, 2, 3])
        #expect(landing(up)?.selected == 2)
        let atTop = walk(window([1, 2, 3], selected: 2), .previousPage, list: [1, 2, 3, 4, 5], queries: &queries)
        #expect(landing(atTop)?.keys == [1, 2, 3])
        #expect(landing(atTop)?.selected == 0)
    }

    @Test func topAndBottom() {
        var queries: [String] = []
        let bottom = walk(window([1, 2, 3], selected: 0), .bottom, list: [1, 2, 3, 4, 5, 6, 7], queries: &queries)
        #expect(queries == ["last 3"])
        #expect(landing(bottom)?.keys == [5, 6, 7])
        #expect(landing(bottom)?.selected == 2)
        let top = walk(window([5, 6, 7], selected: 2), .top, list: [1, 2, 3, 4, 5, 6, 7], queries: &queries)
        #expect(landing(top)?.keys == [1, 2, 3])
        #expect(landing(top)?.selected == 0)
    }

    @Test func anEmptyQueueAsksForNothingOrLandsEmpty() {
        var queries: [String] = []
        let empty = window([], selected: 0)
        for move in [Effect.QueueMove.nextRow, .previousRow, .nextPage, .previousPage] {
            #expect(message(walk(empty, move, list: [], queries: &queries)) == .some(nil), "\(move)")
        }
        #expect(queries.isEmpty, "no query for a move inside an empty window")
        for move in [Effect.QueueMove.top, .bottom, .reload] {
            let step = walk(empty, move, list: [], queries: &queries)
            #expect(landing(step)?.keys == [], "\(move)")
            #expect(landing(step)?.selected == 0, "\(move)")
        }
    }

    @Test func reloadKeepsTheSelectedIdWhenItIsStillThere() {
        var queries: [String] = []
        // 3 was decided away by another desk; the cursor was on 4, which is still listed.
        let step = walk(window([2, 3, 4], selected: 2), .reload, list: [1, 2, 4, 5, 6], queries: &queries)
        #expect(queries == ["after 2 incl 3"])
        #expect(landing(step)?.keys == [2, 4, 5])
        #expect(landing(step)?.selected == 1, "still on 4")
    }

    @Test func reloadMovesToTheNearestRowWhenTheSelectedOneWasDecidedAway() {
        var queries: [String] = []
        // The cursor was on 4, decided away: the nearest row is the next one in order, 5.
        let step = walk(window([3, 4, 5], selected: 1), .reload, list: [1, 2, 3, 5, 6], queries: &queries)
        #expect(landing(step)?.keys == [3, 5, 6])
        #expect(landing(step)?.selected == 1)
        // The window's end was decided away: it is filled from before its first row, and the cursor (on 5,
        // gone) lands on the last row, the nearest one left.
        queries = []
        let filled = walk(window([3, 4, 5], selected: 2), .reload, list: [1, 2, 3], queries: &queries)
        #expect(queries == ["after 3 incl 3", "before 3 2"])
        #expect(landing(filled)?.keys == [1, 2, 3])
        #expect(landing(filled)?.selected == 2)
        // Everything from the window on was decided away: the window starts again from the top.
        queries = []
        let restarted = walk(window([7, 8, 9], selected: 0), .reload, list: [1, 2], queries: &queries)
        #expect(queries == ["after 7 incl 3", "after top 3"])
        #expect(landing(restarted)?.keys == [1, 2])
        #expect(landing(restarted)?.selected == 1)
    }
}

/// The window's own position arithmetic ("n/N" without counting) against the true index of its first row.
@Suite("Keyset window position (pure)")
struct KeysetWindowPositionTests {
    @Test func positionFollowsEveryMoveOfARandomWalk() {
        var random = MarketRandom(seed: 88)
        let moves: [Effect.QueueMove] = [.nextRow, .nextRow, .nextRow, .previousRow, .previousRow, .nextPage, .previousPage,
                                         .top, .bottom, .reload]
        for size in [1, 3, 7] {
            // Keys 0, 2, 4, … so an index and a key differ.
            let list = (0..<(40 + size)).map { $0 * 2 }
            var window = KeysetWindow<Item>(rows: [], selected: 0, size: size, endMessage: "end", topMessage: "top", position: 0)
            var queries: [String] = []
            var landings = 0
            for _ in 0..<400 {
                let move = moves[random.index(moves.count)]
                let step = walk(window, move, list: list, queries: &queries)
                guard case let .landed(rows, selected, _, position) = step else { continue }
                landings += 1
                let located = WindowLoader.position(position, move: move, rows: rows.count, total: list.count)
                let truth = rows.first.flatMap { first in list.firstIndex(of: first.windowKey) } ?? 0
                #expect(located == truth, "size \(size), \(move) landed on \(rows.map(\.windowKey))")
                window.rows = rows
                window.selected = selected
                window.position = located
            }
            #expect(landings > 300)
        }
    }

    @Test func anUnknownPositionStaysUnknownUntilAnEdgeTellsIt() {
        let list = Array(0..<30)
        var queries: [String] = []
        let unknown = KeysetWindow<Item>(rows: items(10, 11, 12), selected: 0, size: 3, endMessage: "end", topMessage: "top", position: nil)
        guard case let .landed(_, _, _, afterRow) = walk(unknown, .nextRow, list: list, queries: &queries) else {
            Issue.record("j did not land")
            return
        }
        #expect(afterRow == nil, "a relative move from an unknown position is still unknown")
        guard case let .landed(rows, _, _, afterTop) = walk(unknown, .top, list: list, queries: &queries) else {
            Issue.record("g did not land")
            return
        }
        #expect(rows.map(\.windowKey) == [0, 1, 2] && afterTop == 0)
        let nearTop = KeysetWindow<Item>(rows: items(2, 3, 4), selected: 0, size: 3, endMessage: "end", topMessage: "top", position: nil)
        guard case let .landed(_, _, _, afterPageUp) = walk(nearTop, .previousPage, list: list, queries: &queries) else {
            Issue.record("PgUp did not land")
            return
        }
        #expect(afterPageUp == 0, "a short page before the window means it now starts at the top")
    }
}
