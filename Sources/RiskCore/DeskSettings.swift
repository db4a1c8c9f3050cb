import Foundation

/// The registry of every threshold of domain.md as a stored, audited setting, and the pure functions that build
/// the policies from stored values. The store holds only the values; kinds, ranges, defaults and rules live here.
public enum DeskSettings {
    public enum Key {
        public static let fourEyesThreshold = "policy.four_eyes_threshold_fen"
        public static let officerLimit = "policy.officer_limit_fen"
        public static let overrideUnreviewed = "policy.override_unreviewed_bp"
        public static let overrideMaximum = "policy.override_max_bp"
        public static let claimMinutes = "policy.claim_minutes"
        public static let rollbackDays = "policy.rollback_days"
        public static let autoApprovePD = "policy.auto_approve_pd"
        public static let minimumAssets = "policy.minimum_assets_fen"
        public static let minimumSuitability = "policy.minimum_suitability"
        public static let financingMarginRatio = "policy.financing_margin_ratio_bp"
        public static let positionShare = "alert.position_share"
        public static let floatShare = "alert.float_share"
        public static let limitShare = "alert.limit_share"
        public static let reportingThreshold = "alert.reporting_threshold_fen"
        public static let structuringBand = "alert.structuring_band"
        public static let structuringCount = "alert.structuring_count"
        public static let funnelSources = "alert.funnel_sources"
        public static let dormantDays = "alert.dormant_days"
        public static let dormantRecentDays = "alert.dormant_recent_days"
        public static let dormantAmount = "alert.dormant_amount_fen"
        public static let velocityCount = "alert.velocity_count"
        public static let kycWarningDays = "alert.kyc_warning_days"
        public static let psiCritical = "alert.psi_critical"
        public static let marginWarning = "margin.warning_bp"
        public static let marginCloseOut = "margin.closeout_bp"
        public static let marginRecovery = "margin.recovery_bp"
        public static let snoozeMaximumDays = "alert.snooze_max_days"
        public static let staleAfterSeconds = "desk.stale_after_seconds"
        public static let marginCallDeadlineDays = "margin.call_deadline_days"
        public static let marginCallExtensionDays = "margin.call_extension_max_days"
        public static let feedTimerSeconds = "feed.timer_seconds"
        public static let feedDriftWindow = "feed.drift_window"
        public static let feedRefreshSeconds = "feed.refresh_seconds"
        // Sentiment policy and desk metrics (issue 9). The band is the pricing parameter `sentiment_band`.
        public static let sentimentAutoApprovePD = "policy.sentiment_auto_approve_pd"
        public static let sentimentHysteresis = "policy.sentiment_hysteresis"
        public static let marginCallProtectionMinutes = "policy.margin_call_protection_minutes"
        public static let reviewMinutes = "metrics.review_minutes"
        // Model monitoring (issue 10).
        public static let monitorWindowDays = "model.monitor_window_days"
        public static let monitorIntervalMinutes = "model.monitor_interval_minutes"
    }

    private static func money(_ yuan: Int64) -> Money { Money(yuan: yuan) }

    /// Every setting, in the order they are listed. Defaults are the figures of domain.md and of the policy types.
    public static let all: [SettingDefinition] = {
        let approval = ApprovalPolicy(), screening = ScreeningPolicy(), alerts = AlertThresholds(), lines = MarginLines()
        let calls = MarginCallPolicy()
        return [
            SettingDefinition(Key.fourEyesThreshold, .money, range: .money(money(10_000)...money(1_000_000_000)),
                              default: .money(approval.fourEyesThreshold), "approvals above this line need a second approver (four eyes)"),
            SettingDefinition(Key.officerLimit, .money, range: .money(money(10_000)...money(1_000_000_000)),
                              default: .money(screening.officerLimit), "lines above this go to manual review; at most the four-eyes threshold"),
            SettingDefinition(Key.overrideUnreviewed, .basisPoints, range: .whole(0...300),
                              default: .whole(approval.maximumUnreviewedOverride.value), "price overrides beyond ± this need another supervisor's approval"),
            SettingDefinition(Key.overrideMaximum, .basisPoints, range: .whole(0...1_000),
                              default: .whole(approval.maximumOverride.value), "no price override may go beyond ± this"),
            SettingDefinition(Key.claimMinutes, .minutes, range: .whole(1...480),
                              default: .whole(Int.rounding(approval.claimDuration / 60, within: 1...480) ?? 30), "how long opening a decision holds an application"),
            SettingDefinition(Key.rollbackDays, .days, range: .whole(1...30),
                              default: .whole(Int.rounding(approval.rollbackWindow / 86_400, within: 1...30) ?? 5), "how long after approval a supervisor may roll it back"),
            SettingDefinition(Key.autoApprovePD, .fraction, range: .fraction(0...0.25),
                              default: .fraction(screening.autoApprovePD), "below this PD (grade ≤ B, no flags) an application goes straight through"),
            SettingDefinition(Key.minimumAssets, .money, range: .money(money(0)...money(100_000_000)),
                              default: .money(screening.minimumAssets), "prescreen: minimum securities assets"),
            SettingDefinition(Key.minimumSuitability, .suitability, range: .suitability(.c1 ... .c5),
                              default: .suitability(screening.minimumSuitability), "prescreen: minimum suitability level"),
            SettingDefinition(Key.financingMarginRatio, .basisPoints, range: .whole(5_000...30_000),
                              default: .whole(screening.financingMarginRatio.value), "financing margin ratio for new contracts (10000 bp = 100%)"),
            SettingDefinition(Key.positionShare, .fraction, range: .fraction(0.05...1),
                              default: .fraction(alerts.positionShare), "concentration alert: one position above this share of collateral"),
            SettingDefinition(Key.floatShare, .fraction, range: .fraction(0.01...1),
                              default: .fraction(alerts.floatShare), "concentration alert: financing balance at this share of the float"),
            SettingDefinition(Key.limitShare, .fraction, range: .fraction(0.1...1),
                              default: .fraction(alerts.limitShare), "volatility alert: a move beyond this share of the daily limit"),
            SettingDefinition(Key.reportingThreshold, .money, range: .money(money(1_000)...money(10_000_000)),
                              default: .money(alerts.reportingThreshold), "AML: the cash reporting threshold"),
            SettingDefinition(Key.structuringBand, .fraction, range: .fraction(0.5...0.99),
                              default: .fraction(alerts.structuringBand), "AML structuring: deposits at or above this share of the threshold"),
            SettingDefinition(Key.structuringCount, .count, range: .whole(2...100),
                              default: .whole(alerts.structuringCount), "AML structuring: this many such deposits"),
            SettingDefinition(Key.funnelSources, .count, range: .whole(2...100),
                              default: .whole(alerts.funnelSources), "AML funnel: funds from this many sources"),
            SettingDefinition(Key.dormantDays, .days, range: .whole(30...3_650),
                              default: .whole(alerts.dormantDays), "AML dormant: an account idle this long"),
            SettingDefinition(Key.dormantRecentDays, .days, range: .whole(1...90),
                              default: .whole(alerts.dormantRecentDays), "AML dormant: woken within this many days"),
            SettingDefinition(Key.dormantAmount, .money, range: .money(money(1_000)...money(100_000_000)),
                              default: .money(alerts.dormantAmount), "AML dormant: by a transfer of at least this"),
            SettingDefinition(Key.velocityCount, .count, range: .whole(2...1_000),
                              default: .whole(alerts.velocityCount), "AML velocity: this many transfers in a day"),
            SettingDefinition(Key.kycWarningDays, .days, range: .whole(1...365),
                              default: .whole(alerts.kycWarningDays), "KYC alert: expiry within this many days"),
            SettingDefinition(Key.psiCritical, .decimal, range: .fraction(0.05...1),
                              default: .fraction(alerts.psiCritical), "model drift: PSI above this is critical (the drift alert); from 0.10 up to it is watch"),
            SettingDefinition(Key.marginWarning, .basisPoints, range: .whole(10_000...30_000),
                              default: .whole(lines.warning.value), "new contracts: warning line of the maintenance ratio"),
            SettingDefinition(Key.marginCloseOut, .basisPoints, range: .whole(10_000...30_000),
                              default: .whole(lines.closeOut.value), "new contracts: close-out line, below the warning line"),
            SettingDefinition(Key.marginRecovery, .basisPoints, range: .whole(10_000...40_000),
                              default: .whole(lines.recovery.value), "new contracts: recovery line, at or above the warning line"),
            SettingDefinition(Key.snoozeMaximumDays, .days, range: .whole(1...30),
                              default: .whole(Int.rounding(AlertLifecyclePolicy().maximumSnooze / 86_400, within: 1...30) ?? 3),
                              "the longest a person may snooze an alert"),
            SettingDefinition(Key.staleAfterSeconds, .count, range: .whole(5...3_600),
                              default: .whole(Int(defaultStaleAfter)), "console: seconds without a market update before the header shows STALE"),
            SettingDefinition(Key.marginCallDeadlineDays, .days, range: .whole(1...10),
                              default: .whole(calls.deadlineDays), "margin call: trading days to meet it (T+N)"),
            SettingDefinition(Key.marginCallExtensionDays, .days, range: .whole(1...10),
                              default: .whole(calls.maximumExtensionDays), "margin call: most trading days one supervisor extension adds"),
            SettingDefinition(Key.feedTimerSeconds, .count, range: .whole(1...3_600),
                              default: .whole(FeedTiming().timerSeconds), "feed: seconds between the KYC, SLA, drift and sentiment checks"),
            SettingDefinition(Key.feedDriftWindow, .count, range: .whole(50...100_000),
                              default: .whole(FeedTiming().driftWindow),
                              "model monitoring: PSI and CSI over at most this many of the window's most recent scores"),
            SettingDefinition(Key.feedRefreshSeconds, .count, range: .whole(0...3_600),
                              default: .whole(FeedTiming().refreshSeconds), "feed: seconds before an open alert's changed figures are rewritten"),
            SettingDefinition(Key.sentimentAutoApprovePD, .fraction, range: .fraction(0...0.25),
                              default: .fraction(screening.autoApprovePD / 2),
                              "sentiment policy tightened: the auto-approve PD threshold (the normal one if that is lower)"),
            SettingDefinition(Key.sentimentHysteresis, .decimal, range: .fraction(0...0.5), default: .fraction(0.05),
                              "sentiment policy: the index must come back this far inside the band to return to normal"),
            SettingDefinition(Key.marginCallProtectionMinutes, .minutes, range: .whole(0...10_080), default: .whole(0),
                              "sentiment policy tightened: minutes a new margin call is protected from close-out"),
            SettingDefinition(Key.reviewMinutes, .minutes, range: .whole(1...480), default: .whole(DeskMetrics.defaultReviewMinutes),
                              "desk metrics: minutes of an officer's review each straight-through application saves"),
            SettingDefinition(Key.monitorWindowDays, .days, range: .whole(1...365),
                              default: .whole(ModelMonitoringPolicy().windowDays),
                              "model monitoring: PSI and CSI over the applications scored in this many days back"),
            SettingDefinition(Key.monitorIntervalMinutes, .minutes, range: .whole(1...1_440),
                              default: .whole(ModelMonitoringPolicy().intervalMinutes),
                              "model monitoring: the feed records a reading (and checks drift) at most this often"),
        ]
    }()

    private static let byKey: [String: SettingDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

    public static func definition(_ key: String) throws(SettingError) -> SettingDefinition {
        guard let definition = byKey[key] else { throw .unknownKey(key) }
        return definition
    }

    public static func isRegistered(_ key: String) -> Bool { byKey[key] != nil }

    /// Every setting's value: the stored one where there is one, the default otherwise. A stored value that does
    /// not decode or is out of range is refused (`.corruptStored`), never replaced by the default.
    public static func values(from stored: [String: String]) throws(SettingError) -> [String: SettingValue] {
        var values: [String: SettingValue] = [:]
        for definition in all {
            values[definition.key] = try stored[definition.key].map { text throws(SettingError) in
                try definition.decode(stored: text)
            } ?? definition.defaultValue
        }
        return values
    }

    /// The rules between settings, on a complete set of values (as `values(from:)` returns).
    ///
    /// - The officer limit is at most the four-eyes threshold: a line above the four-eyes threshold must never
    ///   go straight through routing, so every such line reaches a person (and then a second one).
    /// - The unreviewed override is at most the maximum override.
    /// - Close-out < warning ≤ recovery for new contracts.
    /// - An account must have woken more recently than it slept: dormant-recent days < dormant days.
    public static func checkConsistency(_ values: [String: SettingValue]) throws(SettingError) {
        let officer = money(Key.officerLimit, values), fourEyes = money(Key.fourEyesThreshold, values)
        if officer > fourEyes {
            throw .conflict("the officer limit \(officer.formattedWhole) must not exceed the four-eyes threshold \(fourEyes.formattedWhole): lines between them would go straight through without a second approver")
        }
        let unreviewed = whole(Key.overrideUnreviewed, values), maximum = whole(Key.overrideMaximum, values)
        if unreviewed > maximum {
            throw .conflict("the unreviewed override ±\(unreviewed) bp must not exceed the maximum override ±\(maximum) bp")
        }
        let warning = whole(Key.marginWarning, values), closeOut = whole(Key.marginCloseOut, values)
        let recovery = whole(Key.marginRecovery, values)
        if closeOut >= warning {
            throw .conflict("the close-out line \(closeOut) bp must be below the warning line \(warning) bp")
        }
        if recovery < warning {
            throw .conflict("the recovery line \(recovery) bp must be at or above the warning line \(warning) bp")
        }
        let dormant = whole(Key.dormantDays, values), recent = whole(Key.dormantRecentDays, values)
        if recent >= dormant {
            throw .conflict("the dormant-recent window (\(recent) days) must be shorter than the dormant period (\(dormant) days)")
        }
    }

    /// Checks a change of one setting: the key exists, the text parses within range and the result keeps every rule
    /// between settings. Returns the value to store. `stored` is what the table holds now.
    public static func change(_ key: String, to text: String, stored: [String: String]) throws(SettingError) -> SettingValue {
        let definition = try definition(key)
        let value = try definition.parse(text)
        // The setting being changed is read from the new text, so a corrupt stored value of it can be repaired.
        var others = stored
        others[key] = nil
        var values = try values(from: others)
        values[key] = value
        try checkConsistency(values)
        return value
    }

    /// How long the market feed may stay silent before a console calls its prices stale (seconds).
    public static let defaultStaleAfter: TimeInterval = 30

    /// The console's market staleness limit from stored values, in seconds.
    public static func staleAfter(from stored: [String: String]) throws(SettingError) -> TimeInterval {
        TimeInterval(whole(Key.staleAfterSeconds, try values(from: stored)))
    }

    /// The approval policy from stored values (absent keys take their default; corrupt ones are refused).
    public static func approvalPolicy(from stored: [String: String]) throws(SettingError) -> ApprovalPolicy {
        let v = try values(from: stored)
        return ApprovalPolicy(fourEyesThreshold: money(Key.fourEyesThreshold, v),
                              maximumUnreviewedOverride: BasisPoints(whole(Key.overrideUnreviewed, v)),
                              maximumOverride: BasisPoints(whole(Key.overrideMaximum, v)),
                              rollbackWindow: TimeInterval(whole(Key.rollbackDays, v)) * 86_400,
                              claimDuration: TimeInterval(whole(Key.claimMinutes, v)) * 60)
    }

    /// The screening policy from stored values.
    public static func screeningPolicy(from stored: [String: String]) throws(SettingError) -> ScreeningPolicy {
        let v = try values(from: stored)
        var policy = ScreeningPolicy()
        policy.minimumAssets = money(Key.minimumAssets, v)
        if case let .suitability(level)? = v[Key.minimumSuitability] { policy.minimumSuitability = level }
        policy.financingMarginRatio = BasisPoints(whole(Key.financingMarginRatio, v))
        policy.autoApprovePD = fraction(Key.autoApprovePD, v)
        policy.officerLimit = money(Key.officerLimit, v)
        return sentimentPolicy(from: stored).screening(policy, tightenedPD: fraction(Key.sentimentAutoApprovePD, v))
    }

    /// The sentiment policy the feed recorded (normal when none was).
    public static func sentimentPolicy(from stored: [String: String]) -> SentimentPolicy {
        SentimentPolicy.recorded(stored[SentimentPolicy.settingKey])
    }

    /// The hysteresis of the sentiment policy's switch back to normal.
    public static func sentimentHysteresis(from stored: [String: String]) throws(SettingError) -> Double {
        fraction(Key.sentimentHysteresis, try values(from: stored))
    }

    /// Minutes of review each straight-through application saves (desk metrics).
    public static func reviewMinutes(from stored: [String: String]) throws(SettingError) -> Int {
        whole(Key.reviewMinutes, try values(from: stored))
    }

    /// The alert thresholds from stored values.
    public static func alertThresholds(from stored: [String: String]) throws(SettingError) -> AlertThresholds {
        let v = try values(from: stored)
        var t = AlertThresholds()
        t.positionShare = fraction(Key.positionShare, v)
        t.floatShare = fraction(Key.floatShare, v)
        t.limitShare = fraction(Key.limitShare, v)
        t.reportingThreshold = money(Key.reportingThreshold, v)
        t.structuringBand = fraction(Key.structuringBand, v)
        t.structuringCount = whole(Key.structuringCount, v)
        t.funnelSources = whole(Key.funnelSources, v)
        t.dormantDays = whole(Key.dormantDays, v)
        t.dormantRecentDays = whole(Key.dormantRecentDays, v)
        t.dormantAmount = money(Key.dormantAmount, v)
        t.velocityCount = whole(Key.velocityCount, v)
        t.kycWarningDays = whole(Key.kycWarningDays, v)
        t.psiCritical = fraction(Key.psiCritical, v)
        return t
    }

    /// The alert lifecycle's limits from stored values.
    public static func alertLifecyclePolicy(from stored: [String: String]) throws(SettingError) -> AlertLifecyclePolicy {
        let v = try values(from: stored)
        return AlertLifecyclePolicy(maximumSnooze: TimeInterval(whole(Key.snoozeMaximumDays, v)) * 86_400)
    }

    /// The warning, close-out and recovery lines new contracts take, with the financing ratio they are signed under.
    public static func newContractLines(from stored: [String: String]) throws(SettingError) -> MarginLines {
        let v = try values(from: stored)
        return MarginLines(warning: BasisPoints(whole(Key.marginWarning, v)), closeOut: BasisPoints(whole(Key.marginCloseOut, v)),
                           recovery: BasisPoints(whole(Key.marginRecovery, v)),
                           financingMarginRatio: BasisPoints(whole(Key.financingMarginRatio, v)))
    }

    /// The margin-call policy from stored values.
    public static func marginCallPolicy(from stored: [String: String]) throws(SettingError) -> MarginCallPolicy {
        let v = try values(from: stored)
        let normal = MarginCallPolicy(deadlineDays: whole(Key.marginCallDeadlineDays, v),
                                      maximumExtensionDays: whole(Key.marginCallExtensionDays, v))
        return sentimentPolicy(from: stored).marginCalls(normal, protection: TimeInterval(whole(Key.marginCallProtectionMinutes, v)) * 60)
    }

    /// The defaults as stored text, for writing a new database's settings from the registry.
    public static var defaultStoredValues: [(key: String, value: String)] {
        all.map { ($0.key, $0.defaultValue.storedText) }
    }

    // Accessors on a complete value set; the registry guarantees each key's kind, so a mismatch is a programming error
    // caught by the tests, answered here with the definition's default rather than a trap.
    private static func money(_ key: String, _ values: [String: SettingValue]) -> Money {
        if case let .money(m)? = values[key] { return m }
        if case let .money(m)? = byKey[key]?.defaultValue { return m }
        return .zero
    }

    private static func whole(_ key: String, _ values: [String: SettingValue]) -> Int {
        if case let .whole(n)? = values[key] { return n }
        if case let .whole(n)? = byKey[key]?.defaultValue { return n }
        return 0
    }

    private static func fraction(_ key: String, _ values: [String: SettingValue]) -> Double {
        if case let .fraction(x)? = values[key] { return x }
        if case let .fraction(x)? = byKey[key]?.defaultValue { return x }
        return 0
    }
}
