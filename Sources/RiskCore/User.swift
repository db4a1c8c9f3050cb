/// What a person at the desk may do; see `Permission`.
public enum Role: String, CaseIterable, Sendable, Codable {
    case officer, supervisor, auditor, trainer
}

/// One thing a role may be allowed to do.
public enum Permission: String, CaseIterable, Sendable {
    case decide, note, claim, acknowledgeAlert, secondApproval, override, editPricing, rollback
    case reassign, resolveCriticalAlert, switchModel, revealPII, verifyAudit, readAll
}

/// A person who signs in to the desk, with the largest line they may approve alone.
public struct User: Hashable, Sendable, Codable, Identifiable {
    public var id: String { name }
    public var name: String
    public var displayName: String
    public var role: Role
    /// The largest credit line this person may approve.
    public var approvalLimit: Money
    public var isActive: Bool

    public init(name: String, displayName: String, role: Role, approvalLimit: Money, isActive: Bool = true) {
        self.name = name
        self.displayName = displayName
        self.role = role
        self.approvalLimit = approvalLimit
        self.isActive = isActive
    }

    /// Whether the role grants `permission`; trainers only on a database marked as training data.
    public func may(_ permission: Permission, onTrainingData isTraining: Bool) -> Bool {
        Access.allows(role, permission, onTrainingData: isTraining)
    }

    /// Supervisors, and trainers on training data, act with a supervisor's rights.
    public func actsAsSupervisor(onTrainingData isTraining: Bool) -> Bool {
        role == .supervisor || (role == .trainer && isTraining)
    }
}

/// The role table of domain.md as a pure function.
public enum Access {
    public static func allows(_ role: Role, _ permission: Permission, onTrainingData isTraining: Bool) -> Bool {
        switch role {
        case .auditor:
            return permission == .verifyAudit || permission == .readAll
        case .trainer:
            return isTraining || permission == .readAll
        case .supervisor:
            return true
        case .officer:
            switch permission {
            case .decide, .note, .claim, .acknowledgeAlert, .readAll: return true
            default: return false
            }
        }
    }

    /// True for roles that never write.
    public static func isReadOnly(_ role: Role, onTrainingData isTraining: Bool) -> Bool {
        role == .auditor || (role == .trainer && !isTraining)
    }
}
