import Foundation

/// Who may do the desk's smaller acts — release a claim, add a note, acknowledge or resolve an alert, edit
/// pricing, change a setting — as pure checks. The store asks these and writes only what they allow.
public enum DeskRules {
    /// Refuses roles without `permission` (read-only roles have none of the writing ones), naming the act in words.
    public static func require(_ permission: Permission, by user: User, isTrainingData: Bool,
                               doing action: String) throws(DecisionError) {
        guard user.may(permission, onTrainingData: isTrainingData) else {
            throw .notPermitted(user: user.name, role: user.role, action: action)
        }
    }

    /// Releasing a claim: the holder may; so may whoever may reassign work (supervisors). Returns the holder released.
    public static func releaseClaim(of app: Application, by user: User, isTrainingData: Bool,
                                    now: Date) throws(DecisionError) -> String {
        if Access.isReadOnly(user.role, onTrainingData: isTrainingData) { throw .readOnly(user: user.name) }
        guard let holder = app.claimHolder(at: now) else { throw .notClaimed(applicationID: app.id) }
        guard holder == user.name || user.may(.reassign, onTrainingData: isTrainingData) else {
            throw .claimedByOther(holder: holder)
        }
        return holder
    }

    /// Adding a note to an application's history.
    public static func addNote(by user: User, isTrainingData: Bool) throws(DecisionError) {
        try require(.note, by: user, isTrainingData: isTrainingData, doing: "add notes")
    }

    /// Acknowledging an alert: only an open one (the rule is `AlertLifecycle`'s).
    public static func acknowledgeAlert(_ id: Int64, state: AlertState, by user: User,
                                        isTrainingData: Bool) throws(DecisionError) {
        // No clock here: a snoozed alert is taken as snoozed (its expiry is not known to this check).
        var alert = AlertStatus(id: id, severity: .info, rule: "", state: state)
        alert.snoozedUntil = state == .snoozed ? .distantFuture : nil
        _ = try AlertLifecycle.apply(.acknowledge, to: alert, by: user, now: .distantPast, isTrainingData: isTrainingData)
    }

    /// Resolving an alert: critical ones need a supervisor; a resolved one stays resolved (the rule is `AlertLifecycle`'s).
    public static func resolveAlert(_ id: Int64, severity: Severity, state: AlertState, by user: User,
                                    isTrainingData: Bool) throws(DecisionError) {
        let alert = AlertStatus(id: id, severity: severity, rule: "", state: state)
        try AlertLifecycle.mayResolve(alert, by: user, isTrainingData: isTrainingData)
        guard state != .resolved else { throw .alertNotOpen(id: id, state: state) }
    }

    /// Editing a pricing parameter (supervisors).
    public static func editPricing(by user: User, isTrainingData: Bool) throws(DecisionError) {
        try require(.editPricing, by: user, isTrainingData: isTrainingData, doing: "edit pricing")
    }

    /// Changing a stored setting (a threshold of `DeskSettings`): a supervisor, or a trainer on training data.
    /// A reason is required: the audit entry must say why a limit moved.
    public static func changeSetting(by user: User, isTrainingData: Bool, reason: String) throws(DecisionError) {
        if Access.isReadOnly(user.role, onTrainingData: isTrainingData) { throw .readOnly(user: user.name) }
        guard user.actsAsSupervisor(onTrainingData: isTrainingData) else {
            throw .notPermitted(user: user.name, role: user.role, action: "change settings")
        }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonRequired }
    }
}
