import RiskCore
import RiskStore

/// Work the reducer asks the runtime to do against the store; results come back as actions.
public enum Effect: Hashable, Sendable {
    /// How a keyset-paged window (the queue's or the alerts') moves.
    public enum QueueMove: Hashable, Sendable { case reload, top, bottom, nextRow, previousRow, nextPage, previousPage }

    case loadQueue(QueueMove)
    case loadDetail(applicationID: String)
    /// Moves the alerts pane's window (keyset paging, like the queue's).
    case loadAlerts(QueueMove)
    case loadPricing
    /// Claim the application, then open the decision dialog (a claim held by someone else blocks it).
    case claimAndOpen(DecisionDialog.Kind, applicationID: String)
    case decide(DecisionRequest)
    case addNote(applicationID: String, text: String)
    case releaseClaim(applicationID: String)
    case acknowledgeAlert(id: Int64)
    case goTo(applicationID: String)
    case switchUser(String)
    case setTheme(String)
    /// Read every desk setting for the `:settings` view.
    case loadSettings
}

