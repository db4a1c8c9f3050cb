import Foundation
import RiskCore

/// Who plays which part in the guided tour (the sample's officer and supervisor).
public struct TourCast: Hashable, Sendable {
    public var officer: String
    public var supervisor: String

    public init(officer: String = "wang.fang", supervisor: String = "zhao.min") {
        self.officer = officer
        self.supervisor = supervisor
    }
}

/// What the store shows people did since the tour began: the audit log's records after the tour's mark, without
/// the feed's engine, the system or the seeder. The tour's steps are pure predicates over it.
public struct TourSnapshot: Hashable, Sendable {
    public var actions: [AuditRecord]

    public init(actions: [AuditRecord] = []) { self.actions = actions }

    func contains(_ predicate: (AuditRecord) -> Bool) -> Bool { actions.contains(where: predicate) }
}

/// One lesson of the guided tour: what to do (which keys), and how the store proves it was done.
public struct TourStep: Sendable {
    public var title: String
    /// The lines the tour strip shows: keys to press and commands to type.
    public var instructions: [String]
    /// True once the snapshot shows the step really done.
    public var isDone: @Sendable (TourSnapshot) -> Bool

    public init(title: String, instructions: [String], isDone: @escaping @Sendable (TourSnapshot) -> Bool) {
        self.title = title
        self.instructions = instructions
        self.isDone = isDone
    }
}

/// The guided tour's lessons, in order: approve, escalate, a second approval by another persona, an alert
/// acknowledged and resolved, a margin call met, a decision rolled back.
public enum Tour {
    static let secondApprovalStage = Stage.awaitingSecondApproval.rawValue

    public static func steps(cast: TourCast = TourCast()) -> [TourStep] {
        let officer = cast.officer, supervisor = cast.supervisor
        return [
            TourStep(title: "Approve as the officer", instructions: [
                ":as \(officer) — become the credit officer",
                "j/k pick a manual-review line up to ¥1M",
                "a approve · Enter confirms",
            ]) { snapshot in
                snapshot.contains { $0.actor == officer && $0.action.hasPrefix("decision.approve") }
            },
            TourStep(title: "Escalate a hard case", instructions: [
                "j/k pick another manual-review application",
                "e escalate · type why · Enter",
            ]) { snapshot in
                snapshot.contains { $0.action == "decision.escalate" }
            },
            TourStep(title: "Second approval (four eyes)", instructions: [
                "above ¥1M a first approval waits for a second",
                ":as \(supervisor) · S the second-approval view",
                "pick one someone else made (not \"you\")",
                "a approve · Enter (your own is refused)",
            ]) { snapshot in
                snapshot.contains {
                    $0.action.hasPrefix("decision.approve") && $0.before["stage"] == secondApprovalStage
                        && $0.after["stage"] != secondApprovalStage
                }
            },
            TourStep(title: "Acknowledge and resolve an alert", instructions: [
                "3 the alerts pane · j/k pick an alert",
                "A acknowledge",
                "R resolve · pick a disposition · Enter",
            ]) { snapshot in
                let acknowledged = Set(snapshot.actions.filter { $0.action == "alert.acknowledge" }.map(\.subject))
                return snapshot.contains { $0.action == "alert.resolve" && acknowledged.contains($0.subject) }
            },
            TourStep(title: "Meet a margin call", instructions: [
                ":calls — the live margin calls",
                "j/k pick a call · t records the top-up",
                "to recovery: the call is met",
            ]) { snapshot in
                snapshot.contains { $0.subject.hasPrefix("account:") && $0.after["state"] == MarginCallState.met.rawValue }
            },
            TourStep(title: "Roll a decision back", instructions: [
                "as \(supervisor), on an approved application:",
                ":rollback APP-ID (or B) · reason · Enter",
            ]) { snapshot in
                snapshot.contains { $0.action == "decision.rollback" }
            },
        ]
    }
}

/// The tour while it runs: where the store's proof stands and which step the strip shows.
public struct TourState: Sendable {
    /// The audit sequence the tour counts from (nil until read).
    public var mark: Int64?
    /// The audit sequence read up to so far (each check reads only what came after it).
    public var checkedThrough: Int64?
    public var snapshot = TourSnapshot()
    /// The first step not yet done (== steps.count when the tour is complete).
    public var reached = 0
    /// The step the strip shows (at most `reached`; `:tour back` looks at an earlier one).
    public var viewing = 0
    public var isVisible = true
    public let stepCount: Int

    public init(stepCount: Int) { self.stepCount = stepCount }

    public var isComplete: Bool { reached >= stepCount }

    /// Adds what people did after the last check (read up to `through`) and advances as `update` does.
    public mutating func absorb(_ records: [AuditRecord], through: Int64, steps: [TourStep]) {
        checkedThrough = max(checkedThrough ?? through, through)
        update(TourSnapshot(actions: snapshot.actions + records), steps: steps)
    }

    /// Takes a fresh snapshot: advances past every step it proves done, in order (a later step done early counts
    /// only once the ones before it are). The strip follows when it was showing the step reached.
    public mutating func update(_ snapshot: TourSnapshot, steps: [TourStep]) {
        self.snapshot = snapshot
        let followed = viewing == reached
        while reached < steps.count, steps[reached].isDone(snapshot) { reached += 1 }
        if followed { viewing = min(reached, stepCount) }
    }
}
