import Foundation
import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// The first frame waits only for the queue's first page and the selected profile; "n/N" is tracked move by move
/// and, when a move cannot tell it, located off the key path.
@Suite("First frame and positions", .serialized)
struct FirstFrameAndPositionTests {
    @Test func theFirstFrameIsDrawnBeforeTheAlertsAndPricingArrive() throws {
        let dir = try ScratchDir()
        defer { dir.remove() }
        let store = try RiskStore.open(at: try dir.sampleCopy())
        let user = try #require(try store.user(named: "zhao.min"))
        let loader = ThemeLoader(searchDirectories: [Repo.themes])
        let terminal = VirtualTerminal(width: 120, height: 40)
        let state = AppState(user: user, databaseName: "first", isTrainingData: try store.isTrainingData(), readOnly: false,
                             size: Size(width: 120, height: 40), now: fixedNow, themeName: "default", canSwitchUser: false)
        let runtime = DeskRuntime(store: store, state: state, terminal: terminal, themeLoader: loader,
                                  theme: try loader.load(name: "default"), clock: { fixedNow })
        runtime.showFirstFrame()
        let first = runtime.state
        let top = try store.approvalQueue(limit: first.queue.pageSize).rows
        #expect(first.queue.rows.map(\.application.id) == top.map(\.application.id))
        #expect(first.detail?.application.id == top.first?.application.id, "the selected profile is in the first frame")
        #expect(!first.alerts.isLoaded && first.alerts.rows.isEmpty, "the alerts are not waited for")
        #expect(first.pricingTable.isEmpty, "nor is the pricing table")
        let firstScreen = terminal.screenText
        #expect(firstScreen.contains("1/\(try store.queueCount())"), "the queue's counter is in the first frame")
        #expect(firstScreen.components(separatedBy: "loading…").count - 1 == 2, "the alerts and pricing panes say loading…")

        runtime.settle()
        runtime.redraw()
        let filled = runtime.state
        #expect(filled.alerts.isLoaded && !filled.alerts.rows.isEmpty)
        #expect(filled.alerts.counts == (try store.openAlertCounts(now: fixedNow)))
        #expect(!filled.pricingTable.isEmpty)
        #expect(!terminal.screenText.contains("loading…"))
    }

    @Test func theQueueAndAlertPositionsFollowMovesWithoutCounting() throws {
        let desk = try DeskHarness()
        var random = MarketRandom(seed: 41)
        let keys: [Key] = [.character("j"), .character("j"), .character("j"), .character("k"), .pageDown, .pageDown, .pageUp,
                           .character("G"), .character("g")]
        let queue = try desk.wholeQueue().map(\.application.id)  // nothing writes meanwhile
        for step in 0..<80 {
            let key = keys[random.index(keys.count)]
            desk.press(key)
            let q = desk.state.queue
            #expect(q.positionIsKnown && q.totalIsKnown && q.total == queue.count)
            #expect(q.position + q.selected == queue.firstIndex(of: q.selectedRow?.application.id ?? ""), "queue after step \(step) (\(key))")
        }
        #expect(desk.state.live.pending.isEmpty)

        desk.press(.character("3"))
        #expect(desk.state.focus == .alerts)
        let all = try desk.store.openAlerts(after: nil, limit: 10_000, now: fixedNow).map(\.alert.id)
        for step in 0..<60 {
            let key = keys[random.index(keys.count)]
            desk.press(key)
            let a = desk.state.alerts
            #expect(a.positionIsKnown)
            #expect(a.position + a.selected == all.firstIndex(of: a.selectedAlert?.id ?? -1), "alerts after step \(step) (\(key))")
        }
    }

    @Test func aJumpAndAnotherConsolesInsertAreLocatedAfterTheFrame() throws {
        let desk = try DeskHarness()
        let queue = try desk.wholeQueue()
        let target = queue[queue.count / 2].application.id
        desk.goTo(target)
        #expect(desk.state.queue.positionIsKnown)
        #expect(desk.state.queue.position + desk.state.queue.selected == queue.count / 2)

        // Another console puts an application at the very top: the change log's reload cannot tell how the window
        // moved, so the counter says "?" until the position is located.
        let other = try RiskStore.open(at: desk.path)
        var first = try #require(queue.first).application
        first.id = "APP-TOP"
        first.slaDue = first.slaDue.addingTimeInterval(-86_400)
        try other.write { db in try Rows.insert(first, modelVersion: nil, db) }
        desk.runtime.send(.pollDue)
        _ = desk.runtime.deliverResults()
        while desk.state.live.pending.contains(where: { if case .pollChanges = $0 { true } else { false } }) {
            desk.runtime.deliverResults()
        }
        desk.runtime.redraw()
        if !desk.state.queue.positionIsKnown {
            #expect(desk.row(containing: "?/\(queue.count + 1)") != nil || desk.row(containing: "?/\(queue.count)") != nil)
        }
        desk.runtime.settle()
        desk.runtime.redraw()
        #expect(desk.state.queue.positionIsKnown)
        #expect(desk.state.queue.total == queue.count + 1)
        #expect(desk.state.queue.position + desk.state.queue.selected == queue.count / 2 + 1, "one row more above the window")
        #expect(desk.row(containing: "\(queue.count / 2 + 2)/\(queue.count + 1)") != nil)
    }

    @Test func aChangeOutsideTheWindowMarksThePositionUnknownAndAsksForItOffThePath() throws {
        let desk = try DeskHarness()
        var state = desk.state
        state.live.seq = 1
        let effects = state.reduce(.changesArrived([ChangeEntry(seq: 2, at: fixedNow, kind: "stage", subject: "APP-ELSEWHERE")]))
        #expect(effects.contains(.loadQueue(.reload)))
        #expect(!state.queue.positionIsKnown)
        let rows = state.queue.rows
        let afterLoad = state.reduce(.queueLoaded(rows: rows, position: nil, total: 10, selected: 0))
        #expect(afterLoad.contains(.locateQueue(priorityKey: rows[0].priorityKey)))
        #expect(QueuePaneView.counter(state.queue) == "?/10")
        // The located row may have scrolled: its index in the window gives the position.
        _ = state.reduce(.queueLocated(filter: state.queue.filter, key: rows[2].priorityKey, position: 7))
        #expect(state.queue.positionIsKnown && state.queue.position == 5)
        #expect(QueuePaneView.counter(state.queue) == "6/10")
        // A change to a row inside the window leaves the position exact.
        let inside = state.reduce(.changesArrived([ChangeEntry(seq: 3, at: fixedNow, kind: "stage", subject: rows[1].application.id)]))
        #expect(inside.contains(.loadQueue(.reload)) && state.queue.positionIsKnown)
    }
}
