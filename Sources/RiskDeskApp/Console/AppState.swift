import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The queue pane's window onto the keyset-paged queue.
public struct QueueState: Sendable {
    public var filter = QueueFilter()
    /// The rows on screen (one page; the window slides by keyset queries, never OFFSET).
    public var rows: [QueueRow] = []
    public var selected = 0
    /// Absolute position of `rows[0]` in the filtered queue (for the counter), tracked move by move.
    public var position = 0
    /// False while the position is being located off the key path (after a jump or another console's change):
    /// the counter shows "?".
    public var positionIsKnown = true
    public var total = 0
    /// False while the total is being counted off the key path (a filter the maintained counts do not answer):
    /// the counter shows "…".
    public var totalIsKnown = true
    public var pageSize = 20
    /// Bumped by every change of the filter's text typed at the `/` prompt; results of older searches are ignored.
    public var searchGeneration = 0
    /// The generation whose page is on screen (behind `searchGeneration` while a search is in flight).
    public var shownSearchGeneration = 0
    /// How many applications the text filter matches, once counted (nil: no text, or not counted yet).
    public var matchCount: QueueMatchCount?
    /// The filter's text when the `/` prompt opened (Esc puts it back).
    public var textBeforePrompt: String?

    public var selectedRow: QueueRow? { rows.indices.contains(selected) ? rows[selected] : nil }
}

/// The alerts pane's window onto the keyset-paged open alerts (like the queue's: never OFFSET).
public struct AlertsState: Sendable {
    /// The alerts on screen (one page).
    public var rows: [AlertRow] = []
    public var selected = 0
    /// Absolute position of `rows[0]` among the open alerts (for the counter), tracked move by move.
    public var position = 0
    /// False while the position is being located off the key path.
    public var positionIsKnown = true
    /// False until the first window and counts arrive (the pane says "loading…" meanwhile).
    public var isLoaded = false
    /// Open alerts by severity, counted by the store (the title's figures, not the window's).
    public var counts: [Severity: Int] = [:]
    public var pageSize = 10
    /// Which alerts the pane lists (mine, unassigned, critical, calls); the store's queries and counts apply it.
    public var filter = AlertFilter.none
    /// Alerts raised while the console was open and not yet seen (drawn with a mark until the cursor is on them
    /// in the focused alerts pane).
    public var unseen: Set<Int64> = []

    /// Every open alert, from the counts.
    public var total: Int { counts.values.reduce(0, +) }
    public var selectedRow: AlertRow? { rows.indices.contains(selected) ? rows[selected] : nil }
    public var selectedAlert: StoredAlert? { selectedRow?.alert }
}

/// A message in the status bar.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
}

/// What a text line at the bottom is being used for.
public enum PromptKind: Hashable, Sendable { case filter, command }

/// The console's whole state as a value: render draws it, reduce changes it.
public struct AppState: Sendable {
    public var user: User
    public var databaseName: String
    public var isTrainingData: Bool
    /// Forced read-only (`--readonly`) on top of what the role allows.
    public var readOnlyFlag: Bool
    public var focus: Pane = .queue
    public var zoomed = false
    public var queue = QueueState()
    public var detail: ApplicationDetail?
    public var profileScroll = 0
    public var alerts = AlertsState()
    public var pricingTable: [[BasisPoints]] = []
    /// The leverage cap the pricing table's bands run up to (from the stored financing margin ratio).
    public var pricingMaximumLeverage = ScreeningPolicy().maximumLeverage
    /// The grade row the pricing pane's cursor is on (the application's own cell is derived from `detail`).
    public var pricingGradeCursor = 2
    public var showsBreakdown = false
    public var dialog: DecisionDialog?
    /// The open resolve, snooze or escalate dialog on an alert.
    public var alertDialog: AlertDialog?
    /// The pricing pane's `E` dialog: pick a parameter, type the value and reason, preview, confirm.
    public var pricingEditDialog: PricingEditDialog?
    /// The `:calls` view of the live margin calls, while it is open.
    public var callsOverlay: CallsOverlay?
    public var prompt: (kind: PromptKind, field: TextField)?
    public var showsHelp = false
    public var helpOffset = 0
    /// The read-only `:settings` view, while it is open.
    public var settingsOverlay: SettingsOverlay?
    public var status: StatusMessage?
    public var size: Size
    public var now: Date
    public var lastRefresh: Date
    public var themeName: String
    public var canSwitchUser: Bool
    public var shouldQuit = false
    /// Effects in flight, held keys and the change log this console tails.
    public var live = LiveState()
    // Supervisors (issue 9).
    /// The first approvals awaiting confirmation among the visible rows, by application id (the second-approval view's columns).
    public var proposals: [String: PendingProposal] = [:]
    /// The approval policy (four-eyes threshold, rollback window), read with the proposals.
    public var approvalPolicy: ApprovalPolicy?
    /// The stage filter `S` left for the second-approval view (`S` again puts it back).
    public var stagesBeforeSecondApprovals: [Stage]?
    /// The open rollback or reveal dialog (a required reason).
    public var reasonDialog: ReasonDialog?
    /// The customer whose ID and phone are shown in clear, until `revealed.until`.
    public var revealed: RevealedIdentity?
    /// The desk-metrics strip (`m`) and the sentiment index and policy the header shows (issue 9).
    public var metrics = MetricsStrip()
    public var sentiment: SentimentReading?
    // Training mode (issue 9, item 7).
    /// True in `riskdesk demo` (its scratch copy can be `:reset`).
    public var isDemo = false
    /// True while `:reset` waits for y/Enter or Esc.
    public var confirmsReset = false
    /// The guided `:tour`, once started.
    public var tour: TourState?
    // Models (issue 10).
    /// The `:models` view, while it is open (its report overlay and approval confirmation inside it).
    public var modelsView: ModelsView?

    public init(user: User, databaseName: String, isTrainingData: Bool, readOnly: Bool, size: Size, now: Date,
                themeName: String, canSwitchUser: Bool) {
        self.user = user
        self.databaseName = databaseName
        self.isTrainingData = isTrainingData
        self.readOnlyFlag = readOnly
        self.size = size
        self.now = now
        self.lastRefresh = now
        self.themeName = themeName
        self.canSwitchUser = canSwitchUser
    }

    /// True while keys go into a text field: a dialog's focused field, or the filter or command line.
    public var isEnteringText: Bool {
        if prompt != nil { return true }
        if reasonDialog != nil, !showsHelp { return true }
        if let pricingEditDialog, !showsHelp { return pricingEditDialog.step == .edit }
        if let alertDialog, !showsHelp { return alertDialog.fields.indices.contains(alertDialog.focusedField) }
        guard let dialog, !showsHelp else { return false }
        return dialog.fields.indices.contains(dialog.focusedField)
    }

    /// True when this person may write nothing here.
    public var isReadOnly: Bool { readOnlyFlag || Access.isReadOnly(user.role, onTrainingData: isTrainingData) }

    public static let minimumSize = Size(width: 80, height: 24)
    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    mutating func say(_ text: String, error: Bool = false) { status = StatusMessage(text: text, isError: error) }
}
