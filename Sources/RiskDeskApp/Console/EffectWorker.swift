import Foundation

/// Runs effects off the UI thread, in order, on one serial queue (so writes happen in the order the keys asked
/// for them), and hands their results back through a thread-safe inbox the UI loop drains. Slow reads nothing
/// waits on (`Effect.runsBeside`) run in order on a second lane.
final class EffectWorker: @unchecked Sendable {
    /// A finished effect and the actions it produced.
    struct Result: Sendable {
        var effect: Effect
        var actions: [Action]
    }

    private let queue = DispatchQueue(label: "riskdesk.store-effects")
    /// A second lane for reads that may be slow and that nothing waits on (a filter's match count).
    private let besideQueue = DispatchQueue(label: "riskdesk.store-effects-beside")
    private let condition = NSCondition()
    private var inbox: [Result] = []
    private var running = 0

    /// Runs `job` on the worker queue; its actions arrive in the inbox tagged with `effect`.
    func submit(_ effect: Effect, _ job: @escaping @Sendable () -> [Action]) {
        condition.lock()
        running += 1
        condition.unlock()
        (effect.runsBeside ? besideQueue : queue).async { [self] in
            let actions = job()
            condition.lock()
            inbox.append(Result(effect: effect, actions: actions))
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Puts the result of an effect that ran on the UI thread (a theme) straight into the inbox, in order.
    func post(_ effect: Effect, _ actions: [Action]) {
        condition.lock()
        inbox.append(Result(effect: effect, actions: actions))
        condition.broadcast()
        condition.unlock()
    }

    /// Everything in the inbox, oldest first, leaving it empty.
    func drain() -> [Result] {
        condition.lock()
        defer { condition.unlock() }
        let results = inbox
        inbox.removeAll()
        return results
    }

    /// True when no effect is running and the inbox is empty.
    var isIdle: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running == 0 && inbox.isEmpty
    }

    /// Blocks until the inbox has something or nothing is running; true when there is something to drain.
    func waitForResults() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while inbox.isEmpty && running > 0 { condition.wait() }
        return !inbox.isEmpty
    }
}
