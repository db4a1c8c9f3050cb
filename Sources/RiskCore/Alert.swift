import Foundation

/// How urgent an alert is; shown as a text tag and a colour, never colour alone.
public enum Severity: String, CaseIterable, Comparable, Sendable, Codable {
    case info, warning, critical

    private var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// `INFO`, `WARN`, `CRIT`.
    public var tag: String {
        switch self {
        case .info: "INFO"
        case .warning: "WARN"
        case .critical: "CRIT"
        }
    }
}

/// The rules of domain.md that raise alerts.
public enum AlertRule: String, CaseIterable, Sendable, Codable {
    case marginWarning = "margin.warning"
    case marginCloseOut = "margin.closeout"
    case positionConcentration = "concentration.position"
    case floatConcentration = "concentration.float"
    case volatilityMove = "volatility.move"
    case limitDown = "volatility.limit_down"
    case amlStructuring = "aml.structuring"
    case amlFunnel = "aml.funnel"
    case amlDormant = "aml.dormant"
    case amlVelocity = "aml.velocity"
    case kycExpiring = "kyc.expiring"
    /// KYC already expired: a warning with its own key, so it opens while the "expiring" info alert is open or resolved.
    case kycExpired = "kyc.expired"
    case slaBreach = "sla.breach"
    case modelDrift = "model.drift"
    case sentimentExtreme = "sentiment.extreme"
}

/// Where an alert is in its lifecycle.
public enum AlertState: String, CaseIterable, Sendable, Codable {
    case open, acknowledged, resolved, escalated, snoozed
}

/// An alert a rule wants raised; the store keeps one open alert per dedupe key.
public struct AlertCandidate: Hashable, Sendable {
    public var rule: AlertRule
    public var severity: Severity
    /// `account:ACC-00012`, `instrument:600519`, `application:APP-000001`, `model:sc-2026.1`, `market`.
    public var subject: String
    /// What within the subject the alert is about when a rule can fire more than once per subject
    /// (the instrument code of a concentrated or limit-down position); nil when the rule fires once per subject.
    public var scope: String?
    public var message: String

    public init(rule: AlertRule, severity: Severity, subject: String, scope: String? = nil, message: String) {
        self.rule = rule
        self.severity = severity
        self.subject = subject
        self.scope = scope
        self.message = message
    }

    /// One open alert per (subject, rule), or per (subject, rule, scope) when the rule has a scope:
    /// `account:ACC-7|concentration.position|600036`.
    public var dedupeKey: String {
        let key = "\(subject)|\(rule.rawValue)"
        return scope.map { key + "|" + $0 } ?? key
    }
}

/// A movement of money in or out of an account, for the AML rules.
public struct Transfer: Hashable, Sendable, Codable {
    public enum Direction: String, CaseIterable, Sendable, Codable { case incoming = "in", outgoing = "out" }
    public var at: Date
    public var amount: Money
    public var direction: Direction
    public var counterparty: String

    public init(at: Date, amount: Money, direction: Direction, counterparty: String) {
        self.at = at
        self.amount = amount
        self.direction = direction
        self.counterparty = counterparty
    }
}

/// Thresholds of the alert rules; stored as settings.
public struct AlertThresholds: Hashable, Sendable, Codable {
    public var positionShare: Double = 0.30
    public var floatShare: Double = 0.25
    /// A move beyond this share of the board's daily limit raises a volatility alert.
    public var limitShare: Double = 0.7
    public var reportingThreshold: Money = Money(yuan: 50_000)
    /// Deposits at or above this share of the reporting threshold (and below it) look like structuring.
    public var structuringBand: Double = 0.9
    public var structuringCount: Int = 3
    public var funnelSources: Int = 5
    public var dormantDays: Int = 180
    /// How recent the waking transfer must be for the dormant rule: an account that woke years ago is not news.
    public var dormantRecentDays: Int = 7
    public var dormantAmount: Money = Money(yuan: 100_000)
    public var velocityCount: Int = 10
    public var kycWarningDays: Int = 30
    public var psiCritical: Double = 0.25
    public var sentimentBand: Double = 0.6

    public init() {}
}
