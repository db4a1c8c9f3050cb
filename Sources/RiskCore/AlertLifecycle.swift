import Foundation

/// How a person (or the alert engine) closed an alert.
public enum AlertDisposition: String, CaseIterable, Sendable, Codable {
    case falsePositive = "false_positive"
    case toppedUp = "topped_up"
    case positionReduced = "position_reduced"
    /// Needs a note saying what happened.
    case other
    /// The engine's, when the condition cleared by itself; no person may pick it.
    case autoCleared = "auto_cleared"

    /// The dispositions a person may pick, in the order a picker lists them.
    public static let personal: [AlertDisposition] = [.falsePositive, .toppedUp, .positionReduced, .other]

    /// `customer topped up`, for a picker.
    public var label: String {
        switch self {
        case .falsePositive: "false positive"
        case .toppedUp: "customer topped up"
        case .positionReduced: "position reduced"
        case .other: "other (with a note)"
        case .autoCleared: "cleared by itself"
        }
    }
}

/// One step of an alert's lifecycle that a person takes.
public enum AlertStep: Hashable, Sendable {
    case acknowledge
    /// Assign to `assignee` (the actor themself for "assign to me").
    case assign(to: User)
    case resolve(AlertDisposition, note: String)
    case snooze(until: Date)
    case escalate(reason: String)

    /// The step in words, for messages and audit actions: `acknowledge`, `assign`, ….
    public var name: String {
        switch self {
        case .acknowledge: "acknowledge"
        case .assign: "assign"
        case .resolve: "resolve"
        case .snooze: "snooze"
        case .escalate: "escalate"
        }
    }
}

/// The lifecycle limits the desk tunes (settings).
public struct AlertLifecyclePolicy: Hashable, Sendable {
    /// The longest a person may snooze an alert.
    public var maximumSnooze: TimeInterval

    public init(maximumSnooze: TimeInterval = 3 * 86_400) {
        self.maximumSnooze = maximumSnooze
    }
}

/// The alert lifecycle as pure functions, like `Pipeline` for applications: who may acknowledge, assign, resolve,
/// snooze or escalate an alert in which state, and what the alert looks like afterwards.
///
/// States: open → acknowledged → resolved (with a disposition), or escalated (to supervisors, with a reason);
/// open or acknowledged → snoozed until an expiry, after which it counts as open again (`reopenExpiredSnooze`).
/// Critical and escalated alerts are resolved only by supervisors (trainers on training data count as supervisors);
/// supervisors assign to anyone who works alerts, officers only to themselves; auditors change nothing; a resolved
/// alert takes no further step.
public enum AlertLifecycle {
    /// The alert after `step` by `actor`, or the refusal with its reason.
    /// A snooze that has expired at `now` counts as open: the step applies to the reopened alert.
    public static func apply(_ step: AlertStep, to alert: AlertStatus, by actor: User, now: Date, isTrainingData: Bool,
                             policy: AlertLifecyclePolicy = AlertLifecyclePolicy()) throws(DecisionError) -> AlertStatus {
        var next = alert.effective(at: now)
        let state = next.state
        switch step {
        case .acknowledge:
            try DeskRules.require(.acknowledgeAlert, by: actor, isTrainingData: isTrainingData, doing: "acknowledge alerts")
            guard state == .open else { throw .alertNotOpen(id: alert.id, state: state) }
            next.state = .acknowledged
            next.acknowledgedBy = actor.name
            next.acknowledgedAt = now

        case let .assign(assignee):
            try DeskRules.require(.acknowledgeAlert, by: actor, isTrainingData: isTrainingData, doing: "assign alerts")
            guard state != .resolved else { throw .alertStepNotAllowed(id: alert.id, step: "assign", state: state) }
            let supervisor = actor.actsAsSupervisor(onTrainingData: isTrainingData)
            if assignee.name != actor.name && !supervisor {
                throw .notPermitted(user: actor.name, role: actor.role, action: "assign alerts to someone else")
            }
            guard assignee.isActive, assignee.may(.acknowledgeAlert, onTrainingData: isTrainingData) else {
                throw .cannotTakeAlerts(user: assignee.name, role: assignee.role)
            }
            if state == .escalated && !assignee.actsAsSupervisor(onTrainingData: isTrainingData) {
                throw .notPermitted(user: assignee.name, role: assignee.role, action: "take escalated alerts (they are for supervisors)")
            }
            if let holder = next.assignee {
                guard holder != assignee.name else { throw .alreadyAssigned(id: alert.id, to: holder) }
                guard supervisor else { throw .assignedToOther(id: alert.id, assignee: holder) }
            }
            next.assignee = assignee.name
            next.assignedBy = actor.name
            next.assignedAt = now

        case let .resolve(disposition, note):
            guard disposition != .autoCleared else { throw .dispositionReserved(disposition.rawValue) }
            try mayResolve(next, by: actor, isTrainingData: isTrainingData)
            guard state != .resolved else { throw .alertNotOpen(id: alert.id, state: state) }
            let text = try validated(note)
            if disposition == .other && text.isEmpty { throw .noteRequired(action: "resolving an alert as other") }
            next.state = .resolved
            next.resolvedBy = actor.name
            next.resolvedAt = now
            next.disposition = disposition
            next.resolutionNote = text.isEmpty ? nil : text

        case let .snooze(until):
            try DeskRules.require(.acknowledgeAlert, by: actor, isTrainingData: isTrainingData, doing: "snooze alerts")
            // A snoozed critical alert leaves everyone's list: only who may resolve it may hide it.
            if alert.severity == .critical {
                try DeskRules.require(.resolveCriticalAlert, by: actor, isTrainingData: isTrainingData, doing: "snooze critical alerts")
            }
            guard state == .open || state == .acknowledged else {
                throw .alertStepNotAllowed(id: alert.id, step: "snooze", state: state)
            }
            let seconds = until.timeIntervalSince(now)
            guard seconds > 0, seconds <= policy.maximumSnooze else {
                throw .snoozeOutOfRange(seconds: seconds, maximum: policy.maximumSnooze)
            }
            next.state = .snoozed
            next.snoozedBy = actor.name
            next.snoozedUntil = until

        case let .escalate(reason):
            try DeskRules.require(.acknowledgeAlert, by: actor, isTrainingData: isTrainingData, doing: "escalate alerts")
            guard state == .open || state == .acknowledged else {
                throw .alertStepNotAllowed(id: alert.id, step: "escalate", state: state)
            }
            let text = try validated(reason)
            guard !text.isEmpty else { throw .escalationReasonRequired }
            next.state = .escalated
            next.escalatedBy = actor.name
            next.escalatedAt = now
            next.escalationReason = text
        }
        next.version = alert.version + 1
        return next
    }

    /// A note or reason as stored (trimmed), refused when longer than a note may be.
    static func validated(_ text: String) throws(DecisionError) -> String {
        do throws(NoteError) { return try Note.validated(text) } catch {
            switch error {
            case let .tooLong(length, maximum): throw .noteTooLong(length: length, maximum: maximum)
            }
        }
    }

    /// Who may resolve `alert`: critical and escalated alerts a supervisor; others anyone who works alerts.
    static func mayResolve(_ alert: AlertStatus, by actor: User, isTrainingData: Bool) throws(DecisionError) {
        let permission: Permission = alert.severity == .critical ? .resolveCriticalAlert : .acknowledgeAlert
        try DeskRules.require(permission, by: actor, isTrainingData: isTrainingData, doing: "resolve \(alert.severity.rawValue) alerts")
        if alert.state == .escalated && !actor.actsAsSupervisor(onTrainingData: isTrainingData) {
            throw .notPermitted(user: actor.name, role: actor.role, action: "resolve escalated alerts")
        }
    }

    /// The system's step: a snooze whose expiry has come reopens the alert (state open, snooze cleared).
    public static func reopenExpiredSnooze(_ alert: AlertStatus, now: Date) throws(DecisionError) -> AlertStatus {
        guard alert.state == .snoozed else { throw .alertStepNotAllowed(id: alert.id, step: "reopen", state: alert.state) }
        guard let until = alert.snoozedUntil, until <= now else {
            throw .snoozeNotExpired(id: alert.id, until: alert.snoozedUntil ?? now)
        }
        var next = alert.effective(at: now)
        next.version = alert.version + 1
        return next
    }

    /// The alert engine's step: the condition cleared by itself, so the alert is resolved by `engine` as `auto_cleared`,
    /// whatever state people left it in (snoozed, escalated, assigned). A resolved alert stays as it was.
    public static func autoClear(_ alert: AlertStatus, now: Date) throws(DecisionError) -> AlertStatus {
        guard alert.state != .resolved else { throw .alertNotOpen(id: alert.id, state: alert.state) }
        var next = alert
        next.state = .resolved
        next.resolvedBy = engineActor
        next.resolvedAt = now
        next.disposition = .autoCleared
        next.snoozedUntil = nil
        next.version = alert.version + 1
        return next
    }

    /// Who the engine's steps are recorded as.
    public static let engineActor = "engine"

    /// `4h`, `2d 3h`, `30m`: a duration for messages.
    public static func durationText(_ seconds: Double) -> String {
        guard let minutes = Int.rounding((seconds / 60).rounded(.up), within: 0...1_000_000_000), minutes > 0 else {
            return seconds > 0 ? "a very long time" : "0m"
        }
        let days = minutes / 1_440, hours = (minutes % 1_440) / 60, rest = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append("\(days)d") }
        if hours > 0 { parts.append("\(hours)h") }
        if rest > 0 || parts.isEmpty { parts.append("\(rest)m") }
        return parts.joined(separator: " ")
    }
}
