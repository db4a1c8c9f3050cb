import Foundation
import RiskCore
import RiskStore
import Synchronization
import TerminalUI

/// The live desk's figures: the feed's throughput at the desk's rate, a console's keys while it writes, and how
/// long a commit takes to show in another console (two stores on the same file, as two processes would be).
enum LiveFigures {
    static func run(_ bed: ConsoleBenchmark.Bed, feedSeconds: Double, report: (BenchFigure) -> Void) throws(StoreError) {
        report(.note("— live (the feed writes from its own connection and thread) —"))
        let feedStore = try RiskStore.open(at: bed.path)
        let feed = FeedThread(store: feedStore, ticksPerSecond: 50)
        let runtime = try bed.runtime()
        runtime.start()
        runtime.settle()
        feed.start()
        // Keys at a brisk typist's pace (one every 20 ms) with the change log polled as the live loop does.
        var keySamples: [Double] = []
        let started = Date()
        var lastPoll = started
        var downward = true
        while Date().timeIntervalSince(started) < feedSeconds {
            if Date().timeIntervalSince(lastPoll) >= DeskRuntime.pollInterval {
                lastPoll = Date()
                runtime.send(.pollDue)
            }
            let key: Key = downward ? .character("j") : .character("k")
            keySamples.append(milliseconds { runtime.press(key) })
            if keySamples.count % 100 == 0 { downward.toggle() }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let run = feed.stop()
        report(BenchFigure(name: "key → redraw j/k while the feed writes", samples: keySamples))
        if let failure = run.failure { report(.note("  the feed stopped: \(failure)")) }
        let seconds = max(0.001, run.seconds)
        report(BenchFigure(name: "feed batch (50 ticks/s requested)", samples: run.batchMilliseconds))
        report(.note(String(format: "  feed: %.1f ticks/s, %.0f accounts revalued/s, %.0f alert rules evaluated/s over %.1f s",
                            Double(run.totals.ticks) / seconds, Double(run.totals.accountsRevalued) / seconds,
                            Double(run.totals.alerts.evaluated) / seconds, run.seconds)))
        try commitToOtherConsole(bed, report: report)
    }

    /// Console B shows the desk; store A raises a critical alert (as the engine or another desk would); the figure
    /// is the time from A's commit to B's frame counting it. B runs the live loop's cadence: results delivered every
    /// 20 ms (the key wait), the change log polled every `DeskRuntime.pollInterval`.
    static func commitToOtherConsole(_ bed: ConsoleBenchmark.Bed, report: (BenchFigure) -> Void) throws(StoreError) {
        let other = try RiskStore.open(at: bed.path)
        let console = try bed.runtime(on: other)
        console.start()
        console.settle()
        var samples: [Double] = []
        var lastPoll = Date()
        func loop(for seconds: Double, until done: () -> Bool = { false }) -> Bool {
            let start = Date()
            while Date().timeIntervalSince(start) < seconds {
                if console.deliverResults() { console.redraw() }
                if done() { return true }
                if Date().timeIntervalSince(lastPoll) >= DeskRuntime.pollInterval {
                    lastPoll = Date()
                    console.send(.pollDue)
                }
                Thread.sleep(forTimeInterval: Double(DeskRuntime.keyWaitMilliseconds) / 1_000)
            }
            return done()
        }
        var random = SystemRandomNumberGenerator()
        for n in 0..<30 {
            _ = loop(for: Double.random(in: 0.05...0.3, using: &random))
            let before = console.state.alerts.counts[.critical] ?? 0
            let candidate = AlertCandidate(rule: .marginCloseOut, severity: .critical, subject: "account:BENCH\(n)-\(UUID().uuidString.prefix(8))",
                                           message: "benchmark alert \(n)")
            guard try bed.store.raise(candidate) != nil else { continue }
            let committed = DispatchTime.now().uptimeNanoseconds
            if loop(for: 5, until: { (console.state.alerts.counts[.critical] ?? 0) > before }) {
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - committed) / 1_000_000)
            } else {
                report(.note("  alert \(n) not counted on the other console after 5 s"))
            }
        }
        report(BenchFigure(name: "commit → another console's frame", samples: samples))
    }
}

/// The market feed on its own thread and connection at a fixed rate, as `riskdesk feed` runs it.
final class FeedThread: Sendable {
    struct Run: Sendable {
        var totals = FeedTotals()
        var batchMilliseconds: [Double] = []
        var seconds = 0.0
        var failure: String?
    }

    let store: RiskStore
    let ticksPerSecond: Int
    let interval = 0.15
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Mutex<Run?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(store: RiskStore, ticksPerSecond: Int) {
        self.store = store
        self.ticksPerSecond = ticksPerSecond
    }

    func start() {
        let thread = Thread { [self] in
            var run = Run()
            let started = Date()
            do {
                var driver = try FeedDriver(store: store, seed: 7, now: started)
                var carry = 0.0
                var next = started
                while !stopRequested.load(ordering: .acquiring) {
                    carry += Double(ticksPerSecond) * interval
                    let count = Int(carry.rounded(.down))
                    carry -= Double(count)
                    let ms = try milliseconds { () throws(StoreError) in _ = try driver.step(ticks: count, at: Date()) }
                    run.batchMilliseconds.append(ms)
                    next = next.addingTimeInterval(interval)
                    let wait = next.timeIntervalSince(Date())
                    if wait > 0 { Thread.sleep(forTimeInterval: wait) } else { next = Date() }
                }
                run.totals = driver.totals
            } catch {
                run.failure = "\(error)"
            }
            run.seconds = Date().timeIntervalSince(started)
            finished.withLock { $0 = run }
            done.signal()
        }
        thread.start()
    }

    /// Asks the thread to stop after its current batch and returns what it did.
    func stop() -> Run {
        stopRequested.store(true, ordering: .releasing)
        done.wait()
        return finished.withLock { $0 } ?? Run()
    }
}
