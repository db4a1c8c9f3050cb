import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// `riskdesk demo`'s training mode: the in-process feed, `:reset`, and `t` in the `:calls` view.
@Suite("training mode: feed, reset, top-up", .serialized)
struct TrainingModeTests {
    @Test("the demo's feed writes whole batches on its own thread and stops between two of them")
    func feedStops() throws {
        let dir = try ScratchDir()
        defer { dir.remove() }
        let copy = DemoCopy(samplePath: Repo.sampleDatabase, scratchPath: dir.path("feed.sqlite"))
        _ = try copy.prepare(now: Date())
        let feed = try DemoFeed.start(path: copy.scratchPath, options: DemoFeed.Options(seed: 7, interval: 0.01, ticksPerBatch: 5))
        // Wait (bounded) until it has written a few batches.
        for _ in 0..<1_000 where feed.batches < 3 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(feed.batches >= 3)
        feed.stop()
        #expect(feed.hasStopped)
        #expect(feed.failure == nil)
        let written = feed.batches
        let store = try RiskStore.open(at: copy.scratchPath)
        // Every batch it counted is in the file (the sample has none of its own), and nothing after the stop.
        #expect(try store.latestMarketBatch()?.sequence == Int64(written))
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try store.latestMarketBatch()?.sequence == Int64(written), "no batch after stop()")
        #expect(try store.latestChange(ofKind: "market") != nil, "each batch tells consoles through the change log")
    }

    @Test(":reset asks, then puts the copy back as the sample was (a decision made before is gone), the console starts over as the trainer, and the bundled sample is unchanged")
    func resetRestores() throws {
        let sampleBefore = try sha256(of: Repo.sampleDatabase)
        // The feed starts with the reset (a feed writing at the real time would age this fixed-clock desk's claims).
        let desk = try TrainingHarness(feed: DemoFeed.Options(seed: 3, interval: 0.05, ticksPerBatch: 5), startsFeed: false)
        let id = try desk.freeApplication(upTo: Money(yuan: 900_000))
        desk.command("as wang.fang")
        desk.command("goto \(id)")
        desk.press(.character("a"), .enter)
        #expect(try desk.store.application(id)?.stage != .manualReview, "approved by the officer: \(desk.state.status?.text ?? "")")

        desk.command("reset")
        #expect(!desk.state.confirmsReset)
        #expect(desk.state.status?.text.contains("only the trainer resets the demo (you are wang.fang, officer)") == true)

        desk.command("as trainer")
        desk.command("stage escalated")
        desk.command("reset")
        #expect(desk.state.confirmsReset)
        #expect(desk.screen.contains("reset the demo to the bundled sample?"))
        desk.press(.escape)
        #expect(!desk.state.confirmsReset)
        #expect(try desk.store.application(id)?.stage != .manualReview, "Esc resets nothing")

        let oldStore = desk.store
        desk.command("reset")
        desk.press(.character("y"))
        #expect(desk.store !== oldStore, "the console works on the reopened copy")
        #expect(try desk.store.application(id)?.stage == .manualReview, "the approval made before the reset is gone")
        #expect(try desk.store.decisions(for: id).allSatisfy { $0.actor != "wang.fang" || $0.decidedAt < fixedNow })
        #expect(desk.state.user.name == "trainer")
        #expect(desk.state.queue.filter.stages.isEmpty, "filters cleared")
        #expect(desk.state.status?.text.hasPrefix("demo reset") == true)
        #expect(desk.state.queue.rows.count > 0, "the queue is shown again")
        // The feed runs (again, in the demo), on the new copy.
        let feed = try #require(desk.demo.feed)
        for _ in 0..<1_000 where feed.batches < 1 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(feed.batches >= 1)
        #expect(try desk.store.latestMarketBatch() != nil)
        desk.demo.stopFeed()
        #expect(try sha256(of: Repo.sampleDatabase) == sampleBefore, "the bundled sample is never written")
    }

    @Test(":reset is refused outside the demo and off training data, with the reason")
    func resetRefused() {
        var state = Desk.state(Desk.supervisor)
        _ = state.runCommand("reset")
        #expect(state.status?.text.hasPrefix(":reset works in riskdesk demo only") == true)
        #expect(!state.confirmsReset)
        state.isDemo = true
        _ = state.runCommand("reset")
        #expect(state.status?.text == ":reset works on training data only")
        state.isTrainingData = true
        state.user = User(name: "trainer", displayName: "Training Lead", role: .trainer, approvalLimit: Money(yuan: 20_000_000))
        #expect(state.runCommand("reset").isEmpty && state.confirmsReset)
        #expect(state.reduce(.key(.enter)) == [.resetDemo])
    }

    @Test("t in the :calls view tops the selected call up by its amount to recovery through the store: the call is met and audited")
    func topUpKey() throws {
        let desk = try DeskHarness(user: "zhao.min")
        desk.command("calls")
        let view = try #require(desk.state.callsOverlay)
        #expect(view.lines.count == 2)
        let call = view.lines[0].open.call
        #expect(call.topUp.fen > 0)
        desk.press(.character("t"))
        let top = try #require(try desk.store.auditTail(count: 5).last { $0.record.action == "account.top_up" })
        #expect(top.record.subject == "account:\(call.accountID)")
        #expect(top.record.after["amount_fen"] == String(call.topUp.fen))
        #expect(top.record.actor == "zhao.min")
        #expect(desk.state.status?.text == "\(call.accountID): top-up of \(call.topUp.formattedCompact) recorded, call met")
        #expect(desk.state.callsOverlay?.lines.count == 1, "the met call leaves the live calls")
        #expect(desk.state.callsOverlay?.lines.contains { $0.open.call.accountID == call.accountID } == false)
    }

    @Test("t is refused to a read-only auditor without writing")
    func topUpRefusedToAuditor() throws {
        var state = Desk.state(Desk.auditor)
        _ = state.reduce(.callsLoaded(CallsDesk.lines, opens: true))
        #expect(state.reduce(.key(.character("t"))).isEmpty)
        #expect(state.status?.isError == true)
        var officer = Desk.state(Desk.officer)
        _ = officer.reduce(.callsLoaded(CallsDesk.lines, opens: true))
        _ = officer.reduce(.key(.character("j")))
        #expect(officer.reduce(.key(.character("t"))) == [.topUpCall(accountID: "A000202", amount: Money(yuan: 15_500))])
    }
}
