import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// Runs the console: feeds keys, ticks and store changes through `reduce`, performs the effects
/// against the store, and presents `Screen.render` on a terminal only when the frame changed.
public final class DeskRuntime {
    public private(set) var state: AppState
    public private(set) var theme: Theme
    let store: RiskStore
    let terminal: any Terminal
    let themeLoader: ThemeLoader
    let keyMap: KeyMap
    private var changeFeed: ChangeFeed?
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
        self.changeFeed = try? store.makeChangeFeed()
        self.state.queue.pageSize = QueueLayout.visibleRows(for: self.state)
        self.state.alerts.pageSize = AlertsLayout.visibleRows(for: self.state)
    }

    /// Loads every pane and draws the first screen.
    public func start() {
        send(.tick(clock()))
        perform([.loadQueue(.top), .loadAlerts(.top), .loadPricing])
        redraw()
    }

    /// Sends one action through the reducer and performs the effects it asks for (and theirs).
    public func send(_ action: Action) {
        isDirty = true
        perform(state.reduce(action, keyMap: keyMap))
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            if let result = run(effect) { send(result) }
        }
    }

    /// Handles one key as the main loop would, then redraws.
    public func press(_ key: Key) {
        handle(key)
        redraw()
    }

    /// Sends one key through the reducer without drawing.
    private func handle(_ key: Key) {
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

    /// Handles `first` and every key already waiting behind it (up to `keysPerFrame`), then draws once.
    /// Returns how many keys were handled.
    ///
    /// A line break inside a paste is not a confirmation: while text is being entered (a dialog's field,
    /// the filter or command line), an Enter with more keys already waiting behind it is taken as a space,
    /// so a multi-line paste can neither submit a half-typed note nor spill its rest onto the queue as keys.
    @discardableResult
    public func pressBurst(startingWith first: Key) -> Int {
        var key = first
        var handled = 0
        while true {
            let next = terminal.readKey(timeoutMilliseconds: 0)
            handle(key == .enter && next != nil && state.isEnteringText ? .character(" ") : key)
            handled += 1
            guard let following = next else { break }
            if state.shouldQuit || handled >= Self.keysPerFrame {
                heldKey = following  // the next burst starts with it
                break
            }
            key = following
        }
        redraw()
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

    /// The main loop: waits up to 100 ms for a key, polls the change feed, ticks the clock each second.
    public func run() {
        var lastTick = clock()
        while !state.shouldQuit {
            if NCursesTerminal.interruptRequested { break }
            if let key = heldKey.take() ?? terminal.readKey(timeoutMilliseconds: 100) {
                pressBurst(startingWith: key)
                continue
            }
            let now = clock()
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                send(.tick(now))
            }
            switch changeFeed?.poll() {
            case true?: send(.storeChanged)
            case false? where now.timeIntervalSince(state.lastRefresh) >= 1: send(.dataConfirmed)
            default: break  // nothing new, or unreadable (then the header's data age keeps growing)
            }
            if isDirty { redraw() }
        }
    }

    // MARK: effects

    private func run(_ effect: Effect) -> Action? {
        do {
            switch effect {
            case let .loadQueue(move):
                return try loadQueue(move)
            case let .loadDetail(id):
                return .detailLoaded(try store.detail(of: id))
            case let .loadAlerts(move):
                return try loadAlerts(move)
            case .loadPricing:
                let maximum = try store.screeningPolicy().maximumLeverage
                return .pricingLoaded(Pricing.table(parameters: try store.pricingParameters(), sentiment: try store.sentiment(),
                                                    maximumLeverage: maximum), maximumLeverage: maximum)
            case let .claimAndOpen(kind, id):
                guard let row = state.queue.rows.first(where: { $0.application.id == id }) else { return .failed("\(id) is no longer in the queue") }
                var fresh = row
                if kind == .note {
                    fresh.application = try store.application(id) ?? row.application
                } else {
                    fresh.application = try store.claim(id, by: state.user.name, at: clock())
                    perform([.loadQueue(.reload)])
                }
                var dialog = DecisionDialog(kind: kind, row: fresh, policy: try store.approvalPolicy())
                if fresh.application.stage == .awaitingSecondApproval {
                    dialog.pendingProposal = FourEyes.pendingProposal(try store.decisions(for: id).map(\.past))
                }
                return .dialogOpened(dialog)
            case let .decide(request):
                do {
                    let outcome = try store.apply(request, at: clock())
                    return .decided(summary: "\(request.applicationID): \(outcome.summary)")
                } catch {
                    return .decisionFailed(error.description)
                }
            case let .addNote(id, text):
                do {
                    try store.addNote(id, by: state.user.name, text: text, at: clock())
                    return .decided(summary: "note added to \(id)")
                } catch {
                    return .decisionFailed(error.description)
                }
            case let .releaseClaim(id):
                try store.releaseClaim(id, by: state.user.name, at: clock())
                perform([.loadQueue(.reload)])
                return .info("released \(id)")
            case let .acknowledgeAlert(id):
                try store.acknowledgeAlert(id, by: state.user.name, at: clock())
                perform([.loadAlerts(.reload)])
                return .info("alert \(id) acknowledged")
            case let .goTo(id):
                return try goTo(id)
            case let .switchUser(name):
                // The core decides: personas switch freely on training data only.
                return .userSwitched(try store.actingUser(requested: name))
            case let .setTheme(name):
                do {
                    theme = try themeLoader.load(name: name).adapted(to: terminal.colorDepth)
                    if terminal.colorDepth == .none { theme = try themeLoader.load(name: "mono") }
                    return .themeChanged(name)
                } catch {
                    return .failed(error.description)
                }
            case .loadSettings:
                return .settingsLoaded(try store.settings())
            }
        } catch {
            return .failed(error.description)
        }
    }

    private func loadQueue(_ move: Effect.QueueMove) throws(StoreError) -> Action? {
        let q = state.queue
        let filter = q.filter
        let size = max(1, q.pageSize)
        func window(from key: String?, including: Bool) throws(StoreError) -> [QueueRow] {
            try store.approvalQueue(filter: filter, after: key, including: including, limit: size).rows
        }
        var rows: [QueueRow]
        var selected = q.selected
        switch move {
        case .reload:
            rows = q.rows.first.map { first in (try? window(from: first.priorityKey, including: true)) ?? [] } ?? []
            if rows.isEmpty { rows = try window(from: nil, including: false) }
            if let id = q.selectedRow?.application.id, let index = rows.firstIndex(where: { $0.application.id == id }) {
                selected = index
            }
        case .top:
            rows = try window(from: nil, including: false)
            selected = 0
        case .bottom:
            rows = try store.approvalQueueLastPage(filter: filter, limit: size)
            selected = rows.count - 1
        case .nextRow:
            guard let first = q.rows.first else { return nil }
            let shifted = try window(from: first.priorityKey, including: false)
            guard shifted.count > q.rows.count - 1, shifted.last?.priorityKey != q.rows.last?.priorityKey else {
                return .info("end of the queue")
            }
            rows = shifted
            selected = rows.count - 1
        case .previousRow:
            guard let first = q.rows.first else { return nil }
            let before = try store.approvalQueue(filter: filter, before: first.priorityKey, limit: 1)
            guard let previous = before.first else { return .info("top of the queue") }
            rows = [previous] + q.rows.prefix(size - 1)
            selected = 0
        case .nextPage:
            guard let last = q.rows.last else { return nil }
            let next = try window(from: last.priorityKey, including: false)
            guard !next.isEmpty else {
                selected = q.rows.count - 1
                return .queueLoaded(rows: q.rows, position: q.position, total: q.total, selected: selected)
            }
            rows = next
            selected = min(q.selected, next.count - 1)
        case .previousPage:
            guard let first = q.rows.first else { return nil }
            let previous = try store.approvalQueue(filter: filter, before: first.priorityKey, limit: size)
            guard !previous.isEmpty else {
                return .queueLoaded(rows: q.rows, position: q.position, total: q.total, selected: 0)
            }
            rows = previous
            if rows.count < size { rows += q.rows.prefix(size - rows.count) }
            selected = min(q.selected, rows.count - 1)
        }
        let position = try rows.first.map { first throws(StoreError) in try store.queuePosition(filter: filter, of: first.priorityKey) } ?? 0
        return .queueLoaded(rows: rows, position: position, total: try store.queueCount(filter: filter), selected: selected)
    }

    /// Moves the alerts window by keyset queries, as `loadQueue` moves the queue's.
    private func loadAlerts(_ move: Effect.QueueMove) throws(StoreError) -> Action? {
        let a = state.alerts
        let size = max(1, a.pageSize)
        var rows: [AlertRow]
        var selected = a.selected
        switch move {
        case .reload:
            rows = try a.rows.first.map { first throws(StoreError) in try store.openAlerts(after: first.key, including: true, limit: size) } ?? []
            if rows.count < size, let first = rows.first ?? a.rows.first {
                // The window's end was resolved or acknowledged away: fill it from before so it stays full.
                rows = try store.openAlerts(before: first.key, limit: size - rows.count) + rows
            }
            if rows.isEmpty { rows = try store.openAlerts(after: nil, limit: size) }
            if let id = a.selectedRow?.alert.id, let index = rows.firstIndex(where: { $0.alert.id == id }) { selected = index }
        case .top:
            rows = try store.openAlerts(after: nil, limit: size)
            selected = 0
        case .bottom:
            rows = try store.openAlertsLastPage(limit: size)
            selected = rows.count - 1
        case .nextRow:
            guard let last = a.rows.last else { return nil }
            guard let next = try store.openAlerts(after: last.key, limit: 1).first else { return .info("last alert") }
            rows = Array(a.rows.dropFirst(max(0, a.rows.count + 1 - size))) + [next]
            selected = rows.count - 1
        case .previousRow:
            guard let first = a.rows.first else { return nil }
            guard let previous = try store.openAlerts(before: first.key, limit: 1).first else { return .info("first alert") }
            rows = [previous] + a.rows.prefix(size - 1)
            selected = 0
        case .nextPage:
            guard let last = a.rows.last else { return nil }
            let next = try store.openAlerts(after: last.key, limit: size)
            guard !next.isEmpty else {
                return .alertsLoaded(rows: a.rows, position: a.position, counts: try store.openAlertCounts(), selected: a.rows.count - 1)
            }
            rows = next
            selected = min(a.selected, next.count - 1)
        case .previousPage:
            guard let first = a.rows.first else { return nil }
            let previous = try store.openAlerts(before: first.key, limit: size)
            guard !previous.isEmpty else {
                return .alertsLoaded(rows: a.rows, position: a.position, counts: try store.openAlertCounts(), selected: 0)
            }
            rows = previous
            if rows.count < size { rows += a.rows.prefix(size - rows.count) }
            selected = min(a.selected, rows.count - 1)
        }
        let position = try rows.first.map { first throws(StoreError) in try store.openAlertPosition(of: first.key) } ?? 0
        return .alertsLoaded(rows: rows, position: position, counts: try store.openAlertCounts(), selected: selected)
    }

    private func goTo(_ id: String) throws(StoreError) -> Action {
        guard let app = try store.application(id) else { return .failed("no application \(id)") }
        var filter = QueueFilter()
        if !app.stage.needsPerson { filter.stages = [app.stage] }
        state.queue.filter = filter
        state.focus = .queue
        let key = QueuePriority.key(for: app)
        let rows = try store.approvalQueue(filter: filter, after: key, including: true, limit: max(1, state.queue.pageSize)).rows
        send(.queueLoaded(rows: rows, position: try store.queuePosition(filter: filter, of: key),
                          total: try store.queueCount(filter: filter), selected: 0))
        return .info("\(id) (\(app.stage.label))")
    }
}
