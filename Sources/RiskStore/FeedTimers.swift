import Foundation
import GRDB
import RiskCore

/// What one run of the feed's timed checks did.
public struct FeedTimerResult: Hashable, Sendable {
    public var kyc = EngineOutcome()
    public var sla = EngineOutcome()
    public var drift = EngineOutcome()
    public var sentiment = EngineOutcome()
    /// The PSI of the default target's champion when this run recorded a monitoring reading (at most every
    /// `model.monitor_interval_minutes`); nil when no reading was due or the champion had no recent scores.
    public var psi: Double?
    /// Monitoring readings recorded by this run (one per champion and challenger when due, else none).
    public var readings = 0

    public init() {}

    public var total: EngineOutcome {
        var sum = kyc
        sum += sla
        sum += drift
        sum += sentiment
        return sum
    }
}

extension RiskStore {
    /// The feed's timing settings.
    public func feedTiming() throws(StoreError) -> FeedTiming {
        try read { db in
            let stored = try Self.storedSettings(db)
            return try Self.settingRuling { () throws(SettingError) in try DeskSettings.feedTiming(from: stored) }
        }
    }

    /// The timed checks, in one transaction: KYC expiries as time passes, SLA breaches of applications waiting for a
    /// person, model monitoring and drift (`recordModelMonitoring`, when a reading is due), and the sentiment band (recording `sentiment` as the market's index when given).
    public func runFeedTimers(at now: Date, sentiment: Double?) throws(StoreError) -> FeedTimerResult {
        try write { db in try Self.runFeedTimers(at: now, sentiment: sentiment, db) }
    }

    static func runFeedTimers(at now: Date, sentiment: Double?, _ db: Database) throws -> FeedTimerResult {
        let stored = try storedSettings(db)
        let thresholds = try settingRuling { () throws(SettingError) in try DeskSettings.alertThresholds(from: stored) }
        var result = FeedTimerResult()
        result.kyc = try checkKYC(thresholds: thresholds, at: now, db)
        result.sla = try checkSLA(at: now, db)
        if let run = try monitorModelsIfDue(at: now, db) {
            result.drift = run.alerts
            result.psi = run.championPSI
            result.readings = run.readings.count
        }
        if let sentiment {
            result.sentiment = try checkSentiment(sentiment, thresholds: thresholds, at: now, db)
        }
        try FeedHooks.onTimer(at: now, db)
        return result
    }

    /// Customers whose KYC expires within the window (or has expired), and those with an open KYC alert (renewed ones clear).
    static func checkKYC(thresholds: AlertThresholds, at now: Date, _ db: Database) throws -> EngineOutcome {
        let horizon = now.addingTimeInterval(Double(thresholds.kycWarningDays + 1) * 86_400).timeIntervalSince1970
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM customers WHERE kyc_expiry < ?
            UNION SELECT c.* FROM customers c JOIN alerts a ON a.subject = 'customer:' || c.id
              WHERE a.rule IN ('kyc.expiring','kyc.expired') AND a.state IN \(unresolvedStates)
            """, arguments: [horizon])
        let customers = try rows.map(Rows.customer)
        let candidates = customers.flatMap { AlertRules.evaluate($0, now: now, thresholds: thresholds).map { EngineCandidate($0) } }
        return try runEngine(subjects: Set(customers.map { "customer:\($0.id)" }), candidates: candidates,
                             rules: AlertEngine.kycRules, at: now, db)
    }

    /// The SLA alerts to change: applications waiting for a person past their SLA with no unresolved SLA alert yet (to
    /// raise), and unresolved SLA alerts whose application no longer waits or is no longer late (to clear). Only these
    /// deltas are read and planned: an application already alerted and still late keeps its alert as it is, so a run
    /// costs an index probe per late application instead of decoding and re-planning every one of them (on a desk
    /// with 300,000 late applications that was 25 s inside the feed's write lock).
    static func checkSLA(at now: Date, _ db: Database) throws -> EngineOutcome {
        let waiting = Stage.allCases.filter(\.needsPerson).map { "'\($0.rawValue)'" }.joined(separator: ",")
        let prefix = "application:"
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.* FROM applications p WHERE p.stage IN (\(waiting)) AND p.sla_due < ?
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.subject = '\(prefix)' || p.id AND a.state IN \(unresolvedStates)
                              AND a.rule = 'sla.breach')
            UNION SELECT p.* FROM alerts a JOIN applications p ON p.id = substr(a.subject, \(prefix.count + 1))
              WHERE a.rule = 'sla.breach' AND a.state IN \(unresolvedStates) AND a.subject LIKE '\(prefix)%'
                AND (p.stage NOT IN (\(waiting)) OR p.sla_due >= ?)
            """, arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970])
        let apps = try rows.map(Rows.application)
        let candidates = apps.flatMap { AlertRules.evaluate($0, now: now).map { EngineCandidate($0) } }
        return try runEngine(subjects: Set(apps.map { "\(prefix)\($0.id)" }), candidates: candidates,
                             rules: [.slaBreach], at: now, db)
    }

    /// Records the market's sentiment index (audited when its two-decimal value changes), switches the sentiment
    /// policy when the index crosses its band (one audited `sentiment_policy.switch` per crossing, with hysteresis on
    /// the way back) and checks the alert. The band is the pricing parameter `sentiment_band`: the premium, the
    /// policy and the alert start at the same index.
    static func checkSentiment(_ index: Double, thresholds: AlertThresholds, at now: Date, _ db: Database) throws -> EngineOutcome {
        guard index.isFinite, (-1...1).contains(index) else {
            throw StoreError.invalidInput("sentiment \(index) is outside [−1, 1]")
        }
        let text = String(format: "%.2f", index)
        let old = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [SettingKey.sentiment])
        if old.flatMap(Double.init).map({ String(format: "%.2f", $0) }) != text {
            try setSetting(SettingKey.sentiment, to: text, by: engineActor, reason: "market sentiment index from the feed", at: now, db)
        }
        var thresholds = thresholds
        thresholds.sentimentBand = try pricingParameters(db).sentimentBand
        try switchSentimentPolicy(index, band: thresholds.sentimentBand, at: now, db)
        let candidates = AlertRules.evaluateSentiment(index, thresholds: thresholds).map { EngineCandidate($0) }
        return try runEngine(subjects: ["market"], candidates: candidates, rules: [.sentimentExtreme], at: now, db)
    }

    /// Writes the policy the index calls for when it differs from the recorded one, with its audit entry; returns the
    /// switch, nil when the policy stays.
    @discardableResult
    static func switchSentimentPolicy(_ index: Double, band: Double, at now: Date, _ db: Database) throws -> SentimentPolicySwitch? {
        let stored = try storedSettings(db)
        let current = DeskSettings.sentimentPolicy(from: stored)
        let hysteresis = try settingRuling { () throws(SettingError) in try DeskSettings.sentimentHysteresis(from: stored) }
        let next = SentimentPolicy.next(after: current, index: index, band: band, hysteresis: hysteresis)
        guard next != current else { return nil }
        let change = SentimentPolicySwitch(from: current, to: next, index: index, band: band)
        try storeSetting(SentimentPolicy.settingKey, next.rawValue, by: engineActor, at: now, db)
        try AuditChain.append(AuditRecord(actor: engineActor, action: "sentiment_policy.switch", subject: "market",
                                          before: ["policy": current.rawValue],
                                          after: ["policy": next.rawValue, "index": String(format: "%.2f", index),
                                                  "band": String(format: "%.2f", band)],
                                          reason: change.summary), at: now, db)
        return change
    }
}
