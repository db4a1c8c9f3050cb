import Foundation

/// An alert's lifecycle as a value: its state and who did what when. `AlertLifecycle` turns one into the next.
public struct AlertStatus: Hashable, Sendable {
    public var id: Int64
    public var severity: Severity
    public var rule: String
    public var state: AlertState
    /// Bumped by every step, so a step on an alert read before another step is refused (optimistic).
    public var version: Int
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?
    public var assignee: String?
    public var assignedBy: String?
    public var assignedAt: Date?
    public var escalatedBy: String?
    public var escalatedAt: Date?
    public var escalationReason: String?
    public var snoozedBy: String?
    public var snoozedUntil: Date?
    public var resolvedBy: String?
    public var resolvedAt: Date?
    public var disposition: AlertDisposition?
    public var resolutionNote: String?

    public init(id: Int64, severity: Severity, rule: String, state: AlertState, version: Int = 1) {
        self.id = id
        self.severity = severity
        self.rule = rule
        self.state = state
        self.version = version
    }

    /// True when a snooze has expired at `now`: the alert counts as open again.
    public func snoozeExpired(at now: Date) -> Bool {
        state == .snoozed && (snoozedUntil.map { $0 <= now } ?? true)
    }

    /// The alert as it stands at `now`: an expired snooze is open again (its snooze cleared), anything else unchanged.
    public func effective(at now: Date) -> AlertStatus {
        guard snoozeExpired(at: now) else { return self }
        var open = self
        open.state = .open
        open.snoozedBy = nil
        open.snoozedUntil = nil
        return open
    }
}
