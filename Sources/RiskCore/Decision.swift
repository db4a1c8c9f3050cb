import Foundation

/// What a person decides about an application.
public enum DecisionKind: Hashable, Sendable {
    case approve
    /// Approve a lower line and/or lower leverage than requested.
    case approveWithConditions(line: Money, leverage: Leverage)
    case reject(ReasonCode)
    case requestInfo
    case escalate
    /// Reverse an approval or activation within the rollback window (supervisors, with a reason).
    case rollback
    case withdraw

    /// The short name used in the store, the CLI and the audit log.
    public var name: String {
        switch self {
        case .approve: "approve"
        case .approveWithConditions: "approve-with"
        case .reject: "reject"
        case .requestInfo: "request-info"
        case .escalate: "escalate"
        case .rollback: "rollback"
        case .withdraw: "withdraw"
        }
    }

    public var isApproval: Bool {
        switch self {
        case .approve, .approveWithConditions: true
        default: false
        }
    }
}

/// Which approval a person means to give. A second approval must be named: two supervisors racing to give
/// the first approval must never turn into "four eyes" by accident.
public enum ApprovalIntent: String, Hashable, Sendable {
    case first, second
}

/// A decision as submitted: who, what, against which version of the application.
public struct DecisionRequest: Hashable, Sendable {
    public var applicationID: String
    public var kind: DecisionKind
    public var actor: String
    public var note: String
    /// The application version the person was looking at; a newer one in the store means a conflict.
    public var expectedVersion: Int
    /// A change to the quoted rate, if any; beyond the policy's ±50 bp it needs a different supervisor's approval.
    /// On a second approval, nil keeps the override the first approver proposed.
    public var priceOverride: BasisPoints?
    /// First or second approval; ignored by other kinds of decision.
    public var intent: ApprovalIntent

    public init(applicationID: String, kind: DecisionKind, actor: String, note: String = "",
                expectedVersion: Int, priceOverride: BasisPoints? = nil, intent: ApprovalIntent = .first) {
        self.applicationID = applicationID
        self.kind = kind
        self.actor = actor
        self.note = note
        self.expectedVersion = expectedVersion
        self.priceOverride = priceOverride
        self.intent = intent
    }
}

/// Limits the pipeline enforces; stored as settings.
public struct ApprovalPolicy: Hashable, Sendable, Codable {
    /// Approvals above this line need a second approver (four eyes).
    public var fourEyesThreshold: Money
    /// A price override beyond ±this needs a second approval by a supervisor other than whoever set it.
    public var maximumUnreviewedOverride: BasisPoints
    /// No override may go beyond ±this, whoever approves it.
    public var maximumOverride: BasisPoints
    /// How long after approval a supervisor may roll it back.
    public var rollbackWindow: TimeInterval
    /// How long opening a decision holds the application for one person.
    public var claimDuration: TimeInterval

    public init(fourEyesThreshold: Money = Money(yuan: 1_000_000),
                maximumUnreviewedOverride: BasisPoints = BasisPoints(50), maximumOverride: BasisPoints = BasisPoints(300),
                rollbackWindow: TimeInterval = 5 * 86_400, claimDuration: TimeInterval = 30 * 60) {
        self.fourEyesThreshold = fourEyesThreshold
        self.maximumUnreviewedOverride = maximumUnreviewedOverride
        self.maximumOverride = maximumOverride
        self.rollbackWindow = rollbackWindow
        self.claimDuration = claimDuration
    }
}

/// Everything the pipeline needs to judge one decision.
public struct DecisionContext: Sendable {
    public var application: Application
    public var actor: User
    /// The application's earlier decisions, oldest first: four eyes is judged on them.
    public var history: [PastDecision]
    public var isTrainingData: Bool
    public var policy: ApprovalPolicy
    /// The pricing floor and cap: an overridden rate must stay within them.
    public var rateBounds: ClosedRange<BasisPoints>
    public var now: Date

    public init(application: Application, actor: User, history: [PastDecision] = [], isTrainingData: Bool,
                policy: ApprovalPolicy, rateBounds: ClosedRange<BasisPoints> = BasisPoints(450)...BasisPoints(1_200),
                now: Date) {
        self.application = application
        self.actor = actor
        self.history = history
        self.isTrainingData = isTrainingData
        self.policy = policy
        self.rateBounds = rateBounds
        self.now = now
    }

    /// Users who already approved the application in its current approval cycle.
    public var priorApprovers: [String] { FourEyes.approvers(history) }
}

/// What a legal decision does: the new stage, the approved terms and the audit record to write.
public struct DecisionOutcome: Hashable, Sendable {
    public var from: Stage
    public var to: Stage
    public var approvedLine: Money?
    public var approvedLeverage: Leverage?
    /// The rate an approval grants (the quote plus any override); recorded on the decision and carried to the contract.
    public var approvedRate: BasisPoints?
    /// The override that rate includes (nil: none).
    public var priceOverride: BasisPoints?
    public var audit: AuditRecord
    /// A human summary: "approved ¥500,000.00 at 3.0×; awaiting a second approver".
    public var summary: String
}

/// Why the pipeline refused a decision; each carries a message for the person at the keyboard.
public enum DecisionError: Error, Equatable, Sendable, CustomStringConvertible {
    case notPermitted(user: String, role: Role, action: String)
    case readOnly(user: String)
    case limitExceeded(user: String, line: Money, limit: Money)
    case fourEyes(user: String)
    /// A second approval was given without saying so (a plain approve on an application that already has a first one).
    case alreadyApproved(by: String)
    /// A second approval was named, but there is no first approval to confirm.
    case nothingToConfirm(stage: Stage)
    case overrideOutOfRange(BasisPoints, limit: BasisPoints)
    case rateOutOfBounds(rate: BasisPoints, floor: BasisPoints, cap: BasisPoints)
    case noQuote(applicationID: String)
    case notClaimed(applicationID: String)
    case noteTooLong(length: Int, maximum: Int)
    case loginNotMapped(login: String)
    case notYourIdentity(login: String, requested: String, allowed: [String])
    case ambiguousLogin(login: String, users: [String])
    case bootstrapNeedsSupervisor(user: String)
    case alertNotOpen(id: Int64, state: AlertState)
    /// A step the alert's state does not allow (snoozing an escalated alert, assigning a resolved one…).
    case alertStepNotAllowed(id: Int64, step: String, state: AlertState)
    /// The alert changed (another step was taken) since the person read it.
    case staleAlert(id: Int64, expected: Int, actual: Int)
    /// `auto_cleared` is the alert engine's disposition; a person picks another.
    case dispositionReserved(String)
    /// An alert may be assigned only to someone who works alerts (not an auditor, not a disabled account).
    case cannotTakeAlerts(user: String, role: Role)
    /// Already assigned to that person: nothing to change.
    case alreadyAssigned(id: Int64, to: String)
    /// Taking over an alert someone else holds needs a supervisor.
    case assignedToOther(id: Int64, assignee: String)
    /// A snooze must end after now and within the desk's maximum.
    case snoozeOutOfRange(seconds: Double, maximum: Double)
    /// The system reopens a snooze only once it has expired.
    case snoozeNotExpired(id: Int64, until: Date)
    /// An escalation says why a supervisor must look.
    case escalationReasonRequired
    case supervisorRequired(action: String, stage: Stage)
    case illegalTransition(from: Stage, action: String)
    case reasonRequired
    case noteRequired(action: String)
    case conditionsNotLower(requested: Money, leverage: Leverage)
    case invalidConditions(String)
    case staleVersion(applicationID: String, expected: Int, actual: Int)
    case claimedByOther(holder: String)
    /// The approval made at `decidedAt` is older than the rollback window of `window` seconds.
    case rollbackWindowClosed(decidedAt: Date, window: TimeInterval)
    case unknownUser(String)
    case unknownApplication(String)

    public var description: String {
        switch self {
        case let .notPermitted(user, role, action):
            "\(user) (\(role.rawValue)) may not \(action)"
        case let .readOnly(user):
            "\(user) is read-only here: nothing was written"
        case let .limitExceeded(user, line, limit):
            "\(line.formatted) exceeds \(user)'s approval limit of \(limit.formatted): escalate to a supervisor"
        case let .fourEyes(user):
            "four eyes: you made the first approval (\(user) → you): a second, different supervisor must approve"
        case let .alreadyApproved(by):
            "\(by) already gave the first approval; nothing was written. To confirm it, give the second approval explicitly (console: a on the 2nd-approval row; CLI: --second)"
        case let .nothingToConfirm(stage):
            "there is no first approval to confirm: the application is in \(stage.label)"
        case let .overrideOutOfRange(override, limit):
            "a price override of \(override.value) bp is outside the allowed ±\(limit.value) bp"
        case let .rateOutOfBounds(rate, floor, cap):
            "the overridden rate \(rate.percentText) is outside the pricing floor \(floor.percentText) and cap \(cap.percentText)"
        case let .loginNotMapped(login):
            "the login '\(login)' is not mapped to a desk user; a supervisor maps it with `riskdesk users map \(login) USER`"
        case let .notYourIdentity(login, requested, allowed):
            allowed.isEmpty
                ? "the login '\(login)' may not act as \(requested): it is not mapped to any desk user"
                : "the login '\(login)' may act only as \(allowed.joined(separator: " or ")), not as \(requested)"
        case let .ambiguousLogin(login, users):
            "the login '\(login)' is mapped to \(users.joined(separator: ", ")): say which with --user"
        case let .bootstrapNeedsSupervisor(user):
            "no login is mapped yet: the first mapping must be to a supervisor, and \(user) is not one"
        case let .noteTooLong(length, maximum):
            NoteError.tooLong(length: length, maximum: maximum).description
        case let .notClaimed(id):
            "\(id) is not claimed"
        case let .alertNotOpen(id, state):
            "alert \(id) is \(state.rawValue), not open"
        case let .alertStepNotAllowed(id, step, state):
            "cannot \(step) alert \(id): it is \(state.rawValue)"
        case let .staleAlert(id, expected, actual):
            "alert \(id) changed since you read it (version \(expected), now \(actual)): reload and try again"
        case let .dispositionReserved(disposition):
            "\(disposition) is recorded only by the alert engine when a condition clears by itself; pick false_positive, topped_up, position_reduced or other"
        case let .cannotTakeAlerts(user, role):
            "\(user) (\(role.rawValue)) does not work alerts: assign it to an officer or a supervisor"
        case let .alreadyAssigned(id, to):
            "alert \(id) is already assigned to \(to)"
        case let .assignedToOther(id, assignee):
            "alert \(id) is assigned to \(assignee): only a supervisor reassigns it"
        case let .snoozeOutOfRange(seconds, maximum):
            seconds <= 0
                ? "a snooze must end in the future"
                : "a snooze of \(AlertLifecycle.durationText(seconds)) is longer than the maximum of \(AlertLifecycle.durationText(maximum))"
        case .escalationReasonRequired:
            "escalating an alert needs a reason: say why a supervisor must look at it"
        case let .snoozeNotExpired(id, until):
            "alert \(id) is snoozed until \(ISO8601DateFormatter().string(from: until)): not expired yet"
        case let .noQuote(id):
            "\(id) has no price quote to override"
        case let .supervisorRequired(action, stage):
            "only a supervisor may \(action) an application in \(stage.label)"
        case let .illegalTransition(from, action):
            "cannot \(action) an application in \(from.label)"
        case .reasonRequired:
            "a rejection needs a reason code"
        case let .noteRequired(action):
            "\(action) needs a note"
        case let .conditionsNotLower(requested, leverage):
            "conditions must lower the line (requested \(requested.formatted)) or the leverage (requested \(leverage.text)) and raise neither"
        case let .invalidConditions(text):
            text
        case let .staleVersion(id, expected, actual):
            "\(id) changed since you opened it (version \(expected), now \(actual)): reload and decide again"
        case let .claimedByOther(holder):
            "claimed by \(holder): release it or wait for the claim to expire"
        case let .rollbackWindowClosed(decidedAt, window):
            "the rollback window (\(RollbackRules.windowText(window))) closed \(RollbackRules.minuteText(decidedAt.addingTimeInterval(window)))"
        case let .unknownUser(name):
            "no user named '\(name)' in this database"
        case let .unknownApplication(id):
            "no application \(id)"
        }
    }
}
