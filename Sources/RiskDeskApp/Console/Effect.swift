import Foundation
import RiskCore
import RiskStore

/// Work the reducer asks the runtime to do against the store; results come back as actions.
public enum Effect: Hashable, Sendable {
    /// How a keyset-paged window (the queue's or the alerts') moves.
    public enum QueueMove: Hashable, Sendable { case reload, top, bottom, nextRow, previousRow, nextPage, previousPage }

    case loadQueue(QueueMove)
    /// The `/` prompt's text changed: the first page under the queue's filter as it is now, tagged with the
    /// search's generation (a newer keystroke's search supersedes it: dropped before it runs, ignored after).
    /// `confirmed` (Enter pressed before the page arrived) makes later keys wait for it, as for any move.
    case searchQueue(generation: Int, confirmed: Bool)
    /// Count what the search of `generation` matches (capped) for the pane's title; runs beside the other effects.
    case countQueueMatches(generation: Int)
    case loadDetail(applicationID: String)
    /// Moves the alerts pane's window (keyset paging, like the queue's).
    case loadAlerts(QueueMove)
    case loadPricing
    /// Off the key path: the position of the queue row with this priority key (the window does not know it).
    case locateQueue(priorityKey: String)
    /// Off the key path: the count of the queue under its filter (one the maintained counts do not answer).
    case countQueue
    /// Off the key path: the position of the alert with this key in the alerts pane.
    case locateAlerts(AlertKey)
    /// Claim the application, then open the decision dialog (a claim held by someone else blocks it).
    case claimAndOpen(DecisionDialog.Kind, applicationID: String)
    case decide(DecisionRequest)
    case addNote(applicationID: String, text: String)
    case releaseClaim(applicationID: String)
    /// The alert lifecycle's steps, each on the alert `id` at the `version` the person saw (a changed alert is refused).
    case acknowledgeAlert(id: Int64, version: Int)
    /// Assign to `to` (nil: to the person at the keyboard).
    case assignAlert(id: Int64, version: Int, to: String?)
    case resolveAlert(id: Int64, version: Int, disposition: AlertDisposition, note: String)
    /// Snooze for `duration` seconds from when the store writes it.
    case snoozeAlert(id: Int64, version: Int, duration: TimeInterval)
    case escalateAlert(id: Int64, version: Int, reason: String)
    /// Read the snooze policy, then open the snooze picker on the alert `alertID`.
    case loadSnoozeChoices(alertID: Int64)
    /// Read the live margin calls for the `:calls` view: opening it (`refresh` false) or refreshing it while open.
    case loadCalls(refresh: Bool)
    case goTo(applicationID: String)
    case switchUser(String)
    case setTheme(String)
    /// Read every desk setting for the `:settings` view.
    case loadSettings
    /// Read where the change log stands, the last market update and the staleness limit (once, at start).
    case startLive
    /// Read the change log after this seq (a `PRAGMA data_version` look first; the log only when it moved).
    case pollChanges(after: Int64)
    /// Read the staleness limit again (its setting changed).
    case loadStaleAfter
    // Supervisors (issue 9).
    /// Read the first approvals of these applications (the visible rows awaiting a second approval) and the policy.
    case loadProposals([String])
    /// Read what a rollback of the application would reverse, then open the rollback dialog.
    case loadRollbackPreview(applicationID: String)
    case rollback(applicationID: String, version: Int, reason: String)
    /// Reveal the customer's national ID and phone, audited with `reason`.
    case reveal(customerID: String, reason: String)
    // Pricing edits (`E`): read the parameters to open the dialog; preview a change (off the key path); write it at
    // the pricing version the preview was computed at.
    case loadPricingEditor
    case previewPricingChange(name: String, value: String)
    case changePricing(name: String, value: String, reason: String, expectedVersion: Int)
    // Desk metrics and the sentiment policy (issue 9).
    /// Off the key path: the desk metrics of the last hour and day (at most every few seconds while the strip shows).
    case loadMetrics
    /// The sentiment index and policy for the header.
    case loadSentiment
    // Training mode (issue 9, item 7).
    /// Record a top-up of `amount` against the live call on `accountID` (`t` in the `:calls` view).
    case topUpCall(accountID: String, amount: Money)
    /// Put the demo's scratch copy back as the sample was (runs on the UI thread: the runtime closes the store).
    case resetDemo
    /// Read the audit head: the mark the guided tour counts from.
    case startTour
    /// Read what people did after audit entry `after` (the tour's last look), to check its steps (never holds keys).
    case checkTour(after: Int64)
    // Models (issue 10).
    /// Read the registry for the `:models` view: opening it (`refresh` false) or refreshing it while open.
    case loadModels(refresh: Bool)
    /// Read one version's card and report for the report overlay.
    case loadModelReport(version: String)
    /// The registry's writes (RiskStore's model API), each with the person at the keyboard.
    case makeChallenger(version: String, reason: String)
    case proposeModelSwitch(kind: ModelProposal.Kind, version: String?, target: String, reason: String)
    case approveModelProposal(id: Int64)
    case withdrawModelProposal(id: Int64, reason: String)

    /// True when later keys must wait for this effect's result, because what they mean depends on it: a move of a
    /// window (the next `j` works on the rows it brings), a claim (a second `a` must not claim again), a decision,
    /// a note, a command. Background reloads and polls never hold keys.
    public var holdsKeys: Bool {
        switch self {
        case .loadQueue(.reload), .loadAlerts(.reload), .loadDetail, .loadPricing, .startLive, .pollChanges, .loadStaleAfter,
             .loadCalls(refresh: true), .locateQueue, .countQueue, .locateAlerts, .searchQueue(_, confirmed: false),
             .countQueueMatches, .loadProposals, .previewPricingChange, .loadMetrics, .loadSentiment, .checkTour,
             .loadModels(refresh: true):
            false
        default:
            true
        }
    }

    /// True for the counts and positions worked out off the key path: they run on their own lane, so a key's
    /// window move or profile load never waits behind one.
    public var runsInBackground: Bool {
        switch self {
        case .locateQueue, .countQueue, .locateAlerts, .countQueueMatches, .previewPricingChange, .loadMetrics: true
        default: false
        }
    }

    /// True when the effect writes to the store (the status line says "saving…" while it runs).
    public var isWrite: Bool {
        switch self {
        case .claimAndOpen(let kind, _): kind != .note
        case .decide, .addNote, .releaseClaim, .acknowledgeAlert, .assignAlert, .resolveAlert, .snoozeAlert, .escalateAlert,
             .changePricing: true
        case .rollback, .reveal: true
        case .topUpCall, .resetDemo: true
        case .makeChallenger, .proposeModelSwitch, .approveModelProposal, .withdrawModelProposal: true
        default: false
        }
    }

    var isDetailLoad: Bool { if case .loadDetail = self { true } else { false } }

    /// True for a move of the queue's window other than a reload (a reload waits until it is done).
    /// A search replaces the window too, so a reload asked for meanwhile waits for it.
    var movesQueue: Bool {
        switch self {
        case let .loadQueue(move): move != .reload
        case .searchQueue: true
        default: false
        }
    }

    /// True for work that runs on the worker's second lane, beside the others, so a slow count never delays the
    /// next keystroke's search.
    var movesAlerts: Bool { if case let .loadAlerts(move) = self { move != .reload } else { false } }
}
