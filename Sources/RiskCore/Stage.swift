/// Where an application is in the approval pipeline.
public enum Stage: String, CaseIterable, Sendable, Codable {
    case submitted, prescreen, assessment
    case manualReview = "manual_review"
    /// Escalated by an officer; waits for a supervisor's decision.
    case escalated
    /// Approved once; an amount above the four-eyes threshold or a price override waits for a second approver.
    case awaitingSecondApproval = "awaiting_second_approval"
    case compliance, contract, active
    case rejected, withdrawn
    case rolledBack = "rolled_back"
    case infoRequested = "info_requested"

    /// Terminal stages accept no further decision (info_requested re-enters at prescreen when the customer answers).
    public var isTerminal: Bool { self == .rejected || self == .withdrawn || self == .rolledBack }

    /// Stages a person decides in: the manual-review queue shows these.
    public var needsPerson: Bool { self == .manualReview || self == .escalated || self == .awaitingSecondApproval }

    public var label: String {
        switch self {
        case .manualReview: "manual review"
        case .awaitingSecondApproval: "2nd approval"
        case .rolledBack: "rolled back"
        case .infoRequested: "info requested"
        default: rawValue
        }
    }

    /// Parses the raw value or the label, with `-` or `_`: `manual-review`, `manual_review`, `review`.
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if let stage = Stage(rawValue: key) { self = stage; return }
        switch key {
        case "review", "manual": self = .manualReview
        case "second", "second_approval", "2nd", "2nd_approval": self = .awaitingSecondApproval
        case "info", "rollback": self = key == "info" ? .infoRequested : .rolledBack
        default: return nil
        }
    }

    /// The legal transitions of the pipeline; everything else is refused.
    public var successors: Set<Stage> {
        switch self {
        case .submitted: [.prescreen, .withdrawn]
        case .prescreen: [.assessment, .rejected, .withdrawn]
        case .assessment: [.manualReview, .compliance]
        case .manualReview: [.compliance, .awaitingSecondApproval, .escalated, .rejected, .infoRequested, .withdrawn]
        case .escalated: [.compliance, .awaitingSecondApproval, .rejected, .infoRequested, .withdrawn]
        // A second approver who changes the price beyond what one person may set re-proposes: it waits again.
        case .awaitingSecondApproval: [.compliance, .awaitingSecondApproval, .rejected]
        case .compliance: [.contract, .manualReview, .rejected, .rolledBack]
        case .contract: [.active, .withdrawn, .rolledBack]
        case .active: [.rolledBack]
        case .infoRequested: [.prescreen, .withdrawn]
        case .rejected, .withdrawn, .rolledBack: []
        }
    }

    public func canMove(to next: Stage) -> Bool { successors.contains(next) }
}
