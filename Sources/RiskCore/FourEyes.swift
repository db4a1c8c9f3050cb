import Foundation

/// One earlier decision on an application, as the four-eyes rule needs to see it.
public struct PastDecision: Hashable, Sendable {
    public var actor: String
    /// `DecisionKind.name`, or `note`.
    public var kind: String
    public var from: Stage
    public var to: Stage
    public var line: Money?
    public var leverage: Leverage?
    /// The price override the decision set (nil: none).
    public var priceOverride: BasisPoints?

    public init(actor: String, kind: String, from: Stage, to: Stage, line: Money? = nil, leverage: Leverage? = nil,
                priceOverride: BasisPoints? = nil) {
        self.actor = actor
        self.kind = kind
        self.from = from
        self.to = to
        self.line = line
        self.leverage = leverage
        self.priceOverride = priceOverride
    }

    public var isApproval: Bool { kind == "approve" || kind == "approve-with" }
}

/// Why an approval needs a second, different approver.
public enum FourEyesReason: Hashable, Sendable, CustomStringConvertible {
    /// The line is above the four-eyes threshold.
    case amount(line: Money, threshold: Money)
    /// The price override is beyond what one person may set alone.
    case priceOverride(BasisPoints, limit: BasisPoints)

    public var description: String {
        switch self {
        case let .amount(line, threshold):
            "\(line.formattedWhole) is above the \(threshold.formattedWhole) four-eyes threshold"
        case let .priceOverride(override, limit):
            "a price override of \(override.signedText) is beyond ±\(limit.value) bp"
        }
    }
}

/// The four-eyes rule: who has approved in the current cycle, what they proposed, and when a second person must confirm.
public enum FourEyes {
    /// The decisions since the application last (re-)entered review: a request for information, a return from
    /// compliance or a new prescreen starts a new approval cycle, and approvals before it no longer count.
    public static func currentCycle(_ history: [PastDecision]) -> ArraySlice<PastDecision> {
        let restart = history.lastIndex { $0.kind != "note" && [.infoRequested, .prescreen, .manualReview].contains($0.to) }
        return history[(restart.map { $0 + 1 } ?? history.startIndex)...]
    }

    /// Everyone who approved in the current cycle, in order (a name may repeat).
    public static func approvers(_ history: [PastDecision]) -> [String] {
        currentCycle(history).filter(\.isApproval).map(\.actor)
    }

    /// The approval a second approver is asked to confirm: the latest one of the current cycle.
    public static func pendingProposal(_ history: [PastDecision]) -> PastDecision? {
        currentCycle(history).last(where: \.isApproval)
    }

    /// Why approving `line` with `priceOverride` needs a second approver; nil when one approval is enough.
    /// The console's dialog states this reason before Enter, so what it promises is what the pipeline does.
    public static func reason(line: Money, priceOverride: BasisPoints, policy: ApprovalPolicy) -> FourEyesReason? {
        if line > policy.fourEyesThreshold { return .amount(line: line, threshold: policy.fourEyesThreshold) }
        if !policy.maximumUnreviewedOverride.contains(priceOverride) {
            return .priceOverride(priceOverride, limit: policy.maximumUnreviewedOverride)
        }
        return nil
    }
}

extension BasisPoints {
    /// True when `other` lies within ±self (self taken as a non-negative bound); safe for any `Int`, `Int.min` included.
    public func contains(_ other: BasisPoints) -> Bool {
        let bound = Swift.max(value, 0)
        return other.value >= -bound && other.value <= bound
    }
}
