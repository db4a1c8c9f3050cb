import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// Runs the console the way Bubble Tea runs its commands: keys, ticks and polls go through `reduce`; the effects
/// it asks for run on a background worker and come back as actions through an inbox the loop drains; the loop
/// itself only reads keys, drains, ticks and draws (every ncurses call stays on this thread).
public final class DeskRuntime {
    public private(set) var state: AppState
    public private(set) var theme: Theme
    /// Replaced by the demo's `:reset` (the only time the console's store changes).
    private(set) var store: RiskStore
    let terminal: any Terminal
    let themeLoader: ThemeLoader
    let keyMap: KeyMap
    private var jobs: StoreJobs
    /// The running demo (`riskdesk demo`): its scratch copy, feed and `:reset`.
    public var demo: DemoSession?
    /// Writes every key of the session as a replayable command (`riskdesk demo --record FILE`).
    public var recorder: CommandRecorder?
    /// A recorded lesson playing in the live loop (`riskdesk demo --play FILE`).
    var playback: Playback?
    /// Why the console stopped by itself (the demo's copy could not be made again on `:reset`).
    public private(set) var failure: ConsoleFailure?
    private let worker = EffectWorker()
    private var lastFrame: Grid?
    /// Set by every action; the idle loop renders only when something happened since the last frame.
    private var isDirty = true
    private var clock: () -> Date

    public init(store: RiskStore, state: AppState, terminal: any Terminal, themeLoader: ThemeLoader, theme: Theme,
                keyMap: KeyMap = .standard, clock: @escaping () -> Date = Date.init) {
        self.store = store
        self.state = state
        self.terminal = terminal
        self.themeLoader = themeLoader
        self.theme = theme
        self.keyMap = keyMap
        self.clock = clock
        self.jobs = StoreJobs(store: store, feed: try? store.makeChangeFeed())
        self.state.queue.pageSize = QueueLayout.visibleRows(for: self.state)
        self.state.alerts.pageSize = AlertsLayout.visibleRows(for: self.state)
    }

    /// Draws the first frame, then waits for every pane to fill in and draws again (tests and the benchmark's
    /// "every pane filled"; the live console calls `showFirstFrame` and lets its loop deliver the rest).
    public func start() {
        showFirstFrame()
        settle()
        redraw()
    }

    /// Draws the first frame as soon as the first queue page and the selected application's profile are read; then
    /// asks for the rest (alerts, pricing, where the change log stands) without waiting: those panes say
    /// "loading…" until their results arrive (`settle()` or the loop's `deliverResults()`).
    ///
    /// The change log's position is read before the queue (cheap: the newest seq), so a change committed between
    /// the two reads is replayed rather than missed.
    public func showFirstFrame() {
        send(.tick(clock()))
        dispatch(state.track([.startLive, .loadQueue(.top)]))
        while state.live.pending.contains(where: { $0 == .startLive || $0.movesQueue || $0.isDetailLoad }) {
            if !deliverResults() { _ = worker.waitForResults() }
        }
        redraw()
        dispatch(state.track([.loadAlerts(.top), .loadPricing]))
    }

    /// Sends one action through the reducer and hands the effects it asks for to the worker (it does not wait).
    public func send(_ action: Action) {
        isDirty = true
        dispatch(state.reduce(action, keyMap: keyMap))
    }

    /// Starts each effect: store work on the worker with the values it needs copied now; a theme on this thread.
    private func dispatch(_ effects: [Effect]) {
        for effect in effects {
            if case let .setTheme(name) = effect {
                worker.post(effect, [loadTheme(name)])
                continue
            }
            if effect == .resetDemo {
                resetDemo()
                continue
            }
            let context = StoreJobs.Context(queue: state.queue, alerts: state.alerts, userName: state.user.name, now: clock())
            worker.submit(effect, jobs.job(for: effect, context: context))
        }
    }

    /// Delivers every result waiting in the inbox: its actions, then its `.finished` (which replays held keys).
    /// Returns true when anything was delivered.
    @discardableResult
    public func deliverResults() -> Bool {
        let results = worker.drain()
        for result in results {
            for action in result.actions { send(action) }
            send(.finished(result.effect))
        }
        return !results.isEmpty
    }

    /// Waits until no effect is running and every result has been delivered (and whatever those asked for, too).
    /// Tests and the benchmark drive the console with it; the live loop never waits.
    public func settle() {
        while true {
            deliverResults()
            if worker.isIdle { return }
            _ = worker.waitForResults()
        }
    }

    /// Handles one key, waits for what it asked of the store, then redraws (tests and the benchmark).
    public func press(_ key: Key) {
        handle(key)
        settle()
        redraw()
    }

    /// Handles one key and draws as soon as `isShown` holds (the key's own result is in the state), without waiting
    /// for what runs beside it, such as a filter's match count: the benchmark's per-keystroke figure of the filter.
    public func press(_ key: Key, until isShown: (AppState) -> Bool) {
        handle(key)
        while !isShown(state) {
            if deliverResults() { continue }
            if !worker.waitForResults() && worker.isIdle { break }
        }
        redraw()
    }

    /// Sends one key through the reducer without drawing (the recorder sees it first, with the state it acts on).
    func handle(_ key: Key) {
        recorder?.record(key, state: state, keyMap: keyMap)
        if key == .resize {
            send(.resize(terminal.size))
        } else {
            send(.key(key))
        }
    }

    /// The most keys handled between two frames: a paste arrives as a burst of keys, and drawing once per
    /// burst (not per key) keeps a long paste linear; the cap still shows progress during a huge one.
    static let keysPerFrame = 4_096

    /// A key read ahead by the last burst and not yet handled (the burst reached `keysPerFrame`).
    private var heldKey: Key?

    /// Handles `first` and every key already waiting behind it (up to `keysPerFrame`), waits for their effects,
    /// then draws once. Returns how many keys were handled.
    @discardableResult
    public func pressBurst(startingWith first: Key) -> Int {
        let handled = readBurst(startingWith: first)
        settle()
        redraw()
        return handled
    }

    /// Handles `first` and every key already waiting behind it (up to `keysPerFrame`), without waiting.
    /// Keys keep their meaning however fast they come: a paste is told apart by the terminal's bracketed-paste
    /// markers (see `AppState.handlePasted`), never by timing, so a fast typist's Enter is still Enter.
    private func readBurst(startingWith first: Key) -> Int {
        var key = first
        var handled = 0
        while true {
            let next = terminal.readKey(timeoutMilliseconds: 0)
            handle(key)
            handled += 1
            guard let following = next else { break }
            if state.shouldQuit || handled >= Self.keysPerFrame {
                heldKey = following  // the next burst starts with it
                break
            }
            key = following
        }
        return handled
    }

    /// Presents the current state if the frame differs from the last one presented.
    public func redraw() {
        isDirty = false
        let frame = Screen.render(state, theme: theme, keyMap: keyMap)
        if frame != lastFrame {
            terminal.present(frame)
            lastFrame = frame
        }
    }

    /// How long the loop waits for a key before it drains the inbox again (results show within this).
    static let keyWaitMilliseconds = 20
    /// How often the change log is looked at.
    static let pollInterval: TimeInterval = 0.25

    /// The main loop: reads keys (short waits), delivers results, asks for a poll of the change log ~4 times a
    /// second, ticks the clock each second, and draws when something changed. It never waits on the store.
    public func run() {
        var lastTick = clock()
        var lastPoll = clock()
        while !state.shouldQuit {
            if NCursesTerminal.interruptRequested { break }
            if playback != nil {
                stepPlayback()
                continue
            }
            if let key = heldKey.take() ?? terminal.readKey(timeoutMilliseconds: Self.keyWaitMilliseconds) {
                _ = readBurst(startingWith: key)
                deliverResults()
                redraw()
                continue
            }
            deliverResults()
            let now = clock()
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                send(.tick(now))
                // The demo's feed stopping by itself is said once, not left to the freshness figure to show.
                if let problem = demo?.unreportedFeedFailure() { send(.failed(problem)) }
            }
            if now.timeIntervalSince(lastPoll) >= Self.pollInterval {
                lastPoll = now
                send(.pollDue)
            }
            if isDirty { redraw() }
        }
        settle()  // a write asked for before quitting completes (and is shown in the store) before we return
    }

    /// `:reset` confirmed: waits for the work in flight, has the demo put its copy back (feed stopped, every
    /// connection closed, sample copied and shifted, store reopened, feed restarted), then starts the console over
    /// as at launch: the demo's first persona, no filters, nothing open, the tour restarted when it was running.
    private func resetDemo() {
        guard let demo else {
            worker.post(.resetDemo, [.failed(":reset works in riskdesk demo only")])
            return
        }
        settle()
        let started = Date()
        let now = clock()
        let old = state
        let reopened: RiskStore
        let warning: String?
        do throws(ConsoleFailure) {
            (reopened, warning) = try demo.reset(closing: store, changeFeed: jobs.feed, now: now)
        } catch {
            // The copy could not be made again: nothing works without a store, so the console stops with the reason.
            failure = error
            state.say(error.description, error: true)
            state.shouldQuit = true
            return
        }
        store = reopened
        jobs = StoreJobs(store: reopened, feed: try? reopened.makeChangeFeed())
        let user = ((try? reopened.user(named: demo.startUser)) ?? nil) ?? old.user
        var fresh = AppState(user: user, databaseName: old.databaseName, isTrainingData: (try? reopened.isTrainingData()) ?? old.isTrainingData,
                             readOnly: old.readOnlyFlag, size: old.size, now: now, themeName: old.themeName, canSwitchUser: old.canSwitchUser)
        fresh.isDemo = old.isDemo
        fresh.queue.pageSize = QueueLayout.visibleRows(for: fresh)
        fresh.alerts.pageSize = AlertsLayout.visibleRows(for: fresh)
        state = fresh
        showFirstFrame()
        if old.tour != nil { dispatch(state.track(state.restartTour())) }
        let took = String(format: "%.2f", Date().timeIntervalSince(started))
        state.say(warning ?? "demo reset in \(took) s: the bundled sample again, as \(user.name)", error: warning != nil)
        isDirty = true
    }

    private func loadTheme(_ name: String) -> Action {
        do {
            theme = try themeLoader.load(name: name).adapted(to: terminal.colorDepth)
            if terminal.colorDepth == .none { theme = try themeLoader.load(name: "mono") }
            return .themeChanged(name)
        } catch {
            return .failed(error.description)
        }
    }
}
