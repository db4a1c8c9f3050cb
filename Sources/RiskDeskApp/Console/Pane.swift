/// The four panes of the console, in Tab order.
public enum Pane: Int, CaseIterable, Sendable {
    case queue, profile, alerts, pricing

    public var title: String {
        switch self {
        case .queue: "Approval queue"
        case .profile: "Customer profile"
        case .alerts: "Risk alerts"
        case .pricing: "Pricing table"
        }
    }

    var next: Pane { Pane(rawValue: (rawValue + 1) % 4) ?? .queue }
    var previous: Pane { Pane(rawValue: (rawValue + 3) % 4) ?? .queue }
}
