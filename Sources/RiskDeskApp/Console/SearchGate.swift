import Foundation

/// The newest `/` search generation handed to the worker, shared by the jobs: a search or count job that finds
/// a newer generation when its turn comes does nothing, so typing fast never queues stale queries.
final class SearchGate: @unchecked Sendable {
    private let lock = NSLock()
    private var newest = 0

    /// Records `generation` as the newest search (called on the UI thread when the job is made, in key order).
    func open(_ generation: Int) {
        lock.lock()
        newest = max(newest, generation)
        lock.unlock()
    }

    /// True when no newer search than `generation` has been asked for.
    func isCurrent(_ generation: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return generation >= newest
    }
}
