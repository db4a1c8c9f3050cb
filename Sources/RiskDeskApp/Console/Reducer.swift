import Foundation
import RiskCore
import RiskStore
import TerminalUI

extension AppState {
    /// Applies an action and returns the effects it asks for. Pure apart from the state itself.
    ///
    /// Routing only: keys go to the overlay on top or the focused pane's reducer, results to the reducer of the
    /// part they belong to. Every effect returned is recorded as pending until its `.finished` comes back; while
    /// one that holds keys is pending, keys are held and replayed in order when it finishes.
    public mutating func reduce(_ action: Action, keyMap: KeyMap = .standard) -> [Effect] {
        switch action {
        case let .key(key):
            return receive(key, keyMap: keyMap)
        case let .finished(effect):
            return track(finish(effect)) + replayHeldKeys(keyMap: keyMap)
        default:
            return track(route(action) + followTour(action))
        }
    }

    /// A key acts now, or waits behind a pending effect whose result it depends on (Ctrl-C never waits).
    private mutating func receive(_ key: Key, keyMap: KeyMap) -> [Effect] {
        if live.isHoldingKeys && key != .control("c") {
            live.heldKeys.append(key)
            return []
        }
        return track(handle(key, keyMap: keyMap))
    }

    /// Replays held keys in order until one of them starts an effect that holds keys again.
    private mutating func replayHeldKeys(keyMap: KeyMap) -> [Effect] {
        var effects: [Effect] = []
        while !live.isHoldingKeys, !live.heldKeys.isEmpty {
            effects += track(handle(live.heldKeys.removeFirst(), keyMap: keyMap))
        }
        return effects
    }

    /// Records effects as pending; a reload of a window whose move is still running waits for the move.
    mutating func track(_ effects: [Effect]) -> [Effect] {
        var sent: [Effect] = []
        for effect in effects {
            if effect == .loadQueue(.reload), (live.pending + sent).contains(where: \.movesQueue) {
                live.queueReloadWanted = true
                continue
            }
            if effect == .loadAlerts(.reload), (live.pending + sent).contains(where: \.movesAlerts) {
                live.alertsReloadWanted = true
                continue
            }
            if effect.isWrite, !live.isSaving { live.writeStartedAt = now }
            sent.append(effect)
        }
        live.pending += sent
        return sent
    }

    private mutating func route(_ action: Action) -> [Effect] {
        switch action {
        case .key, .finished:
            return []  // handled in `reduce`
        case .tick:
            return reduceLive(action) + expireReveal()
        case .pollDue, .liveStarted, .changesArrived, .reloadEverything, .feedUnreadable, .dataConfirmed,
             .storeChanged, .staleAfterLoaded:
            return reduceLive(action)
        case let .resize(newSize):
            size = newSize
            return resizeWindows()
        case .queueLoaded, .jumped, .queueLocated, .queueCounted:
            return reduceQueue(action)
        case .queueSearched, .queueMatchesCounted:
            return reduceSearch(action)
        case .detailLoaded:
            return reduceProfile(action)
        case .alertsLoaded, .alertsLocated, .alertStepped, .alertStepFailed, .snoozeChoicesLoaded:
            return reduceAlerts(action)
        case .callsLoaded:
            return reduceCalls(action)
        case .pricingLoaded:
            return reducePricing(action)
        case .dialogOpened, .decided, .decisionFailed:
            return reduceDialog(action)
        case let .failed(message):
            dialog = nil
            say(message, error: true)
            return []
        case let .info(message):
            say(message)
            return []
        case let .userSwitched(newUser):
            user = newUser
            say("now acting as \(newUser.name) (\(newUser.role.rawValue))")
            guard case .user = alerts.filter.assignment else { return [.loadQueue(.reload)] }
            // "Mine" follows the person at the keyboard.
            alerts.filter = AlertsFilterChoice.mine.filter(for: newUser.name)
            return [.loadQueue(.reload), .loadAlerts(.top)]
        case let .themeChanged(name):
            themeName = name
            say("theme: \(name)")
            return []
        case let .settingsLoaded(entries):
            settingsOverlay = SettingsOverlay(entries: entries)
            return []
        case .proposalsLoaded, .rollbackPreviewLoaded, .rolledBack, .revealed, .reasonDialogFailed:
            return reduceSupervisor(action)
        case .pricingEditorOpened, .pricingPreviewed, .pricingChanged, .pricingEditFailed:
            return reducePricingEdit(action)
        case .metricsLoaded, .metricsFailed, .sentimentLoaded:
            return reduceMetrics(action)
        case .tourStarted, .tourChecked:
            return reduceTraining(action)
        case .modelsLoaded, .modelReportLoaded, .modelWritten, .modelWriteFailed:
            return reduceModels(action)
        }
    }

    /// The page sizes follow the layout: after a resize or a zoom both windows reload at their new size.
    mutating func resizeWindows() -> [Effect] {
        queue.pageSize = QueueLayout.visibleRows(for: self)
        alerts.pageSize = AlertsLayout.visibleRows(for: self)
        return [.loadQueue(.reload), .loadAlerts(.reload)]
    }

    /// Sends a key to the overlay on top, else to the focused pane through the key map.
    private mutating func handle(_ key: Key, keyMap: KeyMap) -> [Effect] {
        if key == .resize { return [] }
        guard let key = handlePasted(key) else { return [] }
        if isTooSmall {
            if key == .character("q") || key == .control("c") { shouldQuit = true }
            return []
        }
        if showsHelp { return handleHelp(key, keyMap: keyMap) }
        if settingsOverlay != nil { return handleSettingsOverlay(key) }
        if confirmsReset { return handleResetConfirmation(key) }
        if callsOverlay != nil { return handleCallsOverlay(key) }
        if alertDialog != nil { return handleAlertDialog(key) }
        if pricingEditDialog != nil { return handlePricingEditDialog(key) }
        if dialog != nil { return handleDialog(key) }
        if reasonDialog != nil { return handleReasonDialog(key) }
        if prompt != nil { return handlePrompt(key) }
        if modelsView != nil { return handleModelsView(key, keyMap: keyMap) }
        status = nil  // a message stays until the next key, as in vi and k9s
        guard let command = keyMap.command(for: key, in: focus) else {
            if case let .character(c) = key { say("no key '\(c)' here: press ? for help", error: true) }
            return []
        }
        // A key that cannot act says why and does nothing: no dialog, no claim, no effect.
        if let reason = availability(of: command).reason {
            say(reason, error: true)
            return []
        }
        let effects = perform(command)
        markSeenAlert()
        return effects
    }

    /// Commands that act on the console as a whole; the rest go to the focused pane's reducer.
    private mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .nextPane: focus = focus.next
        case .previousPane: focus = focus.previous
        case let .focus(pane): focus = pane
        case .filter:
            focus = .queue
            queue.textBeforePrompt = queue.filter.text
            prompt = (.filter, TextField(text: queue.filter.text, maxLength: Self.promptLimit))
        case .commandLine:
            prompt = (.command, TextField(maxLength: Self.promptLimit))
        case .help:
            showsHelp = true
            helpOffset = 0
        case .quit:
            shouldQuit = true
        case .zoom:
            zoomed.toggle()
            return resizeWindows()
        case .toggleMetrics:
            return toggleMetrics()
        case .close:
            if zoomed { return perform(.zoom) }
            if hideTourOnEscape() { return [] }
            if showsBreakdown {
                showsBreakdown = false
            } else if !queue.filter.text.isEmpty || !queue.filter.stages.isEmpty || !queue.filter.grades.isEmpty {
                queue.filter = QueueFilter()
                queue.matchCount = nil
                say("filter cleared")
                return [.loadQueue(.top)]
            } else {
                status = nil
            }
        default:
            return paneCommand(command)
        }
        return []
    }

    /// The focused pane's reducer for a navigation or action command.
    private mutating func paneCommand(_ command: Command) -> [Effect] {
        switch command {
        case .approve, .approveWithConditions, .reject, .requestInfo, .escalate, .note, .releaseClaim:
            return queueCommand(command)
        case .acknowledgeAlert, .assignAlertToSelf, .resolveAlert, .snoozeAlert, .escalateAlert, .cycleAlertFilter:
            return alertsCommand(command)
        case .secondApprovals, .rollback, .reveal:
            return supervisorCommand(command)
        default:
            switch focus {
            case .queue: return queueCommand(command)
            case .profile: return profileCommand(command)
            case .alerts: return alertsCommand(command)
            case .pricing: return pricingCommand(command)
            }
        }
    }

    /// The longest filter or command line accepted (a paste beyond it is cut).
    static let promptLimit = 200

    var readOnlyMessage: String {
        readOnlyFlag ? "read-only session (--readonly): nothing is written"
            : "\(user.name) (\(user.role.rawValue)) is read-only here: nothing is written"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
