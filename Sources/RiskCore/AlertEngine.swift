import Foundation

/// An alert that is still open (open, acknowledged, escalated or snoozed), as the engine compares it with candidates.
public struct EngineAlert: Hashable, Sendable {
    public var id: Int64
    public var dedupeKey: String
    /// The stored rule text; an unknown rule (from a newer riskdesk) is never touched.
    public var rule: String
    public var subject: String
    public var severity: Severity
    public var message: String
    public var margin: MarginAlertDetails?
    /// When the engine last rewrote it (nil: never since it was raised by something else).
    public var updatedAt: Date?

    public init(id: Int64, dedupeKey: String, rule: String, subject: String, severity: Severity, message: String,
                margin: MarginAlertDetails? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.dedupeKey = dedupeKey
        self.rule = rule
        self.subject = subject
        self.severity = severity
        self.message = message
        self.margin = margin
        self.updatedAt = updatedAt
    }
}

/// What the engine decided for one evaluation: alerts to raise, to update in place, and to clear by themselves.
public struct AlertPlan: Hashable, Sendable {
    /// An open alert whose condition holds with a different message, severity, rule or details.
    public struct Update: Hashable, Sendable {
        public var alert: EngineAlert
        public var candidate: EngineCandidate
        /// True when the severity or rule changed (worth an audit entry), false for a new figure in the message.
        public var isMaterial: Bool { alert.severity != candidate.candidate.severity || alert.rule != candidate.candidate.rule.rawValue }
    }

    public var raise: [EngineCandidate] = []
    public var update: [Update] = []
    public var clear: [EngineAlert] = []

    public init() {}

    public var isEmpty: Bool { raise.isEmpty && update.isEmpty && clear.isEmpty }
}

/// The alert engine's rules: one open alert per dedupe key, raise what is new, update what changed, and clear by
/// itself what no longer holds — except AML alerts, which need a person.
public enum AlertEngine {
    /// Rules whose alerts close by themselves when the condition is gone. AML alerts never do: a pattern that
    /// happened stays something a person must look at.
    public static func clearsItself(_ rule: AlertRule) -> Bool {
        switch rule {
        case .amlStructuring, .amlFunnel, .amlDormant, .amlVelocity: false
        case .marginWarning, .marginCloseOut, .positionConcentration, .floatConcentration, .volatilityMove, .limitDown,
             .kycExpiring, .kycExpired, .slaBreach, .modelDrift, .sentimentExtreme: true
        }
    }

    /// Rules that are steps of one condition: an account's maintenance ratio is one alert that moves from warning to
    /// close-out (and back), a customer's KYC one alert from expiring to expired. Others are their own family.
    public static func family(_ rule: String) -> String {
        switch rule {
        case AlertRule.marginWarning.rawValue, AlertRule.marginCloseOut.rawValue: "margin"
        case AlertRule.kycExpiring.rawValue, AlertRule.kycExpired.rawValue: "kyc"
        default: rule
        }
    }

    /// The key that matches a candidate with an open alert of the same family, subject and scope.
    static func familyKey(subject: String, rule: String, dedupeKey: String) -> String {
        // The dedupe key is `subject|rule` or `subject|rule|scope`: keep the scope, swap the rule for its family.
        let prefix = subject + "|" + rule
        guard dedupeKey.hasPrefix(prefix) else { return subject + "|" + family(rule) + "|" + dedupeKey }
        let family = family(rule)
        // A rule that is its own family keeps its key as it is (most rules; saves building it again on every tick).
        if family == rule { return dedupeKey }
        return subject + "|" + family + String(dedupeKey.dropFirst(prefix.count))
    }

    /// The plan for one evaluation.
    /// - Parameters:
    ///   - open: the open alerts of the evaluated subjects (others are ignored).
    ///   - candidates: what the rules found now for those subjects.
    ///   - subjects: the subjects that were evaluated.
    ///   - rules: the rules that were evaluated for them; an open alert under another rule is left alone.
    ///   - now, refresh: a change of figures only (same rule and severity) is written when the alert was last
    ///     rewritten at least `refresh` seconds before `now` (or never), so a live feed does not rewrite every
    ///     alert row on every tick; a change of rule or severity is always written.
    public static func plan(open: [EngineAlert], candidates: [EngineCandidate], subjects: Set<String>,
                            rules: Set<AlertRule>, now: Date? = nil, refresh: TimeInterval = 0) -> AlertPlan {
        var plan = AlertPlan()
        let evaluatedRules = Set(rules.map(\.rawValue))
        let scoped = open.filter { subjects.contains($0.subject) && evaluatedRules.contains($0.rule) }
            .sorted { $0.id < $1.id }
        var byKey: [String: EngineAlert] = [:]
        var byFamily: [String: EngineAlert] = [:]
        for alert in scoped {
            if byKey[alert.dedupeKey] == nil { byKey[alert.dedupeKey] = alert }
            let family = familyKey(subject: alert.subject, rule: alert.rule, dedupeKey: alert.dedupeKey)
            if byFamily[family] == nil { byFamily[family] = alert }
        }
        var matched = Set<Int64>()
        var seen = Set<String>()
        for engineCandidate in candidates {
            let c = engineCandidate.candidate
            // One open alert per key: a second candidate for the same key is the same alert.
            guard subjects.contains(c.subject), seen.insert(c.dedupeKey).inserted else { continue }
            let family = familyKey(subject: c.subject, rule: c.rule.rawValue, dedupeKey: c.dedupeKey)
            let existing = byKey[c.dedupeKey].flatMap { matched.contains($0.id) ? nil : $0 }
                ?? byFamily[family].flatMap { matched.contains($0.id) ? nil : $0 }
            guard let alert = existing else {
                plan.raise.append(engineCandidate)
                continue
            }
            matched.insert(alert.id)
            let update = AlertPlan.Update(alert: alert, candidate: engineCandidate)
            let changed = alert.message != c.message || alert.margin != engineCandidate.margin
            var due = true
            if let now, let last = alert.updatedAt { due = now.timeIntervalSince(last) >= refresh }
            if update.isMaterial || (changed && due) {
                plan.update.append(update)
            }
        }
        for alert in scoped where !matched.contains(alert.id) {
            guard let rule = AlertRule(rawValue: alert.rule), clearsItself(rule) else { continue }
            plan.clear.append(alert)
        }
        return plan
    }
}
