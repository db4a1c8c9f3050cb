/// Where a card is in its lifecycle (SR 11-7: develop, validate, approve, monitor, retire). A trained card is a
/// candidate; a supervisor makes it a challenger (scored in the shadow beside the champion); promotion to champion
/// and rollback to the previous champion each need a proposer and a different approving supervisor. A champion
/// replaced is retired (and may be rolled back to).
public enum ModelStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case candidate, challenger, champion, retired
}
