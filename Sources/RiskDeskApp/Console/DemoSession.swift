import Foundation
import RiskCore
import RiskStore

/// The demo's scratch copy of the bundled sample: made when `riskdesk demo` starts and made again by `:reset`,
/// the same way both times (the bundled file is only ever read, by a file copy).
public struct DemoCopy: Sendable {
    /// The bundled sample database (never opened, never written).
    public let samplePath: String
    /// The scratch copy the console works on.
    public let scratchPath: String

    public init(samplePath: String, scratchPath: String) {
        self.samplePath = samplePath
        self.scratchPath = scratchPath
    }

    /// Copies the sample over the scratch path (an older copy and its `-wal`/`-shm` files removed first) and shifts
    /// the copy's times so the sample's "now" is `now` (it is marked as training data, so the shift is allowed).
    /// Returns a warning for the status line when the shift failed (the copy then keeps the sample's own dates).
    public func prepare(now: Date, by actor: String = "trainer") throws(ConsoleFailure) -> String? {
        let fm = FileManager.default
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: scratchPath + suffix) {
            do { try fm.removeItem(atPath: scratchPath + suffix) } catch {
                throw ConsoleFailure(kind: .data, description: "cannot remove the old demo copy \(scratchPath + suffix): \(error.localizedDescription)")
            }
        }
        do {
            try fm.copyItem(atPath: samplePath, toPath: scratchPath)
        } catch {
            throw ConsoleFailure(kind: .data, description: "cannot copy \(samplePath) to \(scratchPath): \(error.localizedDescription)")
        }
        do throws(StoreError) {
            let store = try RiskStore.open(at: scratchPath)
            defer { try? store.close() }
            try store.rebaseTimes(to: now, by: actor)
            return nil
        } catch {
            return "could not shift the demo's times (\(error.description)); continuing with the sample's own dates"
        }
    }
}

/// A running demo: its scratch copy, the in-process market feed on it, and `:reset` (feed stopped, store closed,
/// copy made again, store reopened, feed restarted).
public final class DemoSession {
    public let copy: DemoCopy
    /// The feed's settings; nil runs no feed (`--no-feed`, or while a recorded lesson plays).
    public let feedOptions: DemoFeed.Options?
    /// Who the demo starts as, and who the console is again after `:reset`.
    public let startUser: String
    public private(set) var feed: DemoFeed?
    /// Why the feed is not running, when it failed to start or stopped on an error.
    public private(set) var feedProblem: String?

    public init(copy: DemoCopy, feedOptions: DemoFeed.Options?, startUser: String) {
        self.copy = copy
        self.feedOptions = feedOptions
        self.startUser = startUser
    }

    /// Starts the feed on the scratch copy (nothing when it is off or already running).
    public func startFeed() {
        guard let feedOptions, feed == nil else { return }
        do throws(StoreError) {
            feed = try DemoFeed.start(path: copy.scratchPath, options: feedOptions)
            feedProblem = nil
            feedFailureReported = false
        } catch {
            feedProblem = "the demo's market feed did not start: \(error.description)"
        }
    }

    /// The feed's failure, once: the feed stopped by itself (a batch it could not write) since the last call.
    public func unreportedFeedFailure() -> String? {
        guard let feed, feed.hasStopped, !feedFailureReported, let problem = feed.failure else { return nil }
        feedFailureReported = true
        feedProblem = "the demo's market feed stopped: \(problem)"
        return feedProblem
    }

    private var feedFailureReported = false

    /// Stops the feed between two batches and waits until its thread has closed its connection.
    public func stopFeed() {
        feed?.stop()
        if let problem = feed?.failure { feedProblem = "the demo's market feed stopped: \(problem)" }
        feed = nil
    }

    /// Puts the scratch copy back as the sample was: stops the feed, closes `store` (the console's, whose every
    /// connection must be closed first), prepares the copy again, opens it and restarts the feed.
    /// Returns the new store and a warning for the status line.
    public func reset(closing store: RiskStore, changeFeed: ChangeFeed?, now: Date) throws(ConsoleFailure) -> (RiskStore, String?) {
        stopFeed()
        changeFeed?.close()
        try? store.close()
        let warning = try copy.prepare(now: now)
        let reopened: RiskStore
        do throws(StoreError) { reopened = try RiskStore.open(at: copy.scratchPath) } catch {
            throw ConsoleFailure(kind: .data, description: "cannot reopen the demo copy: \(error.description)")
        }
        startFeed()
        return (reopened, warning ?? feedProblem)
    }
}
