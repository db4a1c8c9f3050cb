import Foundation

/// A lifecycle step a person can ask for with one key, before its inputs (disposition, duration, reason) are known.
public enum AlertStepKind: String, CaseIterable, Hashable, Sendable {
    case acknowledge, assignToSelf, resolve, snooze, escalate
}

extension AlertLifecycle {
    /// Why `actor` cannot take a step of `kind` on `alert` at `now`, whatever they will type into its dialog; nil when
    /// the step may be attempted. Asks `apply` with the mildest inputs of the step (a picked disposition with no note,
    /// the shortest snooze, a non-empty reason), so the answer is the lifecycle's own rule and wording: only what
    /// the dialog itself checks (a note for `other`, the snooze's length) is left to Enter.
    public static func refusal(of kind: AlertStepKind, on alert: AlertStatus, by actor: User, now: Date,
                               isTrainingData: Bool) -> DecisionError? {
        let step: AlertStep
        switch kind {
        case .acknowledge: step = .acknowledge
        case .assignToSelf: step = .assign(to: actor)
        case .resolve: step = .resolve(.falsePositive, note: "")
        case .snooze: step = .snooze(until: now.addingTimeInterval(60))
        case .escalate: step = .escalate(reason: "reason")
        }
        do throws(DecisionError) {
            _ = try apply(step, to: alert, by: actor, now: now, isTrainingData: isTrainingData)
            return nil
        } catch {
            return error
        }
    }

    /// The snooze lengths a picker offers: 15m, 1h, 4h and 1d, those within `policy`'s maximum, then the maximum
    /// itself when it is none of them (so the longest allowed snooze can always be picked).
    public static func snoozeChoices(policy: AlertLifecyclePolicy) -> [TimeInterval] {
        let standard: [TimeInterval] = [15 * 60, 3_600, 4 * 3_600, 86_400]
        var choices = standard.filter { $0 <= policy.maximumSnooze }
        if policy.maximumSnooze > 0, !choices.contains(policy.maximumSnooze) { choices.append(policy.maximumSnooze) }
        return choices
    }
}
