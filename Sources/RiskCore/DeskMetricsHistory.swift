import Foundation

/// The desk's recent history as plain events, what the desk metrics are computed from (the store reads the events of
/// a window with indexed range queries; tests build them by hand).
public struct DeskHistory: Hashable, Sendable {
    /// Where routing sent an application after its assessment.
    public enum Route: String, Hashable, Sendable {
        /// Past manual review, straight to compliance.
        case straightThrough
        /// To a person (manual review).
        case person
    }

    /// An application submitted in the window, and where routing sent it (nil: not assessed yet, or stopped at the
    /// prescreen or withdrawn before routing — neither counts for the straight-through rate).
    public struct Submission: Hashable, Sendable {
        public var at: Date
        public var route: Route?

        public init(at: Date, route: Route?) {
            self.at = at
            self.route = route
        }

        /// The route of an application from where it is now and whether a person ever decided it from a person's
        /// stage (manual review, escalated, second approval): decided by a person, or waiting for one, means routed to
        /// a person; past the automatic stages without one means straight through.
        public static func route(stage: Stage, decidedByPerson: Bool) -> Route? {
            if decidedByPerson || stage.needsPerson || stage == .infoRequested { return .person }
            switch stage {
            case .submitted, .prescreen, .assessment, .rejected, .withdrawn: return nil
            default: return .straightThrough
            }
        }
    }

    /// One decision row: when, what kind, the stages it moved between, its price override, and when its
    /// application was submitted.
    public struct Decision: Hashable, Sendable {
        public var at: Date
        /// The stored kind: `approve`, `approve-with`, `reject`, `escalate`, …
        public var kind: String
        public var from: Stage
        public var to: Stage
        public var priceOverride: Int?
        public var submittedAt: Date

        public init(at: Date, kind: String, from: Stage, to: Stage, priceOverride: Int? = nil, submittedAt: Date) {
            self.at = at
            self.kind = kind
            self.from = from
            self.to = to
            self.priceOverride = priceOverride
            self.submittedAt = submittedAt
        }

        /// Takes the application out of the stages where a person decides (the queue's depth falls).
        public var leavesQueue: Bool { from.needsPerson && !to.needsPerson }
        /// Brings an application back into those stages from elsewhere (the depth rises).
        public var entersQueue: Bool { !from.needsPerson && to.needsPerson }
        /// An approval: plain, or with changed terms.
        public var isApproval: Bool { kind == "approve" || kind == "approve-with" }
        /// An approval that changed what the model proposed: changed terms (`approve-with`) or a price override.
        public var isOverride: Bool { isApproval && (kind == "approve-with" || (priceOverride ?? 0) != 0) }
    }

    /// A margin call's life: opened, and met or closed out (nil while live).
    public struct Call: Hashable, Sendable {
        public var openedAt: Date
        public var metAt: Date?
        public var closedOutAt: Date?

        public init(openedAt: Date, metAt: Date? = nil, closedOutAt: Date? = nil) {
            self.openedAt = openedAt
            self.metAt = metAt
            self.closedOutAt = closedOutAt
        }

        /// Live at `t`: opened by then and not yet met or closed out.
        public func isOpen(at t: Date) -> Bool {
            openedAt <= t && (metAt.map { $0 > t } ?? true) && (closedOutAt.map { $0 > t } ?? true)
        }
    }

    /// When each alert of the window was raised.
    public var alertsRaised: [Date]
    public var submissions: [Submission]
    public var decisions: [Decision]
    /// Calls opened in the window, live now, or ended in the window.
    public var calls: [Call]
    /// Applications in the stages that need a person when the history was read.
    public var queueDepthNow: Int

    public init(alertsRaised: [Date] = [], submissions: [Submission] = [], decisions: [Decision] = [], calls: [Call] = [],
                queueDepthNow: Int = 0) {
        self.alertsRaised = alertsRaised
        self.submissions = submissions
        self.decisions = decisions
        self.calls = calls
        self.queueDepthNow = queueDepthNow
    }
}
