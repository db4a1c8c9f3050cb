import Foundation
import RiskCore
import RiskStore

/// The live part of the console's reducer: time, the change log it tails (scoped reloads, like lazygit's), the
/// market's freshness, and the bookkeeping of effects in flight.
extension AppState {
    mutating func reduceLive(_ action: Action) -> [Effect] {
        switch action {
        case let .tick(date):
            now = date
            return metricsRefreshIfDue()
        case .pollDue:
            // One look at a time; none before the console knows where the log stood when it opened.
            guard live.isStarted, !live.isPolling else { return [] }
            return [.pollChanges(after: live.seq)]
        case let .liveStarted(seq, lastMarketUpdate, staleAfter, newestAlertID):
            live.isStarted = true
            live.seq = seq
            live.lastMarketUpdate = lastMarketUpdate
            live.staleAfter = staleAfter
            live.newestAlertIDAtStart = newestAlertID
            return []
        case let .changesArrived(entries):
            lastRefresh = now
            return reloads(for: entries)
        case let .reloadEverything(latest):
            live.seq = max(live.seq, latest)
            return reloadEverything()
        case .storeChanged:
            return reloadEverything()
        case .dataConfirmed:
            lastRefresh = now
            return []
        case .feedUnreadable:
            return []  // the header's data age keeps growing
        case let .staleAfterLoaded(seconds):
            live.staleAfter = seconds
            return []
        default:
            return []
        }
    }

    private mutating func reloadEverything() -> [Effect] {
        lastRefresh = now
        queue.positionIsKnown = false
        alerts.positionIsKnown = false
        metrics.isDirty = true
        var effects: [Effect] = [.loadQueue(.reload), .loadAlerts(.reload), .loadPricing, .loadStaleAfter]
        if let id = queue.selectedRow?.application.id { effects.append(.loadDetail(applicationID: id)) }
        if callsOverlay != nil { effects.append(.loadCalls(refresh: true)) }
        if modelsView != nil { effects.append(.loadModels(refresh: true)) }
        return effects
    }

    /// The reloads a batch of change-log entries calls for, each at most once, in a fixed order: the queue window
    /// when a stage changed or a row in it changed; the selected application's detail when it (or its account,
    /// or the market its ratios depend on) changed; the alerts on any alert; pricing on a setting, a pricing
    /// parameter or a quote; the `:calls` view, when open, on a margin call or an account.
    func scopedReloads(for entries: [ChangeEntry]) -> [Effect] {
        let windowIDs = Set(queue.rows.map(\.application.id))
        let selectedID = queue.selectedRow?.application.id
        let accountIDs = Set(detail?.accounts.map(\.id) ?? [])
        var queueChanged = false, detailChanged = false, alertsChanged = false, pricingChanged = false, staleChanged = false
        var callsChanged = false, modelsChanged = false
        for entry in entries {
            switch entry.kind {
            case "stage":
                queueChanged = true
                if entry.subject == selectedID { detailChanged = true }
            case "application", "quote":
                if windowIDs.contains(entry.subject) { queueChanged = true }
                if entry.subject == selectedID { detailChanged = true }
                if entry.kind == "quote" { pricingChanged = true }
            case "alert":
                alertsChanged = true
            case "setting":
                pricingChanged = true
                if entry.subject == DeskSettings.Key.staleAfterSeconds { staleChanged = true }
            case "pricing":
                pricingChanged = true
            case "account":
                if accountIDs.contains(entry.subject) { detailChanged = true }
                callsChanged = true
            case "margin_call":
                callsChanged = true
            case "market":
                if !accountIDs.isEmpty { detailChanged = true }
            case let kind where kind.hasPrefix("model"):
                modelsChanged = true
            default:
                break  // a kind this console does not show: nothing to reload
            }
        }
        var effects: [Effect] = []
        if queueChanged { effects.append(.loadQueue(.reload)) }
        if detailChanged, let selectedID { effects.append(.loadDetail(applicationID: selectedID)) }
        if alertsChanged { effects.append(.loadAlerts(.reload)) }
        if pricingChanged { effects.append(.loadPricing) }
        if staleChanged { effects.append(.loadStaleAfter) }
        // The `:calls` view, only while it is open (its figures follow the accounts' positions and the calls' states).
        if callsChanged, callsOverlay != nil { effects.append(.loadCalls(refresh: true)) }
        // The `:models` view, only while it is open: a version's status, a proposal or a monitoring reading changed.
        if modelsChanged, modelsView != nil { effects.append(.loadModels(refresh: true)) }
        return effects
    }

    private mutating func reloads(for entries: [ChangeEntry]) -> [Effect] {
        guard let last = entries.last else { return [] }
        live.seq = max(live.seq, last.seq)
        if let market = entries.filter({ $0.kind == "market" }).map(\.at).max() {
            live.lastMarketUpdate = max(live.lastMarketUpdate ?? market, market)
        }
        noteNewAlerts(entries)
        let effects = scopedReloads(for: entries)
        markPositionsUnknown(after: entries, reloading: effects)
        return effects + sentimentReloads(for: entries) + noteMetricsChanges(entries)
    }

    /// Another writer's change can move a window's rows without the window moving: an application that entered or
    /// left the queue outside the window, an alert raised or closed outside it. The reload then cannot tell its
    /// position, which is located off the key path (a change to rows inside the window leaves it exact).
    private mutating func markPositionsUnknown(after entries: [ChangeEntry], reloading effects: [Effect]) {
        if effects.contains(.loadQueue(.reload)) {
            let windowIDs = Set(queue.rows.map(\.application.id))
            if entries.contains(where: { $0.kind == "stage" && !windowIDs.contains($0.subject) }) { queue.positionIsKnown = false }
        }
        if effects.contains(.loadAlerts(.reload)) {
            let windowIDs = Set(alerts.rows.map { String($0.alert.id) })
            if entries.contains(where: { $0.kind == "alert" && !windowIDs.contains($0.subject) }) { alerts.positionIsKnown = false }
        }
    }

    /// An effect finished: it is no longer pending, and a window reload that waited for its move goes out now.
    mutating func finish(_ effect: Effect) -> [Effect] {
        if let index = live.pending.firstIndex(of: effect) { live.pending.remove(at: index) }
        if !live.isSaving { live.writeStartedAt = nil }
        var effects: [Effect] = []
        if live.queueReloadWanted, !live.pending.contains(where: \.movesQueue) {
            live.queueReloadWanted = false
            effects.append(.loadQueue(.reload))
        }
        if live.alertsReloadWanted, !live.pending.contains(where: \.movesAlerts) {
            live.alertsReloadWanted = false
            effects.append(.loadAlerts(.reload))
        }
        return effects
    }

    /// The status line's note about work in flight: "saving…" for a write (and how long the database has kept it
    /// waiting beyond the busy timeout), "loading…" for a read keys wait for; nil when nothing holds keys.
    public var pendingNote: String? {
        if live.isSaving {
            if let started = live.writeStartedAt, now.timeIntervalSince(started) > LiveState.busyTimeout {
                return "saving… waiting \(Durations.seconds(now.timeIntervalSince(started))) for the database (another writer holds it)"
            }
            return "saving…"
        }
        return live.isHoldingKeys ? "loading…" : nil
    }
}
