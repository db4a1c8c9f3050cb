import Foundation

/// Something a person at the desk can ask for with one key: a decision, a note, a release, an acknowledgement.
public enum DeskAction: String, CaseIterable, Sendable {
    case approve, approveWithConditions, reject, requestInfo, escalate, note, release, acknowledge

    /// The verb used in messages, the same as `DecisionKind.name` for decisions.
    public var name: String {
        switch self {
        case .approve: "approve"
        case .approveWithConditions: "approve-with"
        case .reject: "reject"
        case .requestInfo: "request-info"
        case .escalate: "escalate"
        case .note: "add notes"
        case .release: "release claims"
        case .acknowledge: "acknowledge alerts"
        }
    }

    /// The permission the role table must grant.
    public var permission: Permission {
        switch self {
        case .approve, .approveWithConditions, .reject, .requestInfo, .escalate: .decide
        case .note: .note
        case .release: .claim
        case .acknowledge: .acknowledgeAlert
        }
    }

    /// Decisions claim the application before their dialog opens.
    public var isDecision: Bool {
        switch self {
        case .approve, .approveWithConditions, .reject, .requestInfo, .escalate: true
        case .note, .release, .acknowledge: false
        }
    }
}

/// Why a desk action cannot be taken now, with a message for the person at the keyboard.
public enum ActionUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pipeline would refuse it; worded as the refusal after Enter would be.
    case refused(DecisionError)
    case noApplication
    case notClaimed(applicationID: String)
    case noAlert
    case alertNotOpen(state: AlertState)

    public var description: String {
        switch self {
        case let .refused(error): error.description
        case .noApplication: "no application selected"
        case let .notClaimed(id): "\(id) is not claimed: nothing to release"
        case .noAlert: "no alert selected"
        case let .alertNotOpen(state): "the alert is \(state.rawValue), not open: only an open alert can be acknowledged"
        }
    }

    /// True when the reason is who the person is (role, training data), so no selection could change it.
    public var isPermanent: Bool {
        switch self {
        case .refused(.readOnly), .refused(.notPermitted): true
        default: false
        }
    }
}

/// Whether a person may take a desk action on what is selected: the console's keys ask this before
/// doing anything, so a key that cannot act says why instead of opening a dialog, claiming or writing.
///
/// The rules are the pipeline's (`Pipeline.claim` and `Pipeline.decide`), checked in the same order and
/// with the same `DecisionError` wording; the store still checks them again when it writes.
public enum ActionAvailability {
    /// Why `user`'s role can never take `action` here (read-only role, trainer on live data, missing
    /// permission), whatever is selected; nil when the role allows it.
    public static func roleReason(_ action: DeskAction, by user: User, onTrainingData isTraining: Bool) -> ActionUnavailable? {
        if Access.isReadOnly(user.role, onTrainingData: isTraining) { return .refused(.readOnly(user: user.name)) }
        guard user.may(action.permission, onTrainingData: isTraining) else {
            return .refused(.notPermitted(user: user.name, role: user.role, action: action.name))
        }
        return nil
    }

    /// Why `user` cannot take `action` on `application` (or on an alert in `alertState`) at `now`;
    /// nil when the action may be attempted.
    public static func reason(_ action: DeskAction, by user: User, onTrainingData isTraining: Bool,
                              application: Application?, history: [PastDecision] = [], alertState: AlertState? = nil,
                              now: Date) -> ActionUnavailable? {
        if let role = roleReason(action, by: user, onTrainingData: isTraining) { return role }
        if action == .acknowledge {
            guard let alertState else { return .noAlert }
            return alertState == .open ? nil : .alertNotOpen(state: alertState)
        }
        guard let app = application else { return .noApplication }
        let holder = app.claimHolder(at: now)
        switch action {
        case .note:
            return nil
        case .release:
            guard let holder else { return .notClaimed(applicationID: app.id) }
            if holder != user.name && !user.may(.reassign, onTrainingData: isTraining) {
                return .refused(.claimedByOther(holder: holder))
            }
            return nil
        default:
            break
        }
        // A decision claims first: only stages that need a person can be claimed, and only if nobody else holds them.
        let stage = app.stage
        guard stage.needsPerson else { return .refused(.illegalTransition(from: stage, action: action.name)) }
        if let holder, holder != user.name { return .refused(.claimedByOther(holder: holder)) }
        if let refusal = stageRefusal(action, on: app, history: history, by: user, onTrainingData: isTraining) {
            return .refused(refusal)
        }
        return nil
    }

    /// The pipeline's stage, supervisor and limit rules for a decision on an application a person may claim.
    private static func stageRefusal(_ action: DeskAction, on app: Application, history: [PastDecision], by user: User,
                                     onTrainingData isTraining: Bool) -> DecisionError? {
        let stage = app.stage
        let supervisor = user.actsAsSupervisor(onTrainingData: isTraining)
        switch action {
        case .approve, .approveWithConditions:
            if stage != .manualReview && !supervisor { return .supervisorRequired(action: action.name, stage: stage) }
            // Approving as is approves the terms under review; with conditions the line can still be lowered.
            let line = app.termsUnderReview.line
            if action == .approve && line > user.approvalLimit {
                return .limitExceeded(user: user.name, line: line, limit: user.approvalLimit)
            }
            // Four eyes: whoever proposed the terms awaiting a second approval cannot confirm them.
            if stage == .awaitingSecondApproval, let pending = FourEyes.pendingProposal(history), pending.actor == user.name {
                return .fourEyes(user: user.name)
            }
            return nil
        case .reject:
            guard stage.canMove(to: .rejected) else { return .illegalTransition(from: stage, action: action.name) }
            if stage != .manualReview && !supervisor { return .supervisorRequired(action: action.name, stage: stage) }
            return nil
        case .requestInfo:
            guard stage.canMove(to: .infoRequested) else { return .illegalTransition(from: stage, action: action.name) }
            if stage == .escalated && !supervisor { return .supervisorRequired(action: action.name, stage: stage) }
            return nil
        case .escalate:
            guard stage == .manualReview else { return .illegalTransition(from: stage, action: action.name) }
            return nil
        case .note, .release, .acknowledge:
            return nil
        }
    }
}
