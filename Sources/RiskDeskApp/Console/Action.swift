import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// Everything that can happen to the console: keys, time, store changes and the results of effects.
public enum Action: Sendable {
    case key(Key)
    case tick(Date)
    case resize(Size)
    /// Reload everything on screen (the change log was pruned past this console, or an older file has none).
    case storeChanged
    /// The change feed was read and nothing changed: what is on screen is current.
    case dataConfirmed
    /// Time to look at the change log again (the runtime sends it ~4 times a second).
    case pollDue
    /// Where the change log stood when the console opened, the newest market update, the staleness limit and the
    /// newest alert id (alerts above it that arrive through the log are marked new).
    case liveStarted(seq: Int64, lastMarketUpdate: Date?, staleAfter: TimeInterval, newestAlertID: Int64)
    /// Entries appended to the change log since the last look.
    case changesArrived([ChangeEntry])
    /// The log cannot be followed from where this console is (pruned past it, or too many entries): reload all.
    case reloadEverything(latest: Int64)
    /// The database could not be read: the header's data age keeps growing.
    case feedUnreadable
    case staleAfterLoaded(TimeInterval)
    /// An effect finished; its results were delivered just before. Keys held while it ran are replayed now.
    case finished(Effect)
    /// A move of the queue's window landed. `position` (of the first row) is nil when the move could not tell it
    /// (it is then located off the key path); `total` is nil when the maintained counts cannot answer the filter
    /// (it is then counted off the key path).
    case queueLoaded(rows: [QueueRow], position: Int?, total: Int?, selected: Int)
    /// `:goto` found the application: show the queue under `filter` from its row (its position is located later).
    case jumped(filter: QueueFilter, rows: [QueueRow], position: Int?, total: Int?, message: String)
    /// The queue row with `key` is at `position` under `filter` (counted off the key path).
    case queueLocated(filter: QueueFilter, key: String, position: Int)
    /// `filter` matches `total` applications (counted off the key path).
    case queueCounted(filter: QueueFilter, total: Int)
    /// The first page of the `/` search of `generation` (ignored when a newer keystroke superseded it).
    case queueSearched(generation: Int, rows: [QueueRow])
    /// How many applications the `/` search of `generation` matches (capped).
    case queueMatchesCounted(generation: Int, count: QueueMatchCount)
    case detailLoaded(ApplicationDetail?)
    /// A move of the alerts' window landed; `position` as for the queue.
    case alertsLoaded(rows: [AlertRow], position: Int?, counts: [Severity: Int], selected: Int)
    /// The alert with `key` is at `position` under `filter` (counted off the key path).
    case alertsLocated(filter: AlertFilter, key: AlertKey, position: Int)
    /// The grade × band rates, with the leverage cap the stored financing margin ratio allows (it sets the bands).
    case pricingLoaded([[BasisPoints]], maximumLeverage: Leverage)
    case dialogOpened(DecisionDialog)
    case decided(summary: String)
    case failed(String)
    /// The store refused or failed a decision or note from the open dialog: the dialog stays open with the message.
    case decisionFailed(String)
    case info(String)
    case userSwitched(User)
    case themeChanged(String)
    /// A lifecycle step on an alert was written: the dialog (if any) closes, the summary shows, the alerts reload.
    case alertStepped(summary: String)
    /// The store refused or failed a lifecycle step: an open alert dialog stays open with the message.
    case alertStepFailed(String)
    /// The snooze lengths the policy allows, read for the alert `alertID`: the snooze picker opens on it.
    case snoozeChoicesLoaded(alertID: Int64, choices: [TimeInterval])
    /// The live margin calls were read: `opens` opens the `:calls` view, else an open one is refreshed.
    case callsLoaded([MarginCallLine], opens: Bool)
    /// The desk settings were read: open the `:settings` view.
    case settingsLoaded([SettingEntry])
    // Supervisors (issue 9).
    /// The first approvals the visible rows awaiting a second approval ask to confirm, and the approval policy.
    case proposalsLoaded([String: PendingProposal], policy: ApprovalPolicy)
    /// What a rollback would reverse was read: the rollback dialog opens on it (or its refusal is shown).
    case rollbackPreviewLoaded(RollbackPreview)
    /// A rollback or a reveal was written: the reason dialog closes with the summary.
    case rolledBack(summary: String)
    case revealed(RevealedIdentity)
    /// The store refused or failed the open reason dialog's write: it stays open with the message.
    case reasonDialogFailed(String)
    // Pricing edits (`E`): the parameters read to open the dialog, the preview, the confirmed change, a refusal.
    case pricingEditorOpened(PricingParameters)
    case pricingPreviewed(PricingChangeReview)
    case pricingChanged(summary: String)
    case pricingEditFailed(String)
    // Desk metrics and the sentiment policy (issue 9).
    /// The desk metrics of the last hour and the last day, read at `at`.
    case metricsLoaded(hour: DeskMetricsReport, day: DeskMetricsReport, at: Date)
    /// The metrics could not be read (the strip keeps its figures and tries again later).
    case metricsFailed(String)
    /// The sentiment index and the policy in force, for the header.
    case sentimentLoaded(SentimentReading)
    // Training mode (issue 9, item 7).
    /// The guided tour counts from this audit sequence.
    case tourStarted(mark: Int64)
    /// What people did after the tour's last look, read from the store up to audit entry `through`.
    case tourChecked(TourSnapshot, through: Int64)
    // Models (issue 10).
    /// The registry was read: `opens` opens the `:models` view, else an open one is refreshed.
    case modelsLoaded(ModelsSnapshot, opens: Bool)
    /// A version's card and report were read: the report overlay opens on it.
    case modelReportLoaded(StoredModel)
    /// A model step was written (challenger, proposal, approval, withdrawal): dialogs close, the summary shows.
    case modelWritten(summary: String)
    /// The store refused or failed a model step: an open reason dialog stays open with the message.
    case modelWriteFailed(String)
}
