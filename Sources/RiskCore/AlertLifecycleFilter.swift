/// Which listed alerts a person wants to see: theirs, nobody's, critical ones, margin calls — combinable.
public struct AlertFilter: Hashable, Sendable {
    /// Whose alerts: a person's (`assignee = name`), nobody's, or anyone's.
    public enum Assignment: Hashable, Sendable {
        case anyone
        case user(String)
        case nobody
    }

    public var assignment: Assignment
    public var criticalOnly: Bool
    /// Only the margin-call rules (`AlertRule.marginCallRules`).
    public var callsOnly: Bool

    public init(assignment: Assignment = .anyone, criticalOnly: Bool = false, callsOnly: Bool = false) {
        self.assignment = assignment
        self.criticalOnly = criticalOnly
        self.callsOnly = callsOnly
    }

    /// Every listed alert.
    public static let none = AlertFilter()

    /// True when the filter lets everything through.
    public var isEmpty: Bool { self == .none }

    /// Whether an alert with these properties passes the filter (the store's SQL says the same).
    public func matches(severity: Severity, rule: String, assignee: String?) -> Bool {
        switch assignment {
        case .anyone: break
        case let .user(name): guard assignee == name else { return false }
        case .nobody: guard assignee == nil else { return false }
        }
        if criticalOnly && severity != .critical { return false }
        if callsOnly && !AlertRule.marginCallRules.map(\.rawValue).contains(rule) { return false }
        return true
    }

    /// `mine · critical`, for a pane title; empty when there is no filter.
    public var label: String {
        var parts: [String] = []
        switch assignment {
        case .anyone: break
        case .user: parts.append("mine")
        case .nobody: parts.append("unassigned")
        }
        if criticalOnly { parts.append("critical") }
        if callsOnly { parts.append("calls") }
        return parts.joined(separator: " · ")
    }
}

extension AlertRule {
    /// The rules that are margin calls (the `calls` filter).
    public static let marginCallRules: [AlertRule] = [.marginWarning, .marginCloseOut]
}
