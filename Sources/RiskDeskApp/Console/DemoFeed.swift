import Foundation
import RiskCore
import RiskStore

/// The market feed of `riskdesk demo`, run in-process on its own thread and its own connection to the scratch copy,
/// at a gentle pace (a batch about every second), so alerts arrive while the trainer talks. Each batch is one
/// transaction: stopping (quit, Ctrl-C, `:reset`) waits for the batch in flight, and a crash leaves no half of one.
public final class DemoFeed: @unchecked Sendable {
    /// How the demo's feed runs.
    public struct Options: Sendable, Hashable {
        /// The seed of the ticks and desk events (`--feed-seed`): the same seed gives the same batches.
        public var seed: UInt64
        /// Seconds between batches.
        public var interval: TimeInterval
        /// Ticks per batch.
        public var ticksPerBatch: Int
        /// Who runs it (trainers may run the feed on training data).
        public var operatorName: String

        public init(seed: UInt64 = 1, interval: TimeInterval = 1, ticksPerBatch: Int = 20, operatorName: String = "trainer") {
            self.seed = seed
            self.interval = interval
            self.ticksPerBatch = ticksPerBatch
            self.operatorName = operatorName
        }
    }

    private let condition = NSCondition()
    private var stopRequested = false
    private var isFinished = false
    private var batchCount = 0
    private var error: String?

    private init() {}

    /// Opens a connection to `path`, checks the operator may run the feed, and starts the thread.
    public static func start(path: String, options: Options) throws(StoreError) -> DemoFeed {
        let store = try RiskStore.open(at: path)
        let driver: FeedDriver
        do throws(StoreError) {
            _ = try store.feedOperator(requested: options.operatorName)
            driver = try FeedDriver(store: store, seed: options.seed, now: Date())
        } catch {
            try? store.close()
            throw error
        }
        let feed = DemoFeed()
        let thread = Thread { [feed, driver] in
            var running = driver
            feed.loop(&running, options: options)
            try? store.close()
            feed.finish()
        }
        thread.name = "riskdesk.demo-feed"
        thread.start()
        return feed
    }

    private func loop(_ driver: inout FeedDriver, options: Options) {
        var next = Date()
        while true {
            condition.lock()
            while !stopRequested && Date() < next { _ = condition.wait(until: next) }
            let stopping = stopRequested
            condition.unlock()
            if stopping { return }
            do throws(StoreError) {
                _ = try driver.step(ticks: options.ticksPerBatch, at: Date())
            } catch {
                condition.lock()
                self.error = error.description
                condition.unlock()
                return
            }
            condition.lock()
            batchCount += 1
            condition.unlock()
            next = max(Date(), next.addingTimeInterval(options.interval))
        }
    }

    private func finish() {
        condition.lock()
        isFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Asks the thread to stop after the batch in flight and waits until it has closed its connection.
    public func stop() {
        condition.lock()
        stopRequested = true
        condition.broadcast()
        while !isFinished { condition.wait() }
        condition.unlock()
    }

    /// True once the thread has ended (stopped, or failed: see `failure`).
    public var hasStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return isFinished
    }

    /// Batches written so far.
    public var batches: Int {
        condition.lock()
        defer { condition.unlock() }
        return batchCount
    }

    /// Why the feed stopped by itself, if it did.
    public var failure: String? {
        condition.lock()
        defer { condition.unlock() }
        return error
    }
}
