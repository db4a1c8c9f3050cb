import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// The `/` filter applied as it is typed: each keystroke asks for a search that supersedes the one before, keys are
/// never held for it, stale results are ignored, Enter keeps the filter and Esc puts back the previous one.
@Suite("filter as you type", .serialized)
struct FilterAsYouTypeTests {
    static func typing(_ state: inout AppState, _ text: String) -> [[Effect]] {
        text.map { state.reduce(.key(.character($0))) }
    }

    @Test("each keystroke sends a search and a count of a new generation, and no key waits for them")
    func keystrokesSendSupersedingSearches() throws {
        var state = Desk.state(Desk.supervisor)
        _ = state.reduce(.key(.character("/")))
        let effects = Self.typing(&state, "张伟")
        #expect(effects == [[.searchQueue(generation: 1, confirmed: false), .countQueueMatches(generation: 1)],
                            [.searchQueue(generation: 2, confirmed: false), .countQueueMatches(generation: 2)]])
        #expect(state.queue.filter.text == "张伟")
        #expect(!state.live.isHoldingKeys, "typing never waits on the store")
        // A third key is handled at once, with both searches still in flight.
        _ = state.reduce(.key(.backspace))
        #expect(state.prompt?.field.text == "张")
        #expect(state.queue.searchGeneration == 3)
        #expect(state.live.heldKeys.isEmpty)

        // Results of superseded searches are ignored; the newest one is shown, and its count when it comes.
        let stale = [Desk.row("APP-000001"), Desk.row("APP-000002")]
        _ = state.reduce(.queueSearched(generation: 1, rows: stale))
        _ = state.reduce(.queueMatchesCounted(generation: 2, count: QueueMatchCount(count: 2, isCapped: false)))
        #expect(state.queue.rows.map(\.application.id) == ["APP-000101"])
        #expect(state.queue.matchCount == nil)
        let fresh = [Desk.row("APP-000201"), Desk.row("APP-000202"), Desk.row("APP-000203")]
        let loadsDetail = state.reduce(.queueSearched(generation: 3, rows: fresh))
        #expect(state.queue.rows.map(\.application.id) == ["APP-000201", "APP-000202", "APP-000203"])
        #expect(loadsDetail == [.loadDetail(applicationID: "APP-000201")])
        _ = state.reduce(.queueMatchesCounted(generation: 3, count: QueueMatchCount(count: 1_000, isCapped: true)))
        #expect(state.queue.matchCount == QueueMatchCount(count: 1_000, isCapped: true))
        let title = Screen.render(state, theme: try Desk.theme())
        #expect(title.text(in: Rect(x: 0, y: 1, width: title.width, height: 1), row: 1).contains("1/1,000+"))
    }

    @Test("Enter before the page arrived searches again holding keys; Esc puts back the filter the prompt opened with")
    func enterKeepsAndEscapeRestores() {
        var state = Desk.state(Desk.supervisor)
        state.queue.filter.text = "李"
        _ = state.reduce(.key(.character("/")))
        _ = Self.typing(&state, "娜")
        #expect(state.queue.filter.text == "李娜")
        let enter = state.reduce(.key(.enter))
        #expect(enter == [.searchQueue(generation: 1, confirmed: true)])
        #expect(state.live.isHoldingKeys, "keys after Enter act on the filtered rows")
        #expect(state.prompt == nil && state.queue.filter.text == "李娜")

        var other = Desk.state(Desk.supervisor)
        other.queue.filter.text = "李"
        _ = other.reduce(.key(.character("/")))
        _ = Self.typing(&other, "娜")
        _ = other.reduce(.queueSearched(generation: 1, rows: [Desk.row("APP-000301")]))
        #expect(other.reduce(.key(.escape)) == [.searchQueue(generation: 2, confirmed: true), .countQueueMatches(generation: 2)])
        #expect(other.prompt == nil)
        #expect(other.queue.filter.text == "李")
    }

    @Test("a newer search drops the queued older one before it runs")
    func staleJobsAreDropped() throws {
        let dir = try ScratchDir()
        defer { dir.remove() }
        let store = try RiskStore.open(at: try dir.sampleCopy())
        let jobs = StoreJobs(store: store, feed: nil)
        var queue = QueueState()
        queue.filter.text = "APP-0001"
        queue.pageSize = 5
        let context = StoreJobs.Context(queue: queue, alerts: AlertsState(), userName: "zhao.min", now: fixedNow)
        let first = jobs.job(for: .searchQueue(generation: 1, confirmed: false), context: context)
        let firstCount = jobs.job(for: .countQueueMatches(generation: 1), context: context)
        let second = jobs.job(for: .searchQueue(generation: 2, confirmed: false), context: context)
        #expect(first().isEmpty, "superseded before it ran")
        #expect(firstCount().isEmpty)
        let actions = second()
        let expected = try store.approvalQueue(filter: queue.filter, limit: 5).rows
        #expect(!expected.isEmpty)
        guard actions.count == 1, case let .queueSearched(generation, rows) = actions[0] else {
            Issue.record("expected one queueSearched, got \(actions)")
            return
        }
        #expect(generation == 2)
        #expect(rows == expected)
    }

    @Test("typed on the sample as a fast burst, the final screen shows the final query's rows and its count")
    func typedBurstShowsTheFinalQuery() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let all = try desk.wholeQueue()
        let target = try #require(all.first { $0.customerName.hasCJK && $0.customerName.count >= 2 })
        let name = target.customerName
        let expected = all.filter { $0.customerName.contains(name) }
        let keys: [Key] = [.character("/")] + name.map { Key.character($0) }
        desk.terminal.enqueue(Array(keys.dropFirst()))
        desk.runtime.pressBurst(startingWith: keys[0])
        #expect(desk.state.prompt?.field.text == name)
        #expect(desk.state.queue.rows.map(\.application.id) == Array(expected.prefix(desk.state.queue.pageSize)).map(\.application.id))
        #expect(desk.state.queue.matchCount == QueueMatchCount(count: expected.count, isCapped: false))
        #expect(desk.screen.contains("1/\(expected.count)"))
        #expect(desk.row(containing: target.application.id) != nil)
        // Esc: back to the whole queue.
        desk.press(.escape)
        #expect(desk.state.queue.filter.text == "")
        #expect(desk.state.queue.rows.map(\.application.id) == Array(all.prefix(desk.state.queue.pageSize)).map(\.application.id))
        // And typed again, Enter keeps it.
        desk.press(.character("/"))
        desk.type(name)
        desk.press(.enter)
        #expect(desk.state.prompt == nil)
        #expect(desk.state.queue.filter.text == name)
        #expect(desk.state.queue.rows.first?.application.id == expected.first?.application.id)
    }
}
