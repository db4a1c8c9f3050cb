import Foundation
import RiskCore
import RiskStore

/// Turns an effect into the job the worker runs against the store. Everything a job needs is captured when the
/// effect is sent (the windows as they were, who is acting, the time): a job never reads the console's state.
struct StoreJobs: Sendable {
    /// The values of the state an effect may need, copied when it is sent.
    struct Context: Sendable {
        var queue: QueueState
        var alerts: AlertsState
        var userName: String
        var now: Date
    }

    let store: RiskStore
    let feed: ChangeFeed?
    /// The newest `/` search, so superseded search and count jobs are dropped before they run.
    let searchGate = SearchGate()

    /// The most entries one poll reads; beyond that the console reloads everything instead.
    static let pollLimit = 500

    /// The most matches the title counts for a text filter ("1,000+" beyond).
    static let matchCountCap = 1_000

    func job(for effect: Effect, context c: Context) -> @Sendable () -> [Action] {
        switch effect {
        case let .searchQueue(generation, _):
            searchGate.open(generation)
            return { [store, searchGate] in
                guard searchGate.isCurrent(generation) else { return [] }
                do throws(StoreError) {
                    let page = try store.approvalQueue(filter: c.queue.filter, limit: max(1, c.queue.pageSize))
                    return [.queueSearched(generation: generation, rows: page.rows)]
                } catch {
                    return [.failed(error.description)]
                }
            }
        case let .countQueueMatches(generation):
            searchGate.open(generation)
            return { [store, searchGate] in
                guard searchGate.isCurrent(generation) else { return [] }
                do throws(StoreError) {
                    let count = try store.queueMatchCount(filter: c.queue.filter, cap: Self.matchCountCap)
                    return [.queueMatchesCounted(generation: generation, count: count)]
                } catch {
                    return [.failed(error.description)]
                }
            }
        default:
            break
        }
        return { [store, feed] in
            do throws(StoreError) {
                return try Self.run(effect, context: c, store: store, feed: feed)
            } catch {
                return [.failed(error.description)]
            }
        }
    }

    /// Runs one lifecycle step on an alert, then reloads the alerts window (the alert may have left it): the
    /// step's summary, or the store's refusal for the dialog or the status line.
    private static func alertStep(_ c: Context, _ windows: WindowLoader,
                                  _ step: () throws(StoreError) -> String) throws(StoreError) -> [Action] {
        let result: Action
        do { result = .alertStepped(summary: try step()) } catch { result = .alertStepFailed(error.description) }
        return (try windows.alerts(.reload, from: c.alerts, now: c.now).map { [$0] } ?? []) + [result]
    }

    private static func run(_ effect: Effect, context c: Context, store: RiskStore, feed: ChangeFeed?) throws(StoreError) -> [Action] {
        let windows = WindowLoader(store: store)
        switch effect {
        case let .loadQueue(move):
            return try windows.queue(move, from: c.queue).map { [$0] } ?? []
        case .searchQueue, .countQueueMatches:
            return []  // their jobs are made in `job(for:context:)`
        case let .loadDetail(id):
            return [.detailLoaded(try store.detail(of: id))]
        case let .loadAlerts(move):
            return try windows.alerts(move, from: c.alerts, now: c.now).map { [$0] } ?? []
        case let .locateQueue(key):
            return [.queueLocated(filter: c.queue.filter, key: key, position: try store.queuePosition(filter: c.queue.filter, of: key))]
        case .countQueue:
            return [.queueCounted(filter: c.queue.filter, total: try store.queueCount(filter: c.queue.filter))]
        case let .locateAlerts(key):
            return [.alertsLocated(filter: c.alerts.filter, key: key,
                                   position: try store.openAlertPosition(of: key, filter: c.alerts.filter, now: c.now))]
        case .loadPricing:
            let maximum = try store.screeningPolicy().maximumLeverage
            return [.pricingLoaded(Pricing.table(parameters: try store.pricingParameters(), sentiment: try store.sentiment(),
                                                 maximumLeverage: maximum), maximumLeverage: maximum)]
        case let .claimAndOpen(kind, id):
            guard let row = c.queue.rows.first(where: { $0.application.id == id }) else { return [.failed("\(id) is no longer in the queue")] }
            var fresh = row
            var actions: [Action] = []
            if kind == .note {
                fresh.application = try store.application(id) ?? row.application
            } else {
                fresh.application = try store.claim(id, by: c.userName, at: c.now)
                if let reloaded = try windows.queue(.reload, from: c.queue) { actions.append(reloaded) }
            }
            var dialog = DecisionDialog(kind: kind, row: fresh, policy: try store.approvalPolicy())
            if fresh.application.stage == .awaitingSecondApproval {
                dialog.pendingProposal = FourEyes.pendingProposal(try store.decisions(for: id).map(\.past))
            }
            return actions + [.dialogOpened(dialog)]
        case let .decide(request):
            do {
                let outcome = try store.apply(request, at: c.now)
                return [.decided(summary: "\(request.applicationID): \(outcome.summary)")]
            } catch {
                return [.decisionFailed(error.description)]
            }
        case let .addNote(id, text):
            do {
                try store.addNote(id, by: c.userName, text: text, at: c.now)
                return [.decided(summary: "note added to \(id)")]
            } catch {
                return [.decisionFailed(error.description)]
            }
        case let .releaseClaim(id):
            try store.releaseClaim(id, by: c.userName, at: c.now)
            return (try windows.queue(.reload, from: c.queue).map { [$0] } ?? []) + [.info("released \(id)")]
        case let .acknowledgeAlert(id, version):
            return try alertStep(c, windows) { () throws(StoreError) in
                try store.acknowledgeAlert(id, by: c.userName, at: c.now, expectedVersion: version)
                return "alert \(id) acknowledged"
            }
        case let .assignAlert(id, version, assignee):
            return try alertStep(c, windows) { () throws(StoreError) in
                let alert = try store.assignAlert(id, to: assignee, by: c.userName, at: c.now, expectedVersion: version)
                return "alert \(id) assigned to \(alert.assignee ?? assignee ?? c.userName)"
            }
        case let .resolveAlert(id, version, disposition, note):
            return try alertStep(c, windows) { () throws(StoreError) in
                try store.resolveAlert(id, disposition: disposition, note: note, by: c.userName, at: c.now, expectedVersion: version)
                return "alert \(id) resolved: \(disposition.label)"
            }
        case let .snoozeAlert(id, version, duration):
            return try alertStep(c, windows) { () throws(StoreError) in
                try store.snoozeAlert(id, until: c.now.addingTimeInterval(duration), by: c.userName, at: c.now, expectedVersion: version)
                return "alert \(id) snoozed for \(AlertLifecycle.durationText(duration))"
            }
        case let .escalateAlert(id, version, reason):
            return try alertStep(c, windows) { () throws(StoreError) in
                try store.escalateAlert(id, reason: reason, by: c.userName, at: c.now, expectedVersion: version)
                return "alert \(id) escalated to the supervisors"
            }
        case let .loadSnoozeChoices(id):
            return [.snoozeChoicesLoaded(alertID: id, choices: AlertLifecycle.snoozeChoices(policy: try store.alertLifecyclePolicy()))]
        case let .loadCalls(refresh):
            return [.callsLoaded(try store.marginCallLines(), opens: !refresh)]
        case let .goTo(id):
            guard let app = try store.application(id) else { return [.failed("no application \(id)")] }
            var filter = QueueFilter()
            if !app.stage.needsPerson { filter.stages = [app.stage] }
            // A stage filter that shows the application (the second-approval view) stays on.
            else if c.queue.filter.stages.contains(app.stage) { filter.stages = c.queue.filter.stages }
            let key = QueuePriority.key(for: app)
            let rows = try store.approvalQueue(filter: filter, after: key, including: true, limit: max(1, c.queue.pageSize)).rows
            // Where the row sits is counted off the key path, after the jump is on screen.
            return [.jumped(filter: filter, rows: rows, position: nil, total: try store.maintainedQueueCount(filter: filter),
                            message: "\(id) (\(app.stage.label))")]
        case let .switchUser(name):
            // The core decides: personas switch freely on training data only.
            return [.userSwitched(try store.actingUser(requested: name))]
        case .setTheme:
            return []  // runs on the UI thread (DeskRuntime)
        case .loadSettings:
            return [.settingsLoaded(try store.settings())]
        case .startLive:
            return [.liveStarted(seq: try store.latestChangeSeq(), lastMarketUpdate: try store.latestChange(ofKind: "market")?.at,
                                 staleAfter: try store.staleAfter(), newestAlertID: try store.newestAlertID())]
                // The header's sentiment index and policy, read with the rest of the start (see `.loadSentiment`).
                + ((try? store.sentimentReading()).map { [Action.sentimentLoaded($0)] } ?? [])
        case let .pollChanges(after):
            switch feed?.read(after: after, limit: pollLimit) ?? .unreadable {
            case .unchanged: return [.dataConfirmed]
            case let .changes(entries): return [.changesArrived(entries)]
            case let .reloadAll(latest): return [.reloadEverything(latest: latest)]
            case .unreadable: return [.feedUnreadable]
            }
        case .loadStaleAfter:
            return [.staleAfterLoaded(try store.staleAfter())]
        // Supervisors (issue 9).
        case let .loadProposals(ids):
            return [.proposalsLoaded(try store.pendingProposals(for: ids), policy: try store.approvalPolicy())]
        case let .loadRollbackPreview(id):
            guard try store.application(id) != nil else { return [.failed("no application \(id)")] }
            return [.rollbackPreviewLoaded(try store.rollbackPreview(of: id, by: c.userName, at: c.now))]
        case let .rollback(id, version, reason):
            do {
                let outcome = try store.rollback(id, by: c.userName, reason: reason, expectedVersion: version, at: c.now)
                return [.rolledBack(summary: "\(id): \(outcome.summary) (\(outcome.from.label) → \(outcome.to.label))")]
            } catch {
                return [.reasonDialogFailed(error.description)]
            }
        case let .reveal(customerID, reason):
            do {
                return [.revealed(try store.reveal(customerID: customerID, by: c.userName, reason: reason, at: c.now))]
            } catch {
                return [.reasonDialogFailed(error.description)]
            }
        case .loadPricingEditor:
            return [.pricingEditorOpened(try store.pricingParameters())]
        case let .previewPricingChange(name, value):
            do { return [.pricingPreviewed(try store.previewPricingChange(name, to: value, by: c.userName))] } catch {
                return [.pricingEditFailed(error.description)]
            }
        case let .changePricing(name, value, reason, version):
            do {
                let outcome = try store.changePricing(name, to: value, by: c.userName, reason: reason, expectedVersion: version, at: c.now)
                return [.pricingChanged(summary: "\(outcome.preview.changeText): pricing version \(outcome.pricingVersion), "
                                        + "\(outcome.repricedCount) pending quote\(outcome.repricedCount == 1 ? "" : "s") re-priced")]
            } catch {
                return [.pricingEditFailed(error.description)]
            }
        case .loadMetrics:
            do {
                let reports = try store.deskMetrics([.lastHour(at: c.now), .lastDay(at: c.now)])
                guard reports.count == 2 else { return [.metricsFailed("desk metrics: no windows")] }
                return [.metricsLoaded(hour: reports[0], day: reports[1], at: c.now)]
            } catch {
                return [.metricsFailed(error.description)]
            }
        case .loadSentiment:
            // The header's index is a courtesy: a failed read keeps the last one instead of closing a dialog as
            // `.failed` would.
            return (try? store.sentimentReading()).map { [.sentimentLoaded($0)] } ?? []
        // Training mode (issue 9, item 7).
        case let .topUpCall(accountID, amount):
            let summary: Action
            do throws(StoreError) {
                let event = try store.topUp(account: accountID, amount: amount, by: c.userName, at: c.now)
                let state = event?.call.state == .met ? "call met" : "call still open"
                summary = .info("\(accountID): top-up of \(amount.formattedCompact) recorded, \(state)")
            } catch {
                summary = .failed(error.description)
            }
            return [.callsLoaded(try store.marginCallLines(), opens: false), summary]
        case .resetDemo:
            return []  // runs on the UI thread (DeskRuntime closes the store)
        case .startTour:
            return [.tourStarted(mark: try store.auditHeadSequence())]
        case let .checkTour(after):
            let (records, through) = try store.peopleActionsAndHead(after: after)
            return [.tourChecked(TourSnapshot(actions: records), through: through)]
        // Models (issue 10).
        case let .loadModels(refresh):
            return [.modelsLoaded(try modelsSnapshot(store), opens: !refresh)]
        case let .loadModelReport(version):
            guard let model = try store.storedModel(version) else { return [.failed("no model version \(version)")] }
            return [.modelReportLoaded(model)]
        case .makeChallenger, .proposeModelSwitch, .approveModelProposal, .withdrawModelProposal:
            return [modelWrite(effect, context: c, store: store)]
        }
    }
}

extension StoreJobs {
    /// The registry as the `:models` view shows it: every version, the recent readings of each, the pending proposals.
    static func modelsSnapshot(_ store: RiskStore) throws(StoreError) -> ModelsSnapshot {
        let versions = try store.modelVersions()
        var readings: [String: [MonitoringReading]] = [:]
        for version in versions where version.hasCard {
            readings[version.version] = try store.monitoringReadings(version.version, limit: ModelsSnapshot.readingLimit)
        }
        return ModelsSnapshot(versions: versions, readings: readings, pending: try store.modelProposals(pendingOnly: true))
    }

    /// One of the registry's writes, its summary or the store's refusal for the dialog and the status line.
    static func modelWrite(_ effect: Effect, context c: Context, store: RiskStore) -> Action {
        do throws(StoreError) {
            switch effect {
            case let .makeChallenger(version, reason):
                try store.makeChallenger(version, by: c.userName, reason: reason, at: c.now)
                return .modelWritten(summary: "\(version) is challenger: scored in the shadow beside the champion")
            case let .proposeModelSwitch(kind, version, target, reason):
                let p = try store.proposeModelSwitch(kind, version: version, target: target, by: c.userName, reason: reason, at: c.now)
                return .modelWritten(summary: "proposed: \(p.kind == .promote ? "promote" : "roll back to") \(p.version) for \(p.target); "
                                     + "a different supervisor must approve (a)")
            case let .approveModelProposal(id):
                let r = try store.approveModelProposal(id, by: c.userName, at: c.now)
                return .modelWritten(summary: "\(r.target): champion \(r.from ?? "none") → \(r.to); \(r.rescored) pending re-scored, "
                                     + "\(r.repriced) re-priced")
            case let .withdrawModelProposal(id, reason):
                try store.withdrawModelProposal(id, by: c.userName, reason: reason, at: c.now)
                return .modelWritten(summary: "proposal \(id) withdrawn")
            default:
                return .failed("not a model write")
            }
        } catch {
            return .modelWriteFailed(error.description)
        }
    }
}
